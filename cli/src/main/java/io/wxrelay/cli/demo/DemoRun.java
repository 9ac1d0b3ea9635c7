package io.wxrelay.cli.demo;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.send.NewsReply;
import io.wxrelay.kit.accounts.Account;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One run of the demo: the steps, what each observed, and the summary. */
final class DemoRun {
  private static final String Q_SUCCEEDED =
      "sum(wxrelay_worker_commands_total{outcome=\"succeeded\"})";
  private static final String Q_CALLBACKS =
      "sum(wxrelay_gateway_callbacks_total{outcome=\"published\"})";
  private static final String Q_REFRESHES =
      "sum(wxrelay_token_refreshes_total{outcome=\"issued\"})";
  private static final String Q_FINISHED =
      "sum(wxrelay_worker_mass_finished_total{outcome=\"matched\"})";

  private final CliSettings settings;
  private final Account account;
  private final String appid;
  private final Simulator sim;
  private final DemoRelay relay;
  private final Narrator n;
  private final Path outDir;
  private final String run = UUID.randomUUID().toString().substring(0, 6);

  DemoRun(
      CliSettings settings,
      Account account,
      Simulator sim,
      DemoRelay relay,
      Narrator narrator,
      Path outDir) {
    this.settings = settings;
    this.account = account;
    this.appid = account.appid();
    this.sim = sim;
    this.relay = relay;
    this.n = narrator;
    this.outDir = outDir;
  }

  /** Runs every step; true when each did what it should. */
  boolean run(int buyers, int listSize) {
    n.say("wxrelay demo, run %s, on account %s (%s), simulated WeChat", run, appid, account.name());
    Map<String, Double> before = metrics();
    String ticket = qrCode();
    String newcomer = scan(ticket);
    Broadcasts broadcasts = new Broadcasts(appid, run, sim, relay, n);
    broadcasts.toBuyers(buyers);
    broadcasts.toList(listSize);
    new TokenRotation(account, orderNo, sim, relay, n).run(run);
    Map<String, Double> after = metricsAfter(before);
    summarize(before, after, newcomer);
    n.say("");
    n.say(
        n.allGood()
            ? "demo: every step did what it should."
            : "demo: some steps did not; see above.");
    return n.allGood();
  }

  // --- 1. a QR code with a news reply --------------------------------------------------------

  private String orderNo;

  private String qrCode() {
    orderNo = "order-" + run;
    String id = "demo-qr-" + run;
    var reply =
        NewsReply.of(
            "Your order " + orderNo,
            "Tap to see where your parcel is.",
            "https://shop.example/orders/" + orderNo,
            null);
    var data = new QrCodeCreate(QrScene.of(orderNo), 3600, null, reply);
    n.say("");
    n.say(
        "1. QR code: writing wechat.qrcode.create %s (scene %s, reply: news \"Your order %s\")",
        id, orderNo, orderNo);
    var outcome = relay.send(id, data, n::progress);
    if (outcome.isEmpty() || !outcome.get().succeeded()) {
      throw new CliError(
          "the QR code was not created; the demo cannot go on", CliError.NOT_SUCCEEDED);
    }
    JsonNode response = outcome.get().result().path("response");
    String ticket = response.path("ticket").asString();
    String png = savePng(response.path("imageUrl").asString());
    n.row("QR code created", "ticket " + shorten(ticket) + ", PNG " + png, "wechat.results");
    return ticket;
  }

  private String savePng(String imageUrl) {
    byte[] image = sim.download(imageUrl);
    try {
      Files.createDirectories(outDir);
      Path file = outDir.resolve("qr-" + orderNo + ".png");
      Files.write(file, image);
      Path shown =
          file.toAbsolutePath().startsWith(Path.of("").toAbsolutePath())
              ? Path.of("").toAbsolutePath().relativize(file.toAbsolutePath())
              : file;
      n.say("   PNG saved: %s (%,d bytes)", shown, image.length);
      return shown.toString();
    } catch (IOException e) {
      throw new CliError("cannot write the QR code's PNG under " + outDir);
    }
  }

  // --- 2. a newcomer scans it ------------------------------------------------------------------

