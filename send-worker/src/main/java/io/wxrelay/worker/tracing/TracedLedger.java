package io.wxrelay.worker.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.wxrelay.kit.tracing.SpanAttributes;
import io.wxrelay.kit.tracing.Spans;
import io.wxrelay.worker.ledger.CommandLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The ledger with a {@code claim} span around each claim and renewal (what the claim found is its
 * {@code wxrelay.claim} attribute); everything else as it is.
 */
public final class TracedLedger implements CommandLedger {
  static final AttributeKey<String> CLAIM = AttributeKey.stringKey("wxrelay.claim");
  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");

  private final CommandLedger ledger;
  private final Tracer tracer;

  public TracedLedger(CommandLedger ledger, Tracer tracer) {
    this.ledger = ledger;
    this.tracer = tracer;
  }

  @Override
  public Claim claim(String commandId, String orderKey, String owner, Duration lease) {
    Span span = start(commandId, "claim");
    return Spans.within(span, () -> found(span, ledger.claim(commandId, orderKey, owner, lease)));
  }

  @Override
  public Claim renew(String commandId, String orderKey, String owner, Duration lease) {
    Span span = start(commandId, "renew");
    return Spans.within(span, () -> found(span, ledger.renew(commandId, orderKey, owner, lease)));
  }

  private Span start(String commandId, String how) {
    return tracer
        .spanBuilder("claim")
        .setAttribute(DB_SYSTEM, "redis")
        .setAttribute(SpanAttributes.COMMAND_ID, commandId)
        .setAttribute(SpanAttributes.OUTCOME, how)
        .startSpan();
  }

  /** Notes what the claim found on its span, before the span ends. */
  private static Claim found(Span span, Claim claim) {
    span.setAttribute(CLAIM, claim.getClass().getSimpleName().toLowerCase(Locale.ROOT));
    return claim;
  }

  @Override
  public void rest(String commandId, String owner) {
    ledger.rest(commandId, owner);
  }

  @Override
  public void release(String commandId, String owner) {
    ledger.release(commandId, owner);
  }

  @Override
  public void park(String commandId, String orderKey, String owner, Instant due) {
    ledger.park(commandId, orderKey, owner, due);
  }

  @Override
  public byte[] complete(String commandId, String orderKey, byte[] result) {
    return ledger.complete(commandId, orderKey, result);
  }

  @Override
  public void published(String commandId, String origin) {
    ledger.published(commandId, origin);
  }

  @Override
  public byte[] completeDead(String commandId, String orderKey, byte[] result) {
    return ledger.completeDead(commandId, orderKey, result);
  }

  @Override
  public void stepDone(String commandId, String step, String made) {
    ledger.stepDone(commandId, step, made);
  }

  @Override
  public Map<String, String> stepsDone(String commandId) {
    return ledger.stepsDone(commandId);
  }
}
