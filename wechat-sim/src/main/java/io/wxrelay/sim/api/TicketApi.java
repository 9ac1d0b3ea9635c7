package io.wxrelay.sim.api;

import io.wxrelay.sim.jssdk.JsSdkTickets;

/**
 * {@code GET cgi-bin/ticket/getticket?access_token=…&type=jsapi|wx_card} (docs/wechat-api.md
 * §12.1): a stale or expired token is 40001/42001 (the router's check), the answer carries {@code
 * errcode 0}; every ticket actually issued is counted in the truth as {@code ticket/<type>}.
 */
public final class TicketApi {
  private final ApiContext context;
  private final JsSdkTickets tickets;

  public TicketApi(ApiContext context, JsSdkTickets tickets) {
    this.context = context;
    this.tickets = tickets;
  }

  public void register(ApiRouter router) {
    router.authorized("ticket/getticket", this::get);
  }

  private Object get(ApiRouter.Call call) {
    String type = call.request().param("type");
    JsSdkTickets.Grant grant = tickets.get(call.appid(), type == null ? "" : type);
    if (grant.issued()) {
      context.truth().tokenIssued("ticket/" + type, call.appid());
    }
    return Responses.ok("ok", "ticket", grant.ticket(), "expires_in", grant.expiresIn());
  }
}
