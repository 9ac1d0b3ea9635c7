package io.wxrelay.kit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeTest {
  private HttpServer server;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health/ready", ex -> answer(ex, 200));
    server.createContext("/health/down", ex -> answer(ex, 503));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aReadyServiceIsHealthy() {
    assertThat(probe("/health/ready")).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anyOtherAnswerIsUnhealthyAndSaysWhich() {
    assertThat(probe("/health/down")).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("/health/down answered 503");
  }

  @Test
  void nobodyListeningIsUnhealthy() {
    int port = server.getAddress().getPort();
    server.stop(0);

    assertThat(Probe.check(uri(port, "/health/ready"), Duration.ofSeconds(1), stream())).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("did not answer: ConnectException");
  }

  private boolean probe(String path) {
    return Probe.check(uri(server.getAddress().getPort(), path), Duration.ofSeconds(2), stream());
  }

  private PrintStream stream() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, int status)
      throws IOException {
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }
}
