package io.wxrelay.cli.demo;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.cli.send.CommandEvents;
import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.cli.send.ResultWait;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.kit.accounts.Account;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.token.store.StoredToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One run of the demo: the steps, what each observed, and the summary. */
final class DemoRun {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SCRAPE_WAIT = Duration.ofSeconds(40);

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
  private final ContractCodec codec;
  private final Simulator sim;
  private final Prometheus prometheus;
  private final RelayRedis redis;
  private final TopicReader results;
  private final TopicReader events;
  private final CommandWriter writer;
  private final PrintWriter out;
  private final Path outDir;
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final Summary summary = new Summary();
  private boolean allGood = true;

  DemoRun(
      CliSettings settings,
      Account account,
      ContractCodec codec,
      Simulator sim,
      Prometheus prometheus,
      RelayRedis redis,
      TopicReader results,
      TopicReader events,
      CommandWriter writer,
      PrintWriter out,
      Path outDir) {
    this.settings = settings;
    this.account = account;
    this.appid = account.appid();
    this.codec = codec;
    this.sim = sim;
    this.prometheus = prometheus;
    this.redis = redis;
    this.results = results;
    this.events = events;
    this.writer = writer;
    this.out = out;
    this.outDir = outDir;
  }

  /** Runs every step; true when each did what it should. */
  boolean run(int tag, int listSize) {
    say("wxrelay demo, run %s, on account %s (%s), simulated WeChat", run, appid, account.name());
    Map<String, Double> before = metrics();
    String ticket = qrCode();
    String newcomer = scan(ticket);
    broadcastToTag(tag);
    broadcastToList(listSize);
    tokenRotation();
    Map<String, Double> after = metricsAfter(before);
    summarize(before, after, newcomer);
    say("");
    say(allGood ? "demo: every step did what it should." : "demo: some steps did not; see above.");
    return allGood;
  }

  // --- 1. a QR code with a news reply --------------------------------------------------------

  private String orderNo;

