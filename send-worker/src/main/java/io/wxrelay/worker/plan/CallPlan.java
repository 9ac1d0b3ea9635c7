package io.wxrelay.worker.plan;

import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.QrScene;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a command turns into: its steps, then what it sends, in order, and when repeating them is
 * harmless.
 *
 * @param appid the account (the command's subject)
 * @param steps calls whose answers later calls use (an inline news: its thumbnails, then the news)
 * @param sends one call, or one per chunk of a split broadcast
 * @param repeat whether a call repeated after an unknown outcome has no second effect: always (a
 *     broadcast's clientmsgid, a read, setting a value), never (customer-service messages and
 *     previews), or within a window (a template message's client_msg_id)
 * @param qrReply the reply a created QR code carries
 * @param traceContext the command's W3C trace context ({@code traceparent}, {@code tracestate}),
 *     carried to its result
 */
public record CallPlan(
    String commandId,
    String commandType,
    String appid,
    List<ApiCall.Step> steps,
    Sends sends,
    Repeatability repeat,
    Optional<QrReply> qrReply,
    Map<String, Object> traceContext) {

  public CallPlan {
    steps = List.copyOf(steps);
    traceContext = Map.copyOf(traceContext);
  }

  /** A plan of {@code sends} after {@code steps}, without a QR reply or trace context. */
  static CallPlan of(
      String commandId,
      String commandType,
      String appid,
      List<ApiCall.Step> steps,
      Sends sends,
      Repeatability repeat) {
    return new CallPlan(
        commandId, commandType, appid, steps, sends, repeat, Optional.empty(), Map.of());
  }

  /** Whether a repeat is harmless whatever the time since the first attempt. */
  public boolean repeatable() {
    return repeat instanceof Repeatability.Always;
  }

  /** This plan, carrying {@code traceContext} to its result. */
  public CallPlan withTraceContext(Map<String, Object> traceContext) {
    return new CallPlan(commandId, commandType, appid, steps, sends, repeat, qrReply, traceContext);
  }

  /** This plan, whose QR code's scanners get {@code reply}. */
  CallPlan withQrReply(QrReply reply) {
    return new CallPlan(
        commandId, commandType, appid, steps, sends, repeat, Optional.of(reply), traceContext);
  }

  /** Every call, in the order they are made: the steps, then the sends. */
  public List<ApiCall> calls() {
    List<ApiCall> calls = new ArrayList<>(steps);
    calls.addAll(sends.calls());
    return calls;
  }

  /**
   * Sent as a customer-service message to whoever scans the code of {@code scene}.
   *
   * @param lifetime the code's lifetime; empty for a permanent code
   */
  public record QrReply(QrScene scene, CustomMessage message, Optional<Duration> lifetime) {}
}
