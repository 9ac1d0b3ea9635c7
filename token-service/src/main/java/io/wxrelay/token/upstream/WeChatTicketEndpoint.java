package io.wxrelay.token.upstream;

import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenUnavailableException;
import io.wxrelay.token.client.Tokens;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls WeChat's {@code GET cgi-bin/ticket/getticket} for one {@link TicketType} with the account's
 * current access token (docs/wechat-api.md §12.1). A token WeChat calls stale or expired (40001,
 * 42001) is reported to token-service and the call made once more with the newer one. No secret
 * here: the credentials' secret is never read.
 */
public final class WeChatTicketEndpoint implements TokenEndpoint {
  private final OkHttpClient http;
  private final HttpUrl base;
  private final JsonMapper mapper;
  private final Tokens tokens;
  private final TicketType type;

  public WeChatTicketEndpoint(
      URI base, Duration timeout, JsonMapper mapper, Tokens tokens, TicketType type) {
    this.base = HttpUrl.get(base.toString());
    this.mapper = mapper;
    this.tokens = tokens;
    this.type = type;
    this.http = UpstreamHttp.client(timeout);
  }

  /** {@code forceRefresh} is ignored: getticket has no such switch. */
  @Override
  public FetchOutcome fetch(AppCredentials app, boolean forceRefresh) {
    AccessToken token;
    try {
      token = tokens.current(app.appid());
      Answer first = call(token);
      if (!first.staleToken()) {
        return first.outcome();
      }
      Answer second = call(tokens.renewAfterFailure(token));
      return second.staleToken()
          ? new FetchOutcome.Transient(
              "access token refused twice (errcode " + second.errcode() + ")")
          : second.outcome();
    } catch (TokenUnavailableException e) {
      return new FetchOutcome.Transient("no access token to fetch the ticket with");
    }
  }

  private record Answer(FetchOutcome outcome, int errcode) {
    boolean staleToken() {
      return errcode == 40001 || errcode == 42001;
    }
  }

  private Answer call(AccessToken token) {
    HttpUrl url =
        base.newBuilder()
            .addPathSegments("cgi-bin/ticket/getticket")
            .addQueryParameter("access_token", token.value())
            .addQueryParameter("type", type.wire())
            .build();
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      JsonNode body = UpstreamHttp.parse(mapper, response.body().string());
      int errcode = body == null ? Integer.MIN_VALUE : body.path("errcode").asInt(0);
      return new Answer(FetchOutcomes.classify(response.code(), body, "ticket"), errcode);
    } catch (IOException e) {
      return new Answer(FetchOutcomes.classify(e), Integer.MIN_VALUE);
    }
  }

  public void close() {
    UpstreamHttp.close(http);
  }
}
