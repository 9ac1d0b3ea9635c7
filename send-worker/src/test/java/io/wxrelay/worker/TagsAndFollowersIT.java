package io.wxrelay.worker;

import static io.wxrelay.worker.WorkerFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.TagCreate;
import io.wxrelay.schemas.command.TagMembersAdd;
import io.wxrelay.schemas.command.UsersInfo;
import io.wxrelay.schemas.command.UsersSync;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.schemas.outcome.UsersPage;
import io.wxrelay.sim.account.Population;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The #32 flows over lists of users end to end, on Kafka, Redis and the simulator (an account of
 * 25,000 followers): a campaign's 1,200 buyers tagged in calls of 50 and broadcast to by their tag,
 * a follower sync whose pages add up to the simulator's followers, and user info for 250 users in
 * calls of 100.
 */
@ExtendWith(RealInfrastructure.class)
class TagsAndFollowersIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final int FOLLOWERS = 25_000;
  private static WorkerFixture f;
  private static Population population;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3, FOLLOWERS);
    f.worker(Map.of());
    population = f.sim.accounts().population(APPID);
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
  }

  private static CommandResult succeeded(EventType type, String id, CommandData data) {
    CommandResult result = f.sendAndAwait(type, id + "-" + RUN, data);
    assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
    return result;
  }

  @Test
  void aCampaignsBuyersAreTaggedInCallsOfFiftyAndABroadcastToTheTagReachesExactlyThem()
      throws Exception {
    List<String> everyone = population.openids(FOLLOWERS);
    List<String> buyers =
        IntStream.range(0, 1_200).mapToObj(i -> everyone.get(7 + i * 19)).toList();
    CommandResult created = succeeded(EventType.TAGS_CREATE, "tag", new TagCreate("buyers-" + RUN));
    int tagId = ((Number) ((Map<?, ?>) created.response().get("tag")).get("id")).intValue();
    long callsBefore = f.sim.truth().calls("tags/members/batchtagging", APPID);

    CommandResult tagged =
        succeeded(EventType.TAGS_MEMBERS_ADD, "buyers", new TagMembersAdd(tagId, buyers));

    assertThat(tagged.response())
        .containsExactly(Map.entry("openidCount", 1_200), Map.entry("calls", 24));
    assertThat(f.sim.truth().calls("tags/members/batchtagging", APPID) - callsBefore)
        .as("1,200 in calls of at most 50")
        .isEqualTo(24);
    assertThat(population.following(tagId)).containsExactlyInAnyOrderElementsOf(buyers);

    String sendId = "to-buyers-" + RUN;
    CommandResult sent =
        f.sendAndAwait(
            EventType.MASS_SENDALL,
            sendId,
            new MassSendAll(MassSendAll.Filter.tag(tagId), MassMessage.text(sendId), null));
    assertThat(sent.status()).isEqualTo(Status.SUCCEEDED);
    long msgId = sent.chunks().getFirst().msgId();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> f.sim.truth().deliveries(d -> d.msgId() == msgId).size() >= 1_200);
    List<Delivery> delivered = f.sim.truth().deliveries(d -> d.msgId() == msgId);
    assertThat(delivered).extracting(Delivery::openid).containsExactlyInAnyOrderElementsOf(buyers);

    // No callback-gateway here: its MASSSENDJOBFINISH comes as it would, with the job's counts.
    f.publishMassJobFinished(sendId, msgId, delivered.size());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !WorkerFixture.data(f.results, sendId, MassFinished.class).isEmpty());
    MassFinished finished = WorkerFixture.data(f.results, sendId, MassFinished.class).getFirst();
    assertThat(finished.msgId()).isEqualTo(msgId);
    assertThat(finished.sentCount()).isEqualTo(1_200);
    assertThat(finished.succeeded()).isTrue();
  }

  @Test
  void aFollowerSyncsPagesAddUpToTheSimulatorsFollowers() {
    String id = "sync-" + RUN;
    CommandResult result = f.sendAndAwait(EventType.USERS_SYNC, id, new UsersSync());

    assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
    assertThat(result.response())
        .containsExactly(
            Map.entry("total", FOLLOWERS), Map.entry("count", FOLLOWERS), Map.entry("pages", 3));
    List<UsersPage> pages = WorkerFixture.data(f.results, id, UsersPage.class);
    assertThat(pages).extracting(UsersPage::page).containsExactly(0, 1, 2);
    assertThat(pages).extracting(p -> p.openids().size()).containsExactly(10_000, 10_000, 5_000);
    List<String> listed = new ArrayList<>();
    pages.forEach(p -> listed.addAll(p.openids()));
    assertThat(new HashSet<>(listed)).hasSize(FOLLOWERS);
    assertThat(listed).containsExactlyElementsOf(population.following(null));
    assertThat(pages).allSatisfy(p -> assertThat(p.total()).isEqualTo(FOLLOWERS));
  }

  @Test
  void userInfoForTwoHundredFiftyUsersComesInOrderWithTheEmptiedFieldsEmpty() {
    List<String> everyone = population.openids(FOLLOWERS);
    List<String> asked =
        IntStream.range(0, 250).mapToObj(i -> everyone.get(24_999 - i * 3)).toList();
    long callsBefore = f.sim.truth().calls("user/info/batchget", APPID);

    CommandResult result = succeeded(EventType.USERS_INFO, "info", new UsersInfo(asked, null));

    assertThat(f.sim.truth().calls("user/info/batchget", APPID) - callsBefore).isEqualTo(3);
    List<?> infos = (List<?>) result.response().get("user_info_list");
    assertThat(infos.stream().map(i -> String.valueOf(((Map<?, ?>) i).get("openid"))))
        .containsExactlyElementsOf(asked);
    assertThat(infos)
        .allSatisfy(
            i -> {
              Map<?, ?> info = (Map<?, ?>) i;
              assertThat(info.get("subscribe")).isEqualTo(1);
              assertThat(info.get("nickname")).isEqualTo("");
              assertThat(info.get("headimgurl")).isEqualTo("");
              assertThat(info.get("city")).isEqualTo("");
              assertThat(((Number) info.get("sex")).intValue()).isZero();
            });
    Set<Object> distinct = new HashSet<>(infos);
    assertThat(distinct).hasSize(250);
  }
}
