package io.wxrelay.cli.demo;

import io.wxrelay.cli.CliError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON-over-HTTP calls to the simulator's control API and to Prometheus' query API. */
final class JsonHttp implements AutoCloseable {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final JsonMapper mapper;

  JsonHttp(JsonMapper mapper) {
    this.mapper = mapper;
  }

  JsonNode get(URI uri) {
    return mapper.readTree(send(HttpRequest.newBuilder(uri).GET(), uri));
  }

  JsonNode post(URI uri, Object body) {
    return mapper.readTree(
        send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))),
            uri));
  }

  byte[] bytes(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET(), uri);
  }

  private byte[] send(HttpRequest.Builder request, URI uri) {
    try {
      HttpResponse<byte[]> answer =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() / 100 != 2) {
        throw new CliError(
            uri.getPath() + " answered HTTP " + answer.statusCode(), CliError.UNAVAILABLE);
      }
      return answer.body();
    } catch (IOException e) {
      throw new CliError(
          "nothing answers at "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + " (is the relay up? scripts/up.sh)",
          CliError.UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError("interrupted", CliError.UNAVAILABLE);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
