package io.wxrelay.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks WeChat (the simulator) whether a token is accepted, with a call that changes nothing. */
final class Probe {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Probe() {}

  static int errcode(String baseUrl, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(baseUrl + "/cgi-bin/message/mass/speed/get?access_token=" + token))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
      int at = body.indexOf("\"errcode\":");
      return at < 0 ? 0 : Integer.parseInt(body.substring(at + 10).split("[,}]")[0].trim());
    } catch (IOException e) {
      return Integer.MIN_VALUE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Integer.MIN_VALUE;
    }
  }
}
