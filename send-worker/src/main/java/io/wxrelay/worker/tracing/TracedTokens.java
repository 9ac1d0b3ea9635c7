package io.wxrelay.worker.tracing;

import io.opentelemetry.api.trace.Tracer;
import io.wxrelay.kit.tracing.SpanAttributes;
import io.wxrelay.kit.tracing.Spans;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.Tokens;

/** Tokens fetched in a {@code token} span each; the token itself is never an attribute. */
public final class TracedTokens implements Tokens {
  private final Tokens tokens;
  private final Tracer tracer;

  public TracedTokens(Tokens tokens, Tracer tracer) {
    this.tokens = tokens;
    this.tracer = tracer;
  }

  @Override
  public AccessToken current(String appid) {
    return Spans.within(
        tracer.spanBuilder("token").setAttribute(SpanAttributes.APPID, appid).startSpan(),
        () -> tokens.current(appid));
  }

  @Override
  public AccessToken renewAfterFailure(AccessToken used) {
    return Spans.within(
        tracer
            .spanBuilder("token")
            .setAttribute(SpanAttributes.OUTCOME, "renew after failure")
            .startSpan(),
        () -> tokens.renewAfterFailure(used));
  }
}
