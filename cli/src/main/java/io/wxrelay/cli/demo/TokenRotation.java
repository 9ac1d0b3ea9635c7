package io.wxrelay.cli.demo;

import io.wxrelay.kit.accounts.Account;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.token.store.StoredToken;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Step 4 of the demo: someone outside wxrelay forces a new token with the account's secret; the
 * next message finds its token dead, token-service refreshes once, and the foreign-rotation alarm
 * moves in Prometheus.
 */
final class TokenRotation {
  private final Account account;
  private final String appid;
  private final String orderNo;
  private final Simulator sim;
  private final DemoRelay relay;
  private final Narrator n;

  TokenRotation(Account account, String orderNo, Simulator sim, DemoRelay relay, Narrator n) {
    this.account = account;
    this.appid = account.appid();
    this.orderNo = orderNo;
    this.sim = sim;
    this.relay = relay;
    this.n = n;
  }

  void run(String run) {
    n.say("");
    n.say("4. Someone outside wxrelay forces a new token for %s with its secret ...", appid);
    if (account.secret() == null) {
      n.fail("the accounts file has no secret for %s", appid);
      return;
    }
    long before = relay.generation();
    double alarmsBefore = relay.value(alarmQuery(appid));
    rotate(before);
    answer(run);
    refreshedOnce(before);
    alarmMoved(alarmsBefore);
  }

  /** Forces a new token at WeChat, behind wxrelay's back. */
  private void rotate(long generation) {
    String held = relay.token().map(StoredToken::token).orElse("");
    if (sim.forceNewToken(appid, account.secret()).equals(held)) {
      n.say(
          "   WeChat kept the token: forced refreshes must be 30 s apart (an earlier demo?); waiting 31 s");
      DemoRelay.pause(Duration.ofSeconds(31));
      sim.forceNewToken(appid, account.secret());
    }
    n.say(
        "   WeChat issued a new token; the one wxrelay holds (generation %d) is dead now",
        generation);
  }

  /** A user writes in, and wxrelay answers with the dead token first. */
  private void answer(String run) {
    String alice = "oAlice";
    sim.text(appid, alice, "Where is my order " + orderNo + "?");
    JsonNode text = relay.awaitEvent("wechat.message.text", alice);
    n.say(
        "   %s writes \"Where is my order?\": %s",
        alice,
        text == null ? "no event arrived" : "wechat.message.text " + text.path("id").asString());
    String id = "demo-answer-" + run;
    var data = new CustomSend(alice, CustomMessage.text("Your order " + orderNo + " ships today."));
    n.say("   answering with wechat.custom.send %s ...", id);
    var outcome = relay.send(id, data, n::progress);
    if (outcome.isEmpty() || !outcome.get().succeeded()) {
      n.fail("the answer to %s did not succeed", alice);
    }
  }

  private void refreshedOnce(long before) {
    long after = relay.generation();
    n.say(
        "   token generation %d -> %d: %s",
        before, after, after - before == 1 ? "one refresh" : (after - before) + " refreshes");
    if (after - before != 1) {
      n.fail("expected exactly one refresh, saw %d", after - before);
    }
    n.row(
        "token refreshes after the rotation",
        String.format("%d (generation %d -> %d)", after - before, before, after),
        "Redis (token-service's store)");
  }

  private void alarmMoved(double alarmsBefore) {
    double alarmsAfter = relay.awaitAbove(alarmQuery(appid), alarmsBefore);
    n.say("   alarm %s: %.0f -> %.0f", alarmQuery(appid), alarmsBefore, alarmsAfter);
    if (alarmsAfter <= alarmsBefore) {
      n.fail(
          "the foreign-rotation alarm did not move within %ss", DemoRelay.SCRAPE_WAIT.toSeconds());
    }
    n.row(
        "foreign-rotation alarm", String.format("+%.0f", alarmsAfter - alarmsBefore), "Prometheus");
  }

  static String alarmQuery(String appid) {
    return "sum(wxrelay_token_foreign_rotations_total{appid=\"" + appid + "\"})";
  }
}
