package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.testkit.FreePort;
import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archives of the JVMs the scripts start (decision 0051), walked as a user runs
 * them. {@code scripts/kafka.sh}: a node's first clean stop writes its archive, the next start maps
 * it, an archive cut short is removed and written again without a word in the node's output, a tool
 * writes its own at its exit, and {@code WXRELAY_CDS=0} runs without any. A service's script
 * ({@code scripts/sim.sh}, as up.sh starts it): its stop writes the archive, its next run maps it.
 */
class ClassDataSharingIT {
  private static final Duration BOUND = Duration.ofMinutes(2);

  /** The first bytes of a whole dynamic archive: its header's magic, written last. */
  private static final String MAGIC = "a8ab0bf0";

  @Test
  void aNodeWritesItsArchiveAtItsFirstStopAndMapsItFromTheNextStart(@TempDir Path dir)
      throws Exception {
    Path archives = dir.resolve("cds");
    Map<String, String> env = env(dir, archives);
    Path broker = archives.resolve("kafka-broker.jsa");
    try {
      start(env);
      assertThat(broker).as("written at the node's exit, not while it runs").doesNotExist();
      assertThat(archives.resolve("kafka-tool-StorageTool.jsa"))
          .as("the format tool exited: its archive is written")
          .exists();
      assertThat(maps(env, broker)).isFalse();
      stop(env);
      assertThat(magic(broker)).isEqualTo(MAGIC);

      start(env);
      assertThat(maps(env, broker)).as("the second start maps the archive").isTrue();
      stop(env);

      // An archive cut short (its JVM killed while writing it) has no header yet: the JVM would
      // refuse it with a warning at every start. Replaced, not rewritten in place: a running JVM
      // may map it.
      // Kept, the JVM would say so on the node's output (its stdout.log) and write no new one.
      Path cut = Files.write(dir.resolve("cut.jsa"), new byte[64 * 1024]);
      Files.move(cut, broker, StandardCopyOption.REPLACE_EXISTING);
      start(env);
      assertThat(maps(env, broker)).isFalse();
      assertThat(Files.readString(nodeDir(env).resolve("stdout.log")))
          .doesNotContainIgnoringCase("shared archive")
          .doesNotContainIgnoringCase("cds");
      stop(env);
      assertThat(magic(broker)).as("written again at the stop").isEqualTo(MAGIC);

      // WXRELAY_CDS=0: a tool runs without an archive and writes none.
      env.put("WXRELAY_CDS", "0");
      Shell.Run version = Shell.run(env, BOUND, "scripts/kafka.sh", "topics", "--version");
      assertThat(version.exitCode()).as(version.transcript()).isZero();
      assertThat(archives.resolve("kafka-tool-TopicCommand.jsa")).doesNotExist();
      env.put("WXRELAY_CDS", "1");
      version = Shell.run(env, BOUND, "scripts/kafka.sh", "topics", "--version");
      assertThat(version.exitCode()).as(version.transcript()).isZero();
      assertThat(version.err()).as("nothing said about the archive it wrote").isEmpty();
      assertThat(version.out().strip()).as(version.transcript()).matches("[0-9][0-9.]*");
      assertThat(magic(archives.resolve("kafka-tool-TopicCommand.jsa"))).isEqualTo(MAGIC);
    } finally {
      Shell.run(env, BOUND, "scripts/kafka.sh", "stop");
    }
  }

  @Test
  void aServiceScriptWritesItsArchiveAtItsStopAndMapsItFromTheNextStart(@TempDir Path dir)
      throws Exception {
    Path archives = dir.resolve("cds");
    Path sim = archives.resolve("wechat-sim.jsa");
    long first = runTheSimulatorUntilItAnswers(archives, null);
    assertThat(magic(sim)).as("written at the stop (SIGTERM) of pid %d", first).isEqualTo(MAGIC);
    runTheSimulatorUntilItAnswers(archives, sim);
  }

  /**
   * Runs {@code scripts/sim.sh} (the built jars) until its API port answers, then stops it with
   * SIGTERM, as scripts/down.sh does; when {@code mapped} is given, asserts it had that archive
   * mapped. Returns its pid.
   */
  private static long runTheSimulatorUntilItAnswers(Path archives, Path mapped) throws Exception {
    int port = FreePort.next();
    Path log = archives.resolveSibling("sim-" + port + ".log");
    ProcessBuilder builder =
        new ProcessBuilder("scripts/sim.sh")
            .directory(Shell.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // The simulator's defaults, whatever the test command's environment holds.
    builder.environment().keySet().removeIf(name -> name.startsWith("SIM_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "SIM_SKIP_BUILD",
                "1",
                "SIM_PORT",
                Integer.toString(port),
                "WXRELAY_CDS",
                "1",
                "WXRELAY_CDS_DIR",
                archives.toString()));
    Process process = builder.start(); // sim.sh execs the JVM: this pid is the simulator's
    try {
      try {
        await()
            .atMost(BOUND)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> !process.isAlive() || answers(port));
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            "the simulator did not answer within " + BOUND + "; its output:\n" + read(log), e);
      }
      assertThat(process.isAlive()).as("the simulator runs; its output:%n%s", read(log)).isTrue();
      if (mapped != null) {
        assertThat(Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps")))
            .as("the second run maps the archive")
            .contains(mapped.toRealPath().toString());
      }
    } finally {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the simulator did not stop within 60 s of SIGTERM");
      }
    }
    return process.pid();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(none: " + e + ")";
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Map<String, String> env(Path dir, Path archives) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_PORT", Integer.toString(FreePort.next()));
    env.put("KAFKA_CONTROLLER_PORT", Integer.toString(FreePort.next()));
    env.put("KAFKA_HEAP_MB", "384");
    env.put("KAFKA_BROKERS", "1");
    env.put("KAFKA_PORTS", "");
    env.put("WXRELAY_RUN_DIR", dir.resolve("run").toString());
    env.put("WXRELAY_CDS_DIR", archives.toString());
    env.put("WXRELAY_CDS", "1"); // whatever the test command's environment says
    return env;
  }

  private static void start(Map<String, String> env) {
    Shell.Run run = Shell.run(env, BOUND, "scripts/kafka.sh", "start");
    assertThat(run.exitCode()).as(run.transcript()).isZero();
  }

  private static void stop(Map<String, String> env) {
    Shell.Run run = Shell.run(env, BOUND, "scripts/kafka.sh", "stop");
    assertThat(run.exitCode()).as(run.transcript()).isZero();
  }

  private static Path nodeDir(Map<String, String> env) {
    return Path.of(env.get("WXRELAY_RUN_DIR"), "kafka-" + env.get("KAFKA_PORT"));
  }

  /** Whether the running node has {@code archive} mapped (the JVM maps the archive it uses). */
  private static boolean maps(Map<String, String> env, Path archive) throws IOException {
    String pid = Files.readString(nodeDir(env).resolve("broker.pid")).trim();
    return Files.exists(archive)
        && Files.readString(Path.of("/proc", pid, "maps"))
            .contains(archive.toRealPath().toString());
  }

  private static String magic(Path archive) throws IOException {
    byte[] head = new byte[4];
    try (var in = Files.newInputStream(archive)) {
      assertThat(in.readNBytes(head, 0, 4)).isEqualTo(4);
    }
    return HexFormat.of().formatHex(head);
  }
}