  private String qrCode() {
    orderNo = "order-" + run;
    String id = "demo-qr-" + run;
    ObjectNode data = codec.mapper().createObjectNode();
    data.put("scene", orderNo);
    data.put("expireSeconds", 3600);
    ObjectNode reply = data.putObject("reply");
    reply.put("msgtype", "news");
    ObjectNode article = reply.putObject("news").putArray("articles").addObject();
    article.put("title", "Your order " + orderNo);
    article.put("description", "Tap to see where your parcel is.");
    article.put("url", "https://shop.example/orders/" + orderNo);
    say("");
    say(
        "1. QR code: writing wechat.qrcode.create %s (scene %s, reply: news \"Your order %s\")",
        id, orderNo, orderNo);
    var outcome = send(EventType.QRCODE_CREATE, id, data, false);
    if (outcome.isEmpty() || !outcome.get().succeeded()) {
      throw new CliError(
          "the QR code was not created; the demo cannot go on", CliError.NOT_SUCCEEDED);
    }
    JsonNode response = outcome.get().result().path("response");
    String ticket = response.path("ticket").asString();
    String png = savePng(response.path("imageUrl").asString());
    summary.row("QR code created", "ticket " + shorten(ticket) + ", PNG " + png, "wechat.results");
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
      say("   PNG saved: %s (%,d bytes)", shown, image.length);
      return shown.toString();
    } catch (IOException e) {
      throw new CliError("cannot write the QR code's PNG under " + outDir);
    }
  }

  // --- 2. a newcomer scans it ------------------------------------------------------------------

  private String scan(String ticket) {
    String newcomer = "oNewcomer" + run;
    say("");
    say("2. A newcomer, %s, scans it in WeChat ...", newcomer);
    sim.scan(appid, newcomer, ticket);
    JsonNode event = awaitEvent("wechat.event.subscribe", newcomer);
    if (event == null) {
      fail("no wechat.event.subscribe of %s reached wechat.events", newcomer);
      summary.row("newcomer's scan", "no subscribe event", "wechat.events");
      return newcomer;
    }
    String scene = event.path("data").path("scene").asString("");
    say(
        "   wechat.events: %s %s, scene \"%s\"%s",
        event.path("type").asString(),
        event.path("id").asString(),
        scene,
        event.path("data").path("newFollower").asBoolean() ? ", a new follower" : "");
    if (!scene.equals(orderNo)) {
      fail("the event's scene is \"%s\", not \"%s\"", scene, orderNo);
    }
    summary.row("newcomer's scan", "wechat.event.subscribe, scene " + scene, "wechat.events");
    String replyId = "qr-reply-" + event.path("id").asString();
    var reply =
        new ResultWait(results, codec.mapper(), l -> say("   reply %s", l))
            .await(replyId, false, STEP_TIMEOUT);
    if (reply.isEmpty() || !reply.get().succeeded()) {
      fail("the reply %s did not succeed", replyId);
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
    say("   WeChat delivered to %s: %s", newcomer, what);
    if (delivered.size() != 1) {
      fail("the newcomer got %d messages instead of 1", delivered.size());
    }
    summary.row("reply delivered to the newcomer", what, "simulator truth");
    return newcomer;
  }

  // --- 3. broadcasts -----------------------------------------------------------------------------

  private void broadcastToTag(int tag) {
    String id = "demo-tag-" + run;
    ObjectNode data = codec.mapper().createObjectNode();
    data.putObject("filter").put("is_to_all", false).put("tag_id", tag);
    data.put("msgtype", "text");
    data.putObject("text").put("content", "Autumn sale starts today (demo " + run + ")");
    say("");
    say("3a. Broadcast to the followers with tag %d: wechat.mass.sendall %s ...", tag, id);
    broadcast(EventType.MASS_SENDALL, id, data, "broadcast to tag " + tag);
  }

  private void broadcastToList(int size) {
    String id = "demo-list-" + run;
    List<String> openids = sim.followers(appid, size);
    ObjectNode data = codec.mapper().createObjectNode();
    var touser = data.putArray("touser");
    openids.forEach(touser::add);
    data.put("msgtype", "text");
    data.putObject("text").put("content", "Members' evening on Friday (demo " + run + ")");
    say("");
    say(
        "3b. Broadcast to a list of %,d followers: wechat.mass.send %s (split into chunks of at most 10,000) ...",
        openids.size(), id);
    broadcast(
        EventType.MASS_SEND,
        id,
        data,
        "broadcast to " + String.format("%,d", openids.size()) + " listed");
  }

  private void broadcast(EventType type, String id, ObjectNode data, String label) {
    var outcome = send(type, id, data, true);
    if (outcome.isEmpty()) {
      summary.row(label, "no result", "wechat.results");
      return;
    }
    if (!outcome.get().succeeded()) {
      fail("%s did not succeed", id);
    }
    Set<Long> msgIds = new HashSet<>();
    outcome.get().result().path("chunks").forEach(c -> msgIds.add(c.path("msgId").asLong()));
    msgIds.add(outcome.get().result().path("response").path("msg_id").asLong(0));
    msgIds.remove(0L); // customer-service messages carry no msg_id
    long delivered = 0;
    for (JsonNode d : sim.deliveries(appid, null)) {
      if (msgIds.contains(d.path("msgId").asLong(-1))) {
        delivered++;
      }
    }
    say("   WeChat delivered it to %,d followers", delivered);
    if (outcome.get().sent() < outcome.get().total()) {
      say(
          "   (%,d fewer than targeted: WeChat delivers at most 4 broadcasts a month to a service"
              + " account's follower, and earlier runs used some)",
          outcome.get().total() - outcome.get().sent());
    }
    if (delivered != outcome.get().sent()) {
      fail(
          "WeChat's deliveries (%,d) differ from the finish events' sent count (%,d)",
          delivered, outcome.get().sent());
    }
    summary.row(
        label,
        String.format(
            "%d chunk%s, sent %,d of %,d",
            outcome.get().chunks(),
            outcome.get().chunks() == 1 ? "" : "s",
            outcome.get().sent(),
            outcome.get().total()),
        "wechat.mass.finished");
    summary.row("  delivered by WeChat", String.format("%,d", delivered), "simulator truth");
  }

  // --- 4. the token rotated behind wxrelay's back
  // -------------------------------------------------

  private void tokenRotation() {
    say("");
    say("4. Someone outside wxrelay forces a new token for %s with its secret ...", appid);
    if (account.secret() == null) {
      fail("the accounts file has no secret for %s", appid);
      return;
    }
    long before = generation();
    double alarmsBefore = prometheus.value(alarmQuery());
    String held = redis.tokens().read(appid).map(StoredToken::token).orElse("");
    if (sim.forceNewToken(appid, account.secret()).equals(held)) {
      say(
          "   WeChat kept the token: forced refreshes must be 30 s apart (an earlier demo?); waiting 31 s");
      sleep(Duration.ofSeconds(31));
      sim.forceNewToken(appid, account.secret());
    }
    say("   WeChat issued a new token; the one wxrelay holds (generation %d) is dead now", before);
    String alice = "oAlice";
    sim.text(appid, alice, "Where is my order " + orderNo + "?");
    JsonNode text = awaitEvent("wechat.message.text", alice);
    say(
        "   %s writes \"Where is my order?\": %s",
        alice,
        text == null ? "no event arrived" : "wechat.message.text " + text.path("id").asString());
    String id = "demo-answer-" + run;
    ObjectNode data = codec.mapper().createObjectNode();
    data.put("touser", alice);
    data.put("msgtype", "text");
    data.putObject("text").put("content", "Your order " + orderNo + " ships today.");
    say("   answering with wechat.custom.send %s ...", id);
    var outcome = send(EventType.CUSTOM_SEND, id, data, false);
    if (outcome.isEmpty() || !outcome.get().succeeded()) {
      fail("the answer to %s did not succeed", alice);
    }
    long after = generation();
    say(
        "   token generation %d -> %d: %s",
        before, after, after - before == 1 ? "one refresh" : (after - before) + " refreshes");
    if (after - before != 1) {
      fail("expected exactly one refresh, saw %d", after - before);
    }
    summary.row(
        "token refreshes after the rotation",
        String.format("%d (generation %d -> %d)", after - before, before, after),
        "Redis (token-service's store)");
    double alarmsAfter = awaitAbove(alarmQuery(), alarmsBefore);
    say("   alarm %s: %.0f -> %.0f", alarmQuery(), alarmsBefore, alarmsAfter);
    if (alarmsAfter <= alarmsBefore) {
      fail("the foreign-rotation alarm did not move within %ss", SCRAPE_WAIT.toSeconds());
    }
    summary.row(
        "foreign-rotation alarm", String.format("+%.0f", alarmsAfter - alarmsBefore), "Prometheus");
  }

  private String alarmQuery() {
    return "sum(wxrelay_token_foreign_rotations_total{appid=\"" + appid + "\"})";
  }

  private long generation() {
    return redis.tokens().read(appid).map(StoredToken::generation).orElse(0L);
  }

  // --- 5. the summary
  // -------------------------------------------------------------------------------

  private Map<String, Double> metrics() {
    Map<String, Double> m = new HashMap<>();
    for (String q : List.of(Q_SUCCEEDED, Q_CALLBACKS, Q_REFRESHES, Q_FINISHED)) {
      m.put(q, prometheus.value(q));
    }
    return m;
  }

  /** The counters once Prometheus has scraped what the demo did (its last command's success). */
  private Map<String, Double> metricsAfter(Map<String, Double> before) {
    awaitAbove(Q_SUCCEEDED, before.get(Q_SUCCEEDED) + 4);
    awaitAbove(Q_FINISHED, before.get(Q_FINISHED) + 2);
    awaitAbove(Q_CALLBACKS, before.get(Q_CALLBACKS) + 4);
    return metrics();
  }

  private void summarize(Map<String, Double> before, Map<String, Double> after, String newcomer) {
    summary.row(
        "commands succeeded during the demo", delta(before, after, Q_SUCCEEDED), "Prometheus");
    summary.row(
        "callbacks published during the demo", delta(before, after, Q_CALLBACKS), "Prometheus");
    summary.row(
        "broadcast finishes matched during the demo",
        delta(before, after, Q_FINISHED),
        "Prometheus");
    summary.row(
        "tokens issued to wxrelay during the demo",
        delta(before, after, Q_REFRESHES),
        "Prometheus");
    say("");
    say("5. Summary (every figure observed, none assumed):");
    summary.print(out);
    say("");
    say(
        "The Prometheus queries behind it (paste them into %s):",
        settings.prometheus().orElseThrow().resolve("/graph"));
    for (String q : List.of(Q_SUCCEEDED, Q_CALLBACKS, Q_FINISHED, Q_REFRESHES, alarmQuery())) {
      say("  %s", q);
    }
    say(
        "Read the newcomer's messages yourself: curl '%s'",
        settings
            .simulator()
            .orElseThrow()
            .resolve("/sim/truth/deliveries?appid=" + appid + "&openid=" + newcomer));
  }

  private static String delta(Map<String, Double> before, Map<String, Double> after, String q) {
    return String.format("+%.0f", after.get(q) - before.get(q));
  }

  // --- helpers
  // ---------------------------------------------------------------------------------------

  private Optional<ResultWait.Outcome> send(
      EventType type, String id, JsonNode data, boolean broadcast) {
    byte[] value =
        new CommandEvents(codec).encode(type, id, "/wxrelay/demo", appid, Instant.now(), data);
    writer.write(settings.topic(Topic.COMMANDS), CommandEvents.keyOf(type, appid, data), value);
    var outcome =
        new ResultWait(results, codec.mapper(), l -> say("   %s", l))
            .await(id, broadcast, STEP_TIMEOUT);
    if (outcome.isEmpty()) {
      fail("no result for %s within %ss", id, STEP_TIMEOUT.toSeconds());
    }
    return outcome;
  }

  private JsonNode awaitEvent(String type, String openid) {
    Instant deadline = Instant.now().plus(STEP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (var record : events.poll(Duration.ofMillis(200))) {
        JsonNode event = codec.mapper().readTree(record.value());
        if (event.path("type").asString("").equals(type)
            && openid.equals(event.path("data").path("openid").asString(""))) {
          return event;
        }
      }
    }
    return null;
  }

  /** Polls Prometheus until {@code q} is above {@code floor} or the wait ends; its last value. */
  private double awaitAbove(String q, double floor) {
    Instant deadline = Instant.now().plus(SCRAPE_WAIT);
    double value = prometheus.value(q);
    while (value <= floor && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofSeconds(1));
      value = prometheus.value(q);
    }
    return value;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError("interrupted", CliError.NOT_SUCCEEDED);
    }
  }

  private void fail(String format, Object... args) {
    allGood = false;
    say("   ! " + format, args);
  }

  private void say(String format, Object... args) {
    out.println(args.length == 0 ? format : String.format(format, args));
    out.flush();
  }

  private static String shorten(String text) {
    return text.length() <= 16 ? text : text.substring(0, 13) + "...";
  }
}
