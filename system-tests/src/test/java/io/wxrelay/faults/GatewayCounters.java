package io.wxrelay.faults;

import io.wxrelay.gateway.CallbackGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

/**
 * The gateway's own count of what it could not be sure of, read from its {@code /metrics}: pushes
 * whose publish failed ({@code callbacks_total{outcome="failed"}}: Kafka's producer gave up, and a
 * record it gave up on may still have been written) and dedupe claims Redis did not answer in time
 * ({@code dedupe_total{outcome="unavailable"}}: published without dedupe). Only these can put a
 * push on Kafka twice: WeChat's retry of such a push is published again rather than risk losing it.
 *
 * @param failed publishes the producer gave up on
 * @param unavailable pushes published without a dedupe claim
 * @param lines the gateway's callback and dedupe meters, as scraped
 */
record GatewayCounters(long failed, long unavailable, List<String> lines) {

  /** Scrapes {@code gateway}'s admin port. */
  static GatewayCounters of(CallbackGateway gateway) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String metrics =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + gateway.adminPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return parse(metrics);
    } catch (IOException e) {
      throw new IllegalStateException("the gateway's metrics could not be read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the gateway's metrics", e);
    }
  }

  /** The counters in a Prometheus text exposition. */
  static GatewayCounters parse(String metrics) {
    List<String> lines =
        metrics.lines().filter(l -> l.startsWith("wxrelay_gateway_callbacks_total")).toList();
    List<String> dedupe =
        metrics.lines().filter(l -> l.startsWith("wxrelay_gateway_dedupe_total")).toList();
    return new GatewayCounters(
        sum(lines, "outcome=\"failed\""),
        sum(dedupe, "outcome=\"unavailable\""),
        Stream.concat(lines.stream(), dedupe.stream()).toList());
  }

  private static long sum(List<String> lines, String label) {
    return lines.stream()
        .filter(l -> l.contains(label))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** How many pushes may be on Kafka twice: one per publish the gateway was not sure of. */
  long unsure() {
    return failed + unavailable;
  }

  /** Prints the meters, for the test's log. */
  GatewayCounters print() {
    lines.forEach(l -> System.out.println("gateway: " + l));
    System.out.printf("gateway: unsure publishes (failed + unavailable): %d%n", unsure());
    return this;
  }
}
