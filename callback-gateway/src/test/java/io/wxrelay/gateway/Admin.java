package io.wxrelay.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads a gateway's Prometheus metrics. */
final class Admin {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Admin() {}

  /** Sum of the Prometheus samples whose line starts with {@code prefix}. */
  static double metric(int port, String prefix) throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
