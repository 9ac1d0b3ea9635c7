package io.wxrelay.worker.dispatch;

import io.wxrelay.kit.config.Env;
import io.wxrelay.worker.correlation.Correlations;
import io.wxrelay.worker.correlation.Correlations.BroadcastRef;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CallPlan.QrReply;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a carried-out command leaves for the events that come later: a broadcast's msg_id, matched
 * to its command when WeChat reports the job finished, and a created QR code's reply, sent to
 * whoever scans it.
 */
public final class Links {
  private final Correlations correlations;
  private final JsonMapper mapper;
  private final Settings settings;

  /**
   * How long what is remembered is kept.
   *
   * @param broadcastTtl how long a broadcast's msg_id stays matched to its command
   * @param permanentQrReplyTtl how long the reply of a permanent QR code is kept (a temporary
   *     code's reply lives as long as the code)
   */
  public record Settings(Duration broadcastTtl, Duration permanentQrReplyTtl) {
    public static final Duration DEFAULT_BROADCAST_TTL = Duration.ofDays(7);
    public static final Duration DEFAULT_PERMANENT_QR_REPLY_TTL = Duration.ofDays(365);

    public static Settings fromEnv(Env env) {
      return new Settings(
          env.duration("WORKER_LINK_TTL", DEFAULT_BROADCAST_TTL),
          env.duration("WORKER_QR_REPLY_TTL", DEFAULT_PERMANENT_QR_REPLY_TTL));
    }
  }

  public Links(Correlations correlations, JsonMapper mapper, Settings settings) {
    this.correlations = correlations;
    this.mapper = mapper;
    this.settings = settings;
  }

  /** A chunk of {@code plan}'s broadcast went out as {@code msgId}. */
  void broadcastSent(CallPlan plan, int chunk, long msgId) {
    correlations.rememberBroadcast(
        plan.appid(), msgId, new BroadcastRef(plan.commandId(), chunk), settings.broadcastTtl());
  }

  /** {@code plan}'s QR code exists: remember its reply for its scene. */
  void qrCodeCreated(CallPlan plan) {
    plan.qrReply().ifPresent(reply -> remember(plan.appid(), reply));
  }

  /** A temporary code's reply lives as long as the code; a permanent one's as configured. */
  private void remember(String appid, QrReply reply) {
    Duration ttl = reply.lifetime().orElse(settings.permanentQrReplyTtl());
    correlations.rememberQrReply(
        appid, reply.scene().asEventKey(), mapper.writeValueAsString(reply.message()), ttl);
  }
}
