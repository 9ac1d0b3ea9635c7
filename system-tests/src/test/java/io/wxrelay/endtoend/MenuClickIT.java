package io.wxrelay.endtoend;

import static io.wxrelay.endtoend.InProcessRelay.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.command.MenuButton;
import io.wxrelay.schemas.command.MenuCreate;
import io.wxrelay.schemas.command.MenuGet;
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A menu made by a command, clicked by a user and the click answered (#33), on the whole relay
 * ({@link InProcessRelay}): wechat.menu.create through Kafka to the simulator, a follower taps its
 * button there, WeChat's CLICK reaches the gateway, which publishes wechat.event.click, and the
 * worker's reply rule for the button's key answers that follower.
 */
@ExtendWith(RealInfrastructure.class)
class MenuClickIT {
  private static final String ANSWER = "Today: hot pot, 58 yuan";

  @TempDir static Path dir;
  private static InProcessRelay relay;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    Path rules = dir.resolve("rules.json");
    Files.writeString(
        rules,
        """
        {"%s": {"clicks": {
          "MENU_TODAY": {"msgtype": "text", "text": {"content": "%s"}},
          "MENU_RETIRED": {"msgtype": "text", "text": {"content": "not on any menu"}}
        }}}"""
            .formatted(APPID, ANSWER));
    relay = new InProcessRelay(kafka, redis, Map.of("WORKER_REPLY_RULES", rules.toString()));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    relay.close();
  }

  @Test
  void aUserClicksTheMenuACommandMadeAndTheRuleForItsKeyAnswersThem() throws Exception {
    String id = "e2e-menu-" + UUID.randomUUID();
    MenuCreate menu =
        new MenuCreate(
            List.of(
                MenuButton.click("今日特价", "MENU_TODAY"),
                MenuButton.parent(
                    "More",
                    List.of(
                        MenuButton.click("Help", "MENU_HELP"),
                        MenuButton.view("Shop", "https://shop.example/")))));
    relay.send(EventType.MENU_CREATE, id, menu);
    CommandResult created = relay.result(id);
    assertThat(created.status()).isEqualTo(CommandResult.Status.SUCCEEDED);
    assertThat(created.response())
        .containsEntry("clickKeysWithoutRule", List.of("MENU_HELP"))
        .containsEntry("ruleKeysNotInMenu", List.of("MENU_RETIRED"));

    String user = relay.sim.accounts().population(APPID).openids(1).getFirst();
    JsonNode tapped = new WeChatClient(relay.sim.baseUrl()).tapMenu(APPID, user, "今日特价");
    assertThat(tapped.path("pushId").asLong()).isPositive();

    await().atMost(Duration.ofSeconds(30)).until(() -> !answered(user).isEmpty());
    assertThat(answered(user))
        .singleElement()
        .satisfies(d -> assertThat(d.msgtype()).isEqualTo("text"));
    assertThat(clicksPublished(user)).containsExactly("MENU_TODAY");
  }

  @Test
  void aMenuReadByACommandIsWhatTheSimulatorHolds() throws Exception {
    String create = "e2e-menu-create-" + UUID.randomUUID();
    relay.send(
        EventType.MENU_CREATE,
        create,
        new MenuCreate(List.of(MenuButton.click("今日特价", "MENU_TODAY"))));
    assertThat(relay.result(create).status()).isEqualTo(CommandResult.Status.SUCCEEDED);

    String get = "e2e-menu-get-" + UUID.randomUUID();
    relay.send(EventType.MENU_GET, get, new MenuGet());
    CommandResult read = relay.result(get);

    assertThat(read.status()).isEqualTo(CommandResult.Status.SUCCEEDED);
    JsonNode answer = InProcessRelay.CODEC.mapper().valueToTree(read.response());
    assertThat(answer.at("/menu/button/0/key").asString()).isEqualTo("MENU_TODAY");
    Map<?, ?> held = (Map<?, ?>) relay.sim.menus().of(APPID).get().get("menu");
    assertThat(answer.at("/menu/menuid").asLong()).isEqualTo(held.get("menuid"));
  }

  /** The rule's answer as the simulator delivered it to {@code user}. */
  private static List<Delivery> answered(String user) {
    return relay.sim.truth().deliveries(d -> d.openid().equals(user) && ANSWER.equals(d.text()));
  }

  /** The keys of the clicks of {@code user} the gateway published on the events topic. */
  private static List<String> clicksPublished(String user) throws Exception {
    try (TopicReader events = new TopicReader(relay.bootstrap, relay.topic(Topic.EVENTS))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> events.has(APPID + ":" + user));
      return events.values(APPID + ":" + user).stream()
          .map(v -> (CloudEvent<?>) InProcessRelay.CODEC.decode(v))
          .filter(e -> e.data() instanceof ClickEvent)
          .map(e -> ((ClickEvent) e.data()).eventKey())
          .toList();
    }
  }
}
