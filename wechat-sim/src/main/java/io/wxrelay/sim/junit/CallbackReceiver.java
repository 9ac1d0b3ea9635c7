package io.wxrelay.sim.junit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the callback gateway: records every push; can answer late or with an error for the
 * first N requests, to watch WeChat's retries.
 */
public final class CallbackReceiver implements AutoCloseable {
  /** One received push. */
  public record Received(String query, String body) {
    public String param(String name) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals(name)) {
          return java.net.URLDecoder.decode(pair.substring(eq + 1), UTF_8);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger misbehave = new AtomicInteger();
  private volatile Duration lateBy = Duration.ZERO;
  private volatile int errorStatus;

  public CallbackReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            received.add(
                new Received(
                    exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
            boolean bad = misbehave.getAndDecrement() > 0;
            if (bad && !lateBy.isZero()) {
              Thread.sleep(lateBy);
            }
            int status = bad && errorStatus != 0 ? errorStatus : 200;
            byte[] body = (status == 200 ? "success" : "oops").getBytes(UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // the simulator gave up on this attempt and closed the connection
          }
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/wechat";
  }

  /** The next {@code n} pushes are answered after {@code delay}. */
  public void answerLate(int n, Duration delay) {
    lateBy = delay;
    errorStatus = 0;
    misbehave.set(n);
  }

  /** The next {@code n} pushes are answered with HTTP {@code status}. */
  public void answerWith(int n, int status) {
    lateBy = Duration.ZERO;
    errorStatus = status;
    misbehave.set(n);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
