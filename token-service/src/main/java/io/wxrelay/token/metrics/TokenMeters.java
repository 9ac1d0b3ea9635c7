package io.wxrelay.token.metrics;

import io.wxrelay.kit.metrics.CataloguedMeter;
import io.wxrelay.kit.metrics.MeterDoc;
import java.util.List;

/**
 * Every meter token-service publishes (docs/architecture.md, convention 6): name, type, tags,
 * meaning. Tags are bounded: appid (configured accounts), held (access_token, jsapi_ticket,
 * wx_card_ticket), reason, outcome, endpoint, client (the HTTP API's configured clients, or
 * unknown), status. docs/metrics.md is generated from this list ({@link #markdown()}).
 */
public enum TokenMeters implements CataloguedMeter {
  REFRESHES(
      "wxrelay.token.refreshes",
      "counter",
      List.of("appid", "held", "reason", "outcome"),
      "Token refreshes by why (startup, ahead_of_expiry, reported_invalid, forced) and how they"
          + " ended (issued, unchanged, config_error, quota, transient, conflict, budget_spent)."),
  REMAINING(
      "wxrelay.token.remaining",
      "gauge (seconds)",
      List.of("appid", "held"),
      "Lifetime left of the current token in Redis; 0 when there is none."),
  GENERATION(
      "wxrelay.token.generation",
      "gauge",
      List.of("appid", "held"),
      "Generation of the current token."),
  FORCE_BUDGET(
      "wxrelay.token.force.budget",
      "gauge",
      List.of("appid", "held"),
      "Force refreshes left today: stable_token's (WeChat allows 20, 30 s apart), or a ticket"
          + " type's own budget of the same size."),
  FOREIGN_ROTATIONS(
      "wxrelay.token.foreign.rotations",
      "counter",
      List.of("appid", "held"),
      "Alarms: a current token was reported invalid, so something outside wxrelay rotates it."),
  UPSTREAM(
      "wxrelay.token.upstream",
      "timer",
      List.of("appid", "held", "endpoint", "outcome"),
      "Calls to WeChat's token endpoints (or getticket, for a ticket) and their latency."),
  LOCK(
      "wxrelay.token.lock",
      "counter",
      List.of("appid", "held", "outcome"),
      "Attempts to take the refresh lock: acquired, or busy (another replica refreshes)."),
  APP_READY(
      "wxrelay.token.app.ready",
      "gauge",
      List.of("appid", "held"),
      "1 when the account has a valid token and no configuration error, else 0."),
  API_INVALIDATIONS(
      "wxrelay.token.api.invalidations",
      "counter",
      List.of("client", "appid", "outcome"),
      "HTTP API invalidate requests by client: accepted, limited (over the client's hourly budget:"
          + " 429) or refused (the client may not invalidate: 403)."),
  API_DENIALS(
      "wxrelay.token.api.denials",
      "counter",
      List.of("client", "status"),
      "HTTP API requests refused: 401 (no or unknown bearer, client unknown) or 403 (an app or an"
          + " invalidate the client may not use). A rise is someone probing.");

  private final MeterDoc doc;

  TokenMeters(String name, String type, List<String> tags, String description) {
    this.doc = new MeterDoc(name, type, tags, description);
  }

  @Override
  public MeterDoc doc() {
    return doc;
  }

  /** The table of docs/metrics.md's section for this service. */
  public static String markdown() {
    return MeterDoc.markdown(java.util.Arrays.stream(values()).map(m -> m.doc).toList());
  }
}
