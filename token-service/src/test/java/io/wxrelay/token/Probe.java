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
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private static final int TRIES = 3;

  private Probe() {}

  /**
   * The errcode WeChat (the simulator) answers for {@code token}, 0 when accepted. A failed HTTP
   * exchange is no verdict on the token: it is tried again, and only {@value #TRIES} failures in a
   * row give {@link Integer#MIN_VALUE}.
   */
  static int errcode(String baseUrl, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(baseUrl + "/cgi-bin/message/mass/speed/get?access_token=" + token))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    for (int attempt = 0; attempt < TRIES; attempt++) {
      try {
        String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"errcode\":");
        return at < 0 ? 0 : Integer.parseInt(body.substring(at + 10).split("[,}]")[0].trim());
      } catch (IOException e) {
        // a connection problem of the test's own client, not an answer about the token
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Integer.MIN_VALUE;
      }
    }
    return Integer.MIN_VALUE;
  }
}
