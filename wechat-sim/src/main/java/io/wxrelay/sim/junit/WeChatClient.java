package io.wxrelay.sim.junit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.schemas.codec.ContractCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client speaking to the simulator the way any WeChat SDK would; for tests. */
public final class WeChatClient {
  public static final JsonMapper JSON = ContractCodec.newMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public WeChatClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public JsonNode get(String pathAndQuery) {
    return JSON.readTree(send(HttpRequest.newBuilder(uri(pathAndQuery)).GET()).body());
  }

  public JsonNode post(String pathAndQuery, String json) {
    return JSON.readTree(send(post(uri(pathAndQuery), json)).body());
  }

  public HttpResponse<byte[]> raw(HttpRequest.Builder request) {
    return send(request);
  }

  /** A new classic token for the test app. */
  public String token(String appid, String secret) {
    JsonNode answer =
        get("/cgi-bin/token?grant_type=client_credential&appid=" + appid + "&secret=" + secret);
    return answer.path("access_token").asString();
  }

  /** errcode of an API answer (0 when the answer has none, e.g. qrcode/create). */
  public static int errcode(JsonNode answer) {
    return answer.path("errcode").asInt(0);
  }

  public URI uri(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }

  public static HttpRequest.Builder post(URI uri, String json) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
