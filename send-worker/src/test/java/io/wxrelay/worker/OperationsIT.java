package io.wxrelay.worker;

import static io.wxrelay.worker.WorkerFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassDelete;
import io.wxrelay.schemas.command.MassGet;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassPreview;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MassSpeedGet;
import io.wxrelay.schemas.command.MassSpeedSet;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.inbound.ScanEvent;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.plan.CommandCalls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation, one worker against the simulator, a real token-service, the real broker and
 * Redis: what needs real processes (a token killed behind token-service's back, the simulator's
 * deliveries, broadcasts and their finish events, QR replies, a key's order across parking). Each
 * outcome class, from WeChat's errcode to the result, is a unit test: {@code CommandRunTest}.
 */
@ExtendWith(RealInfrastructure.class)
class OperationsIT {
  private static WorkerFixture f;
  private static SendWorker worker;
  private static List<String> users;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    SimRules rules =
        SimRules.wechat()
            .withTokenTimes(Duration.ofHours(2), Duration.ZERO, Duration.ofMinutes(5))
            .withClientmsgidRetryGap(Duration.ofSeconds(2))
            .withMassPerMinute(10_000);
    f = new WorkerFixture(kafka, redis, rules, 3);
    worker =
        f.worker(
            Map.of(
                "WORKER_CLIENTMSGID_RETRY_GAP", "2s",
                "WORKER_PARK_AFTER", "1s",
                "WORKER_BACKOFF_BASE", "200ms",
                "WORKER_BACKOFF_MAX", "4s", // waits beyond WORKER_PARK_AFTER: parked
                "WORKER_RATE_LIMITS", "*:mass=100/1s/10"));
    users = f.sim.accounts().population(APPID).openids(20);
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
  }

  @AfterEach
  void clearFaults() {
    f.sim.faults().clear();
  }

  private static String id(String what) {
    return what + "-" + UUID.randomUUID();
  }

  private static CommandResult awaitResult(String id) {
    await().atMost(Duration.ofSeconds(30)).until(() -> f.result(id) != null);
    return f.result(id);
  }

  private static List<Delivery> deliveriesWithText(String text) {
    return f.sim.truth().deliveries(d -> text.equals(d.text()));
  }

  @Test
  void theWorkerExportsTheLagOfItsGroupsReadFromTheBrokers() {
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.adminPort() + "/metrics"))
            .build();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              String metrics =
                  HttpClient.newHttpClient().send(scrape, BodyHandlers.ofString()).body();
              return metrics.contains("wxrelay_kafka_group_lag_records{")
                  && metrics.contains("topic=\"" + f.topics.get(Topic.COMMANDS) + "\"")
                  && metrics.contains("topic=\"" + f.topics.get(Topic.EVENTS) + "\"")
                  && metrics.contains("wxrelay_kafka_group_oldest_age_seconds{");
            });
  }

  @Test
  void aCustomerServiceMessageReachesAUserWhoseWindowIsOpen() {
    f.sim.users().text(APPID, users.get(0), "hello");
    String id = id("custom");
    f.send(EventType.CUSTOM_SEND, id, new CustomSend(users.get(0), CustomMessage.text(id)));

    CommandResult result = awaitResult(id);
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(deliveriesWithText(id))
        .singleElement()
        .extracting(Delivery::openid)
        .isEqualTo(users.get(0));
  }

  @Test
  void anAgentsMessageCarriesItsKfAccount() {
    f.sim.users().text(APPID, users.get(1), "hello");
    String id = id("agent");
    f.send(
        EventType.CUSTOM_SEND,
        id,
        new CustomSend(users.get(1), CustomMessage.text(id).asAgent("anna@shop")));
    assertThat(awaitResult(id).status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aTokenInvalidatedMidRunIsRefreshedOnceAndEveryCallSucceeds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      f.sim.users().text(APPID, users.get(6 + i), "hello");
    }
    long before = f.sim.truth().tokensIssued("cgi-bin/token", APPID);
    // Someone fetches a token behind token-service's back: with no grace period the stored one
    // dies at once, and the next calls get 40001.
    String url =
        f.sim.baseUrl()
            + "/cgi-bin/token?grant_type=client_credential&appid="
            + APPID
            + "&secret="
            + io.wxrelay.sim.SimConfig.DEFAULT_SECRET;
    java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    for (int i = 0; i < 6; i++) {
      String id = id("token");
      ids.add(id);
      f.send(EventType.CUSTOM_SEND, id, new CustomSend(users.get(6 + i), CustomMessage.text(id)));
    }

    for (String id : ids) {
      assertThat(awaitResult(id).status()).isEqualTo(Status.SUCCEEDED);
      assertThat(deliveriesWithText(id)).hasSize(1);
    }
    // One foreign fetch, one refresh by token-service.
    assertThat(f.sim.truth().tokensIssued("cgi-bin/token", APPID)).isEqualTo(before + 2);
  }

  @Test
  void qrCodesOfEveryKindCarryTicketUrlExpiryAndAnEncodedImageUrl() {
    String temporary = id("qr-temp");
    String permanent = id("qr-perm");
    f.send(EventType.QRCODE_CREATE, temporary, new QrCodeCreate(QrScene.of(123), 600, null, null));
    f.send(
        EventType.QRCODE_CREATE,
        permanent,
        new QrCodeCreate(QrScene.of("shelf-9"), null, true, null));

    CommandResult temp = awaitResult(temporary);
    assertThat(temp.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(temp.response()).containsKeys("ticket", "url", "expire_seconds", "imageUrl");
    String ticket = (String) temp.response().get("ticket");
    assertThat(temp.response().get("imageUrl"))
        .isEqualTo(
            f.sim.baseUrl()
                + "/cgi-bin/showqrcode?ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
    CommandResult perm = awaitResult(permanent);
    assertThat(perm.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(perm.response()).containsKeys("ticket", "url", "imageUrl");
  }

  @Test
  void whoeverScansAQrCodeWithAReplyGetsTheReply() throws Exception {
    String id = id("qr-reply");
    String text = "welcome " + id;
    String ticket = qrCodeWithReply(id, "door-" + id, text);
    String user = users.get(13);
    f.sim.users().scan(APPID, user, ticket); // opens the user's window, as WeChat does
    f.publishEvent(scanOf(id, user, "door-" + id, ticket), user);

    await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesWithText(text).size() == 1);
    assertThat(deliveriesWithText(text).getFirst().openid()).isEqualTo(user);
    assertThat(awaitResult("qr-reply-scan-" + id).status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void aQrReplyThatMustWaitIsParkedAsItsOwnCommandAndArrivesOnce() throws Exception {
    String id = id("qr-parked");
    String text = "welcome " + id;
    String ticket = qrCodeWithReply(id, "hall-" + id, text);
    String user = users.get(6);
    f.sim.users().scan(APPID, user, ticket);
    long faultedBefore = f.sim.truth().faultedCalls("message/custom/send");
    f.sim.faults().configure("message/custom/send: rate=1; errors=-1");
    f.publishEvent(scanOf(id, user, "hall-" + id, ticket), user);
    awaitParkedAfterFaults(faultedBefore);
    f.sim.faults().clear();

    await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesWithText(text).size() == 1);
    CommandResult reply = awaitResult("qr-reply-scan-" + id);
    assertThat(reply.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(reply.attempts()).isGreaterThanOrEqualTo(6);
    assertThat(f.resultsOf("scan-" + id)).isEmpty(); // the event itself is no command
    assertThat(deliveriesWithText(text)).hasSize(1);
  }

  @Test
  void aUsersNextMessageWaitsForTheOneParkedBeforeIt() {
    String user = users.get(7);
    f.sim.users().text(APPID, user, "hello");
    String first = id("first");
    String second = id("second");
    long faultedBefore = f.sim.truth().faultedCalls("message/custom/send");
    f.sim.faults().configure("message/custom/send: rate=1; errors=-1");
    f.send(EventType.CUSTOM_SEND, first, new CustomSend(user, CustomMessage.text(first)));
    awaitParkedAfterFaults(faultedBefore);
    f.sim.faults().clear();
    f.send(EventType.CUSTOM_SEND, second, new CustomSend(user, CustomMessage.text(second)));

    assertThat(awaitResult(second).status()).isEqualTo(Status.SUCCEEDED);
    assertThat(awaitResult(first).status()).isEqualTo(Status.SUCCEEDED);
    assertThat(f.sim.truth().deliveriesTo(APPID, user))
        .extracting(Delivery::text)
        .containsSubsequence(first, second)
        .doesNotHaveDuplicates();
    assertThat(awaitResult(second).attempts()).isEqualTo(1);
  }

  /**
   * Five failed calls: with WORKER_BACKOFF_BASE 200 ms the wait after the fifth is at least 1.6 s,
   * beyond WORKER_PARK_AFTER (1 s), so the command is parked on the retry topic by then.
   */
  private static void awaitParkedAfterFaults(long faultedBefore) {
    awaitFaultedCalls(faultedBefore, 5);
  }

  /** Until {@code n} more customer-service calls failed than {@code before} (other tests' too). */
  private static void awaitFaultedCalls(long before, int n) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> f.sim.truth().faultedCalls("message/custom/send") - before >= n);
  }

  /** Creates a temporary QR code whose scans are answered with {@code text}; its ticket. */
  private static String qrCodeWithReply(String id, String scene, String text) {
    f.send(
        EventType.QRCODE_CREATE,
        id,
        new QrCodeCreate(QrScene.of(scene), 600, null, CustomMessage.text(text)));
    return (String) awaitResult(id).response().get("ticket");
  }

  private static CloudEvent<ScanEvent> scanOf(String id, String user, String scene, String ticket) {
    return CloudEvent.of(
        EventType.EVENT_SCAN,
        "scan-" + id,
        "/wxrelay/callback-gateway",
        APPID,
        Instant.now(),
        new ScanEvent("gh_test", user, Instant.now().getEpochSecond(), scene, ticket, false));
  }

  @Test
  void aBroadcastToAllSucceedsAndItsFinishEventIsMatchedToTheCommand() throws Exception {
    String id = id("sendall");
    f.send(
        EventType.MASS_SENDALL,
        id,
        new MassSendAll(MassSendAll.Filter.all(), MassMessage.text(id), null));

    CommandResult result = awaitResult(id);
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.chunks())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.clientmsgid()).isEqualTo(CommandCalls.clientmsgid(id, 0));
              assertThat(c.msgId()).isNotNull();
            });
    long msgId = result.chunks().getFirst().msgId();
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesWithText(id).size() == 100);

    f.publishMassJobFinished(id, msgId, 100);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !WorkerFixture.data(f.results, id, MassFinished.class).isEmpty());
    MassFinished finished = WorkerFixture.data(f.results, id, MassFinished.class).getFirst();
    assertThat(finished.msgId()).isEqualTo(msgId);
    assertThat(finished.chunkIndex()).isZero();
    assertThat(finished.succeeded()).isTrue();
  }

  @Test
  void aBroadcastToMoreThanTenThousandOpenidsIsSplitIntoBalancedChunksEachWithItsClientmsgid() {
    List<String> touser = new ArrayList<>(users);
    for (int i = touser.size(); i < 10_001; i++) {
      touser.add(String.format("oStranger%07d", i));
    }
    String id = id("split");
    f.send(EventType.MASS_SEND, id, new MassSend(touser, MassMessage.text(id), null));

    CommandResult result = awaitResult(id);
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.chunks()).hasSize(2);
    assertThat(result.chunks().get(0).openidCount()).isEqualTo(5_001);
    assertThat(result.chunks().get(1).openidCount()).isEqualTo(5_000);
    assertThat(result.chunks())
        .extracting(CommandResult.Chunk::clientmsgid)
        .containsExactly(CommandCalls.clientmsgid(id, 0), CommandCalls.clientmsgid(id, 1));
    // WeChat delivers a submitted broadcast afterwards; only the 20 followers among the OpenIDs.
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesWithText(id).size() >= 20);
    assertThat(deliveriesWithText(id)).hasSize(20);
  }

  @Test
  void aBroadcastRetriedAfterItsAnswerWasLostIsDeliveredOnce() {
    f.sim.faults().configure("message/mass/send: rate=1; errors=lost");
    String id = id("mass-lost");
    f.send(EventType.MASS_SEND, id, new MassSend(users.subList(0, 5), MassMessage.text(id), null));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> f.sim.truth().faultedCalls("message/mass/send") >= 1);
    f.sim.faults().clear();

    CommandResult result = awaitResult(id);
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.attempts()).isGreaterThanOrEqualTo(2);
    assertThat(result.chunks().getFirst().errcode()).isEqualTo(45065); // "already sent"
    await()
        .pollDelay(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .until(() -> deliveriesWithText(id).size() >= 5);
    assertThat(deliveriesWithText(id))
        .extracting(Delivery::openid)
        .containsExactlyInAnyOrderElementsOf(users.subList(0, 5));
  }

  @Test
  void aListOfOneOpenidIsRefusedWithAClearReason() {
    String id = id("one");
    String command =
        "{\"specversion\":\"1.0\",\"id\":\""
            + id
            + "\",\"source\":\"/test\",\"type\":\"wechat.mass.send\","
            + "\"time\":\"2026-11-22T10:00:00Z\",\"subject\":\""
            + APPID
            + "\",\"data\":{\"touser\":[\""
            + users.get(0)
            + "\"],\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}}";
    f.sendRaw(APPID, command.getBytes(StandardCharsets.UTF_8));

    CommandResult result = awaitResult(id);
    assertThat(result.status()).isEqualTo(Status.DEAD);
    assertThat(result.errorClass()).isEqualTo(ErrorClass.INVALID);
    assertThat(result.reason()).contains("/data/touser");
  }

  @Test
  void aMalformedRecordGoesToTheDlqAndConsumptionGoesOn() {
    f.sendRaw("garbage-key", "{not json".getBytes(StandardCharsets.UTF_8));
    f.sim.users().text(APPID, users.get(14), "hello");
    String id = id("after-garbage");
    f.send(EventType.CUSTOM_SEND, id, new CustomSend(users.get(14), CustomMessage.text(id)));

    assertThat(awaitResult(id).status()).isEqualTo(Status.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !WorkerFixture.data(f.dlq, "garbage-key", DeadLetter.class).isEmpty());
    DeadLetter letter = WorkerFixture.data(f.dlq, "garbage-key", DeadLetter.class).getFirst();
    assertThat(letter.errorClass()).isEqualTo(DeadLetter.Reason.MALFORMED);
    assertThat(letter.original().valueBase64())
        .isEqualTo(
            java.util.Base64.getEncoder()
                .encodeToString("{not json".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void commandIdsOfAnyLengthEndWithoutHoldingUpTheirPartition() {
    // 128 characters, the most a command id may have: "result-" + id is longer than an event id
    // may be, so the result's own id is derived from it.
    String longest = pad(id("longest"), CloudEvent.ID_MAX_LENGTH);
    f.send(EventType.QRCODE_CREATE, longest, new QrCodeCreate(QrScene.of(7), 60, null, null));
    // 300 characters break the envelope: a dead letter (carrying the id), no result, and the
    // next command of the same key still goes.
    String overlong = pad(id("overlong"), 300);
    String command =
        "{\"specversion\":\"1.0\",\"id\":\""
            + overlong
            + "\",\"source\":\"/test\",\"type\":\"wechat.qrcode.create\","
            + "\"time\":\"2026-11-22T10:00:00Z\",\"subject\":\""
            + APPID
            + "\",\"data\":{\"scene\":{\"id\":8}}}";
    f.sendRaw(APPID, command.getBytes(StandardCharsets.UTF_8));
    String after = id("after-overlong");
    f.send(EventType.QRCODE_CREATE, after, new QrCodeCreate(QrScene.of(9), 60, null, null));

    CommandResult result = awaitResult(longest);
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(f.resultsOf(longest)).hasSize(1);
    assertThat(awaitResult(after).status()).isEqualTo(Status.SUCCEEDED);
    await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersOf(overlong).size() == 1);
    assertThat(deadLettersOf(overlong).getFirst().errorClass())
        .isEqualTo(DeadLetter.Reason.MALFORMED);
    assertThat(f.resultsOf(overlong)).isEmpty();
  }

  private static String pad(String id, int length) {
    return id + "-" + "x".repeat(length - id.length() - 1);
  }

  private static List<DeadLetter> deadLettersOf(String commandId) {
    return WorkerFixture.data(f.dlq, APPID, DeadLetter.class).stream()
        .filter(l -> commandId.equals(l.commandId()))
        .toList();
  }

  @Test
  void previewGetDeleteAndSpeedEachDoTheirCall() {
    String preview = id("preview");
    f.send(
        EventType.MASS_PREVIEW,
        preview,
        new MassPreview(users.get(15), null, MassMessage.text(preview)));
    assertThat(awaitResult(preview).status()).isEqualTo(Status.SUCCEEDED);
    assertThat(deliveriesWithText(preview)).hasSize(1);

    String sent = id("to-get");
    f.send(
        EventType.MASS_SEND, sent, new MassSend(users.subList(0, 2), MassMessage.text(sent), null));
    long msgId = awaitResult(sent).chunks().getFirst().msgId();
    String get = id("get");
    f.send(EventType.MASS_GET, get, new MassGet(msgId));
    assertThat(awaitResult(get).response()).containsKey("msg_status");

    String delete = id("delete");
    f.send(EventType.MASS_DELETE, delete, new MassDelete(987_654_321L, null, null));
    CommandResult deleted = awaitResult(delete);
    assertThat(deleted.errcode()).isEqualTo(40059);

    String set = id("speed-set");
    f.send(EventType.MASS_SPEED_SET, set, new MassSpeedSet(3));
    assertThat(awaitResult(set).status()).isEqualTo(Status.SUCCEEDED);
    String speed = id("speed-get");
    f.send(EventType.MASS_SPEED_GET, speed, new MassSpeedGet());
    assertThat(awaitResult(speed).response()).containsEntry("speed", 3);
  }

  @Test
  void aReplayedCommandGetsTheStoredResultWithoutASecondCall() {
    f.sim.users().text(APPID, users.get(16), "hello");
    String id = id("replay");
    CloudEvent<CustomSend> command =
        f.send(EventType.CUSTOM_SEND, id, new CustomSend(users.get(16), CustomMessage.text(id)));
    CommandResult first = awaitResult(id);
    f.sendRaw(APPID + ":" + users.get(16), WorkerFixture.CODEC.encode(command));

    await().atMost(Duration.ofSeconds(10)).until(() -> f.resultsOf(id).size() == 2);
    assertThat(f.resultsOf(id)).containsOnly(first);
    assertThat(deliveriesWithText(id)).hasSize(1);
  }
}
