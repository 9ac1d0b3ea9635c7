package io.wxrelay.worker;

import static io.wxrelay.worker.WorkerFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.inbound.InboundData;
import io.wxrelay.schemas.inbound.SubscribeEvent;
import io.wxrelay.schemas.inbound.TextMessage;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reply rules on a worker process, events as the gateway publishes them: a follow is welcomed, a
 * keyword and a menu click answered, each once also when the event is published twice; a changed
 * rules file is in force without a restart.
 */
@ExtendWith(RealInfrastructure.class)
class ReplyRulesIT {
  @TempDir Path dir;

  private static String rules(String welcome) {
    return """
        {"%s": {
          "welcome": {"msgtype": "text", "text": {"content": "%s {openid}"}},
          "keywords": [{"exact": "hours", "reply": {"msgtype": "text", "text": {"content": "9 to 5, {openid}"}}}],
          "clicks": {"MENU_HELP": {"msgtype": "text", "text": {"content": "Help for {openid}"}}}
        }}
        """
        .formatted(APPID, welcome);
  }

  @Test
  void followsTextsAndClicksAreAnsweredOnceAndARuleChangeNeedsNoRestart(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(file, rules("Welcome"));
    try (WorkerFixture f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3)) {
      f.childWorker(
          Map.of("WORKER_REPLY_RULES", file.toString(), "WORKER_REPLY_RULES_CHECK", "500ms"));
      List<String> users = f.sim.accounts().population(APPID).openids(3);
      String run = UUID.randomUUID().toString().substring(0, 8);

      String follower = users.get(0);
      f.sim.users().follow(APPID, follower); // opens the window, as WeChat does
      CloudEvent<SubscribeEvent> follow =
          event(
              EventType.EVENT_SUBSCRIBE,
              "sub-" + run,
              new SubscribeEvent("gh_shop", follower, now(), null, null, true));
      f.publishEvent(follow, follower);
      f.publishEvent(follow, follower); // the gateway published it twice
      assertAnsweredOnce(f, "reply-sub-" + run, "Welcome " + follower);

      String writer = users.get(1);
      f.sim.users().text(APPID, writer, "Hours");
      f.publishEvent(event(EventType.MESSAGE_TEXT, "txt-" + run, text(writer, "Hours")), writer);
      assertAnsweredOnce(f, "reply-txt-" + run, "9 to 5, " + writer);

      String clicker = users.get(2);
      f.sim.users().click(APPID, clicker, "MENU_HELP");
      f.publishEvent(
          event(
              EventType.EVENT_CLICK,
              "clk-" + run,
              new ClickEvent("gh_shop", clicker, now(), "MENU_HELP")),
          clicker);
      assertAnsweredOnce(f, "reply-clk-" + run, "Help for " + clicker);

      Files.writeString(file, rules("Hello again"));
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(1)));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                String id = "sub2-" + run + "-" + System.nanoTime();
                f.publishEvent(
                    event(
                        EventType.EVENT_SUBSCRIBE,
                        id,
                        new SubscribeEvent("gh_shop", follower, now(), null, null, true)),
                    follower);
                return !deliveries(f, "Hello again " + follower).isEmpty();
              });
    }
  }

  private static void assertAnsweredOnce(WorkerFixture f, String commandId, String text) {
    await().atMost(Duration.ofSeconds(30)).until(() -> f.result(commandId) != null);
    assertThat(f.result(commandId).status()).isEqualTo(Status.SUCCEEDED);
    assertThat(deliveries(f, text)).hasSize(1);
  }

  private static List<Delivery> deliveries(WorkerFixture f, String text) {
    return f.sim.truth().deliveries(d -> text.equals(d.text()));
  }

  private static TextMessage text(String openid, String content) {
    return new TextMessage(
        "gh_shop", openid, now(), Long.toString(System.nanoTime()), content, null, null);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static <T extends InboundData> CloudEvent<T> event(EventType type, String id, T data) {
    return CloudEvent.of(type, id, "/wxrelay/callback-gateway", APPID, Instant.now(), data);
  }
}
