package io.wxrelay.token.upstream;

import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls WeChat's token endpoints: {@code POST cgi-bin/stable_token} (JSON body) or {@code GET
 * cgi-bin/token} (query). The only code that sends an AppSecret anywhere.
 */
public final class WeChatTokenEndpoint implements TokenEndpoint {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final JsonMapper mapper;

  public WeChatTokenEndpoint(URI base, Duration timeout, JsonMapper mapper) {
    this.base = HttpUrl.get(base.toString());
    this.mapper = mapper;
    this.http = UpstreamHttp.client(timeout);
  }

  @Override
  public FetchOutcome fetch(AppCredentials app, boolean forceRefresh) {
    Request request = app.endpoint() == Endpoint.STABLE ? stable(app, forceRefresh) : classic(app);
    try (Response response = http.newCall(request).execute()) {
      JsonNode body = UpstreamHttp.parse(mapper, response.body().string());
      return FetchOutcomes.classify(response.code(), body);
    } catch (IOException e) {
      return FetchOutcomes.classify(e);
    }
  }

  private Request classic(AppCredentials app) {
    HttpUrl url =
        base.newBuilder()
            .addPathSegments("cgi-bin/token")
            .addQueryParameter("grant_type", "client_credential")
            .addQueryParameter("appid", app.appid())
            .addQueryParameter("secret", app.secret())
            .build();
    return new Request.Builder().url(url).get().build();
  }

  private Request stable(AppCredentials app, boolean forceRefresh) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credential");
    body.put("appid", app.appid());
    body.put("secret", app.secret());
    body.put("force_refresh", forceRefresh);
    HttpUrl url = base.newBuilder().addPathSegments("cgi-bin/stable_token").build();
    return new Request.Builder()
        .url(url)
        .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON))
        .build();
  }

  public void close() {
    UpstreamHttp.close(http);
  }
}
