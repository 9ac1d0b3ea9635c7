package io.wxrelay.kit.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wxrelay.kit.config.AdminSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The admin HTTP port of every service: {@code GET /metrics} (Prometheus text), {@code GET
 * /health/live} (the process answers and every liveness check is up) and {@code GET /health/ready}
 * (every readiness check is up); 503 otherwise, the body naming each check, up or DOWN, and why.
 * Low traffic by design, so the JDK's own server on virtual threads is enough and adds no
 * dependency.
 */
public final class AdminServer implements AutoCloseable {
  /** The readiness gauge every service exposes: {@code wxrelay_ready}. */
  public static final String READY_GAUGE = "wxrelay.ready";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Supplier<Health>> readiness = new ConcurrentHashMap<>();
  private final Map<String, Supplier<Health>> liveness = new ConcurrentHashMap<>();
  private volatile boolean started;
  private volatile boolean stopping;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  /** Binds and starts serving. */
  public static AdminServer start(AdminSettings settings, PrometheusMeterRegistry registry) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the admin port " + settings.host() + ":" + settings.port(), e);
    }
    AdminServer admin = new AdminServer(server);
    Gauge.builder(READY_GAUGE, admin, a -> a.ready() ? 1 : 0)
        .description("1 while /health/ready answers 200, else 0 (starting, stopping, a check DOWN)")
        .register(registry);
    server.createContext(
        "/metrics", ex -> admin.respond(ex, 200, PROMETHEUS_TEXT, registry.scrape()));
    server.createContext("/health/live", ex -> admin.report(ex, admin.liveness, "live"));
    server.createContext("/health/ready", ex -> admin.report(ex, admin.readinessChecks(), "ready"));
    server.createContext("/", ex -> admin.respond(ex, 404, "text/plain", "not found\n"));
    server.setExecutor(admin.executor);
    server.start();
    return admin;
  }

  /**
   * The service has started every part: until then {@code /health/ready} answers 503 ({@code
   * startup: DOWN - starting}), whatever the checks registered so far say, so that an orchestrator
   * sends no traffic to a process still starting (the admin port opens first).
   */
  public void markStarted() {
    started = true;
  }

  /**
   * The service is stopping (SIGTERM): from now on {@code /health/ready} answers 503 ({@code
   * shutdown: DOWN - stopping}), so that no new traffic is sent to it while it finishes what it
   * took. Called first thing on shutdown, before any part is closed.
   */
  public void markStopping() {
    stopping = true;
  }

  /** Whether every readiness check is up now (what {@code /health/ready} would answer). */
  public boolean ready() {
    return readinessChecks().values().stream().map(AdminServer::evaluate).allMatch(Health::up);
  }

  /** Adds a readiness check under {@code name}; it is called on every {@code /health/ready}. */
  public void addReadinessCheck(String name, Supplier<Health> check) {
    readiness.put(name, check);
  }

  /**
   * Adds a liveness check under {@code name}, called on every {@code /health/live}: down means the
   * process cannot recover by itself (a thread it needs has died) and should be restarted.
   */
  public void addLivenessCheck(String name, Supplier<Health> check) {
    liveness.put(name, check);
  }

  /** The readiness checks, and while the service is starting or stopping, one that says so. */
  private Map<String, Supplier<Health>> readinessChecks() {
    if (started && !stopping) {
      return readiness;
    }
    Map<String, Supplier<Health>> checks = new LinkedHashMap<>(readiness);
    if (!started) {
      checks.put("startup", () -> Health.down("starting"));
    }
    if (stopping) {
      checks.put("shutdown", () -> Health.down("stopping"));
    }
    return checks;
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void report(HttpExchange exchange, Map<String, Supplier<Health>> checks, String state)
      throws IOException {
    Map<String, Health> results = new LinkedHashMap<>();
    checks.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> results.put(e.getKey(), evaluate(e.getValue())));
    boolean up = results.values().stream().allMatch(Health::up);
    String body =
        (up ? state + "\n" : "not " + state + "\n")
            + results.entrySet().stream()
                .map(
                    e ->
                        e.getKey()
                            + ": "
                            + (e.getValue().up() ? "up" : "DOWN")
                            + " - "
                            + e.getValue().detail())
                .collect(Collectors.joining("\n", "", results.isEmpty() ? "" : "\n"));
    respond(exchange, up ? 200 : 503, "text/plain", body);
  }

  private static Health evaluate(Supplier<Health> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return Health.down("check failed: " + e.getClass().getSimpleName());
    }
  }

  private void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
