package io.wxrelay.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.FreePort;
import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus (Debian's {@code prometheus}) that a test starts in a folder of its own, with
 * the project's deploy/prometheus/prometheus.yml (scraping and evaluating every second instead of
 * every 5) and the rules it is given, scraping the targets it is given. Stopped by its PID.
 */
record PrometheusProcess(URI base, Process process, Path log) implements AutoCloseable {
  private static final Pattern INTERVALS =
      Pattern.compile("(?m)^(\\s+(?:scrape|evaluation|refresh)_interval: )5s$");

  /** A target of the {@code wxrelay} job, labelled as scripts/up.sh labels them. */
  record Target(int port, String service, String replica) {
    String json() {
      return "{\"targets\": [\"127.0.0.1:%d\"], \"labels\": {\"service\": \"%s\", \"replica\": \"%s\"}}"
          .formatted(port, service, replica);
    }
  }

  static PrometheusProcess start(Path dir, String rules, List<Target> targets) throws IOException {
    Promtool.run("--version"); // fails saying how to install Prometheus when it is missing
    String config = Files.readString(Shell.root().resolve("deploy/prometheus/prometheus.yml"));
    Matcher intervals = INTERVALS.matcher(config);
    assertThat(intervals.results().count()).as("the intervals of prometheus.yml").isEqualTo(3);
    Files.writeString(dir.resolve("prometheus.yml"), intervals.replaceAll(m -> m.group(1) + "1s"));
    Files.writeString(dir.resolve("alerts.yml"), rules);
    Files.createDirectories(dir.resolve("targets"));
    Files.writeString(
        dir.resolve("targets/wxrelay.json"),
        "[" + String.join(",\n", targets.stream().map(Target::json).toList()) + "]\n");
    int port = FreePort.next();
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess prometheus =
        new PrometheusProcess(URI.create("http://127.0.0.1:" + port), process, log);
    try {
      await().atMost(Duration.ofSeconds(20)).until(prometheus::ready);
    } catch (RuntimeException e) {
      prometheus.close();
      throw new AssertionError("Prometheus did not start: " + Files.readString(log), e);
    }
    return prometheus;
  }

  private boolean ready() throws IOException {
    assertThat(process.isAlive()).as("prometheus: %s", Files.readString(log)).isTrue();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
                  HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy(); // SIGTERM to the PID we started
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