  private String scan(String ticket) {
    String newcomer = "oNewcomer" + run;
    n.say("");
    n.say("2. A newcomer, %s, scans it in WeChat ...", newcomer);
    sim.scan(appid, newcomer, ticket);
    JsonNode event = relay.awaitEvent("wechat.event.subscribe", newcomer);
    if (event == null) {
      n.fail("no wechat.event.subscribe of %s reached wechat.events", newcomer);
      n.row("newcomer's scan", "no subscribe event", "wechat.events");
      return newcomer;
    }
    String scene = event.path("data").path("scene").asString("");
    n.say(
        "   wechat.events: %s %s, scene \"%s\"%s",
        event.path("type").asString(),
        event.path("id").asString(),
        scene,
        event.path("data").path("newFollower").asBoolean() ? ", a new follower" : "");
    if (!scene.equals(orderNo)) {
      n.fail("the event's scene is \"%s\", not \"%s\"", scene, orderNo);
    }
    n.row("newcomer's scan", "wechat.event.subscribe, scene " + scene, "wechat.events");
    replyDelivered(newcomer, "qr-reply-" + event.path("id").asString());
    return newcomer;
  }

  /** The QR code's reply to the newcomer: its result, and what WeChat delivered. */
  private void replyDelivered(String newcomer, String replyId) {
    var reply = relay.result(replyId, false, l -> n.say("   reply %s", l));
    if (reply.isEmpty() || !reply.get().succeeded()) {
      n.fail("the reply %s did not succeed", replyId);
    }
    JsonNode delivered = sim.deliveries(appid, newcomer);
    String what = "nothing";
    if (!delivered.isEmpty()) {
      JsonNode first = delivered.get(0);
      String msgtype = first.path("msgtype").asString("");
      String text = first.path("text").asString("").replaceFirst("^" + msgtype + ":", "");
      what =
          String.format(
              "%d message%s (%s \"%s\")",
              delivered.size(), delivered.size() == 1 ? "" : "s", msgtype, text);
    }
    n.say("   WeChat delivered to %s: %s", newcomer, what);
    if (delivered.size() != 1) {
      n.fail("the newcomer got %d messages instead of 1", delivered.size());
    }
    n.row("reply delivered to the newcomer", what, "simulator truth");
  }

  // --- 5. the summary
  // -------------------------------------------------------------------------------

  private Map<String, Double> metrics() {
    return relay.values(List.of(Q_SUCCEEDED, Q_CALLBACKS, Q_REFRESHES, Q_FINISHED));
  }

  /** The counters once Prometheus has scraped what the demo did (its last command's success). */
  private Map<String, Double> metricsAfter(Map<String, Double> before) {
    relay.awaitAbove(Q_SUCCEEDED, before.get(Q_SUCCEEDED) + 4);
    relay.awaitAbove(Q_FINISHED, before.get(Q_FINISHED) + 2);
    relay.awaitAbove(Q_CALLBACKS, before.get(Q_CALLBACKS) + 4);
    return metrics();
  }

  private void summarize(Map<String, Double> before, Map<String, Double> after, String newcomer) {
    n.row("commands succeeded during the demo", delta(before, after, Q_SUCCEEDED), "Prometheus");
    n.row("callbacks published during the demo", delta(before, after, Q_CALLBACKS), "Prometheus");
    n.row(
        "broadcast finishes matched during the demo",
        delta(before, after, Q_FINISHED),
        "Prometheus");
    n.row(
        "tokens issued to wxrelay during the demo",
        delta(before, after, Q_REFRESHES),
        "Prometheus");
    n.say("");
    n.say("5. Summary (every figure observed, none assumed):");
    n.printSummary();
    n.say("");
    n.say(
        "The Prometheus queries behind it (paste them into %s):",
        settings.prometheus().orElseThrow().resolve("/graph"));
    for (String q :
        List.of(
            Q_SUCCEEDED, Q_CALLBACKS, Q_FINISHED, Q_REFRESHES, TokenRotation.alarmQuery(appid))) {
      n.say("  %s", q);
    }
    n.say(
        "Read the newcomer's messages yourself: curl '%s'",
        settings
            .simulator()
            .orElseThrow()
            .resolve("/sim/truth/deliveries?appid=" + appid + "&openid=" + newcomer));
  }

  private static String delta(Map<String, Double> before, Map<String, Double> after, String q) {
    return String.format("+%.0f", after.get(q) - before.get(q));
  }

  private static String shorten(String text) {
    return text.length() <= 16 ? text : text.substring(0, 13) + "...";
  }
}
