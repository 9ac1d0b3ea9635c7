package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.sim.truth.Upload;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A news broadcast in one command, its articles inline: the worker uploads the thumbnails, then the
 * news, then broadcasts, on the real Kafka, Redis and simulator. Killed ({@code kill -9}) after its
 * uploads with its broadcast call unanswered, the next worker only broadcasts: nothing is uploaded
 * twice and every follower gets the news once.
 */
@ExtendWith(RealInfrastructure.class)
class InlineNewsIT {
  private static final byte[] THUMB = MediaFiles.file(4096, 0xFF, 0xD8, 0xFF);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void deliveredOnceWhenTheWorkerIsKilledBetweenItsUploadsAndItsSend(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    try (WorkerFixture f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3)) {
      // WeChat takes the broadcast call and never answers: the worker is in its send when killed.
      f.sim.faults().configure("message/mass/sendall: rate=1; errors=hang");
      ChildJvm doomed = f.childWorker(Map.of());
      String id = "news-kill-" + RUN;
      var articles =
          List.of(
              MediaFiles.article("Autumn sale", THUMB),
              MediaFiles.article("Opening", MediaFiles.file(2048, 0xFF, 0xD8, 0xFF)));
      f.send(
          EventType.MASS_SENDALL,
          id,
          new MassSendAll(MassSendAll.Filter.all(), MassMessage.mpnews(articles, null), null));
      f.flush();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> f.sim.truth().faultedCalls("message/mass/sendall") >= 1);
      List<Upload> uploadsBeforeTheKill = f.sim.truth().uploads();
      doomed.kill9();

      f.sim.faults().clear();
      f.childWorker(Map.of());
      await().atMost(Duration.ofMinutes(2)).until(() -> f.result(id) != null);

      CommandResult result = f.result(id);
      assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
      assertThat(uploadsBeforeTheKill)
          .extracting(Upload::api)
          .containsExactly("media/upload", "media/upload", "media/uploadnews");
      assertThat(f.sim.truth().uploads())
          .as("nothing uploaded twice")
          .isEqualTo(uploadsBeforeTheKill);
      String news = uploadsBeforeTheKill.getLast().mediaId();
      assertThat(result.response().get("media"))
          .isEqualTo(
              Map.of(
                  "thumb-0", uploadsBeforeTheKill.get(0).mediaId(),
                  "thumb-1", uploadsBeforeTheKill.get(1).mediaId(),
                  "news", news));

      List<String> followers = f.sim.accounts().population(WorkerFixture.APPID).following(null);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> newsDeliveries(f, news).size() == followers.size());
      Map<String, Long> perFollower =
          newsDeliveries(f, news).stream()
              .collect(Collectors.groupingBy(Delivery::openid, Collectors.counting()));
      assertThat(perFollower.keySet()).containsExactlyInAnyOrderElementsOf(followers);
      assertThat(perFollower.values()).as("each follower once").containsOnly(1L);
    }
  }

  @Test
  void newsViaADraftUploadsPermanentThumbnails(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    try (WorkerFixture f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3)) {
      f.worker(Map.of());
      var articles = List.of(MediaFiles.article("Drafted", THUMB));

      CommandResult result =
          f.sendAndAwait(
              EventType.MASS_SENDALL,
              "news-draft-" + RUN,
              new MassSendAll(
                  MassSendAll.Filter.all(), MassMessage.mpnews(articles, "draft"), null));

      assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
      assertThat(f.sim.truth().uploads())
          .extracting(Upload::api)
          .containsExactly("material/add_material", "draft/add");
      Map<?, ?> media = (Map<?, ?>) result.response().get("media");
      assertThat(media.get("news")).isEqualTo(f.sim.truth().uploads().getLast().mediaId());
    }
  }

  private static List<Delivery> newsDeliveries(WorkerFixture f, String news) {
    return f.sim.truth().deliveries(d -> d.text().equals("mpnews:" + news));
  }
}
