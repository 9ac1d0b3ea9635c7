package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to the relay's processes (the simulator's control API, Prometheus), expecting 200.
 */
final class JsonHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  JsonNode get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(uri + ": " + answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  void post(URI uri, String body) throws IOException, InterruptedException {
    expect200(
        uri,
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  void put(URI uri, String body) throws IOException, InterruptedException {
    expect200(uri, HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  void delete(URI uri) throws IOException, InterruptedException {
    expect200(uri, HttpRequest.newBuilder(uri).DELETE());
  }

  /** POSTs {@code body} as it is and returns the status, whatever it is. */
  int postStatus(URI uri, String body) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private void expect200(URI uri, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(uri + ": " + answer.body()).isEqualTo(200);
  }

  JsonNode parse(String text) {
    return json.readTree(text);
  }
}
