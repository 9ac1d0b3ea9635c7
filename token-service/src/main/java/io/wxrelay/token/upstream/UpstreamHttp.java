package io.wxrelay.token.upstream;

import java.time.Duration;
import okhttp3.OkHttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the WeChat endpoints of token-service share: their HTTP client, and reading an answer. */
final class UpstreamHttp {
  private UpstreamHttp() {}

  /** A client bounded by {@code timeout} per call that never retries on its own. */
  static OkHttpClient client(Duration timeout) {
    return new OkHttpClient.Builder()
        .callTimeout(timeout)
        .retryOnConnectionFailure(false) // retries are the refresher's decision
        .build();
  }

  /** The answer as JSON; null when it is not JSON (classified as unexpected). */
  static JsonNode parse(JsonMapper mapper, String text) {
    try {
      return mapper.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
  }

  static void close(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
