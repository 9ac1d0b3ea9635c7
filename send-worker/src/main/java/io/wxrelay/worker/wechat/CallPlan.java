package io.wxrelay.worker.wechat;

import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.QrScene;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a command turns into: the calls to make, in order, and whether repeating them is harmless.
 *
 * @param appid the account (the command's subject)
 * @param calls one call, or one per chunk of a split broadcast
 * @param repeatable a call repeated after an unknown outcome has no second effect (a broadcast's
 *     clientmsgid, a read, setting a value); false for customer-service messages and previews
 * @param qrReply the reply a QR code carries, or null
 * @param traceContext the command's W3C trace context ({@code traceparent}, {@code tracestate}),
 *     carried to its result
 */
public record CallPlan(
    String commandId,
    String commandType,
    String appid,
    List<ApiCall> calls,
    boolean repeatable,
    QrReply qrReply,
    Map<String, Object> traceContext) {

  public CallPlan {
    calls = List.copyOf(calls);
    traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
  }

  /** A plan without trace context. */
  public CallPlan(
      String commandId,
      String commandType,
      String appid,
      List<ApiCall> calls,
      boolean repeatable,
      QrReply qrReply) {
    this(commandId, commandType, appid, calls, repeatable, qrReply, Map.of());
  }

  /** This plan, carrying {@code traceContext} to its result. */
  public CallPlan withTraceContext(Map<String, Object> traceContext) {
    return new CallPlan(commandId, commandType, appid, calls, repeatable, qrReply, traceContext);
  }

  /** Sent as a customer-service message to whoever scans the code of {@code scene}. */
  public record QrReply(QrScene scene, CustomMessage message, Duration lifetime) {}

  /** Whether the broadcast's calls have a clientmsgid (its steps, if any, come first). */
  public boolean isBroadcast() {
    return calls.getLast().clientmsgid() != null;
  }

  /** Whether some calls are steps whose outcomes later calls use. */
  public boolean hasSteps() {
    return calls.stream().anyMatch(call -> call.step() != null);
  }
}
