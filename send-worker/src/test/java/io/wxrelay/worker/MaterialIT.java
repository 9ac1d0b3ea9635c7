package io.wxrelay.worker;

import static io.wxrelay.worker.WorkerFixture.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MaterialCount;
import io.wxrelay.schemas.command.MaterialDelete;
import io.wxrelay.schemas.command.MaterialList;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Permanent material housekeeping end to end, on Kafka, Redis and the simulator: uploads and
 * deletes through commands, each upload's result counting the library as the simulator holds it,
 * wechat.material.count equal to the simulator's truth, a page listing what is there, the
 * simulator's cap refusing an upload with 45074, and the worker's gauges at the level where alert
 * MaterialNearCap fires (a low configured cap).
 */
@ExtendWith(RealInfrastructure.class)
class MaterialIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final int CONFIGURED_CAP = 5;
  private static final int SIM_CAP = 6;
  private static WorkerFixture f;
  private static SendWorker worker;
  private static WeChatClient wechat;

  @BeforeAll
  static void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    f = new WorkerFixture(kafka, redis, SimRules.wechat(), 3);
    worker = f.worker(Map.of("WORKER_MATERIAL_CAP_IMAGE", String.valueOf(CONFIGURED_CAP)));
    wechat = new WeChatClient(f.sim.baseUrl());
    wechat.setMaterialCap(APPID, "image", SIM_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
  }

  private static CommandResult run(EventType type, String id, CommandData data) {
    return f.sendAndAwait(type, id + "-" + RUN, data);
  }

  private static CommandResult succeeded(EventType type, String id, CommandData data) {
    CommandResult result = run(type, id, data);
    assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
    return result;
  }

  private static int simCount(String kind) {
    return wechat.material(APPID).path(kind + "_count").asInt();
  }

  /** A permanent image (or thumb) uploaded by a command; its result. */
  private static CommandResult upload(String kind, int n) {
    byte[] jpeg = MediaFiles.file(2048 + n, 0xFF, 0xD8, 0xFF);
    return run(EventType.MEDIA_UPLOAD, kind + "-" + n, MediaFiles.inline(kind, true, jpeg));
  }

  @Test
  void theCountAfterUploadsAndDeletesIsTheSimulatorsAndEachUploadSaysItsLibrary() {
    List<String> made = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      CommandResult result = upload(n == 3 ? "thumb" : "image", n);
      assertThat(result.status()).as(String.valueOf(result.reason())).isEqualTo(Status.SUCCEEDED);
      made.add((String) result.response().get("media_id"));
      assertThat(result.response().get("library"))
          .as("a thumb counts as an image, as WeChat counts it")
          .isEqualTo(Map.of("kind", "image", "count", simCount("image"), "cap", CONFIGURED_CAP));
    }
    succeeded(EventType.MATERIAL_DELETE, "delete-0", new MaterialDelete(made.get(0)));
    CommandResult deleted =
        succeeded(EventType.MATERIAL_DELETE, "delete-3", new MaterialDelete(made.get(3)));
    assertThat(new ArrayList<Object>((List<?>) deleted.response().get("libraries")))
        .as("a delete counts the library after it")
        .contains(Map.of("kind", "image", "count", 2, "cap", CONFIGURED_CAP));
    CommandResult again =
        run(EventType.MATERIAL_DELETE, "delete-again", new MaterialDelete(made.get(0)));
    assertThat(again.status()).isEqualTo(Status.DEAD);
    assertThat(again.errcode()).isEqualTo(40007);

    CommandResult count = succeeded(EventType.MATERIAL_COUNT, "count", new MaterialCount());

    assertThat(simCount("image")).isEqualTo(2);
    for (String kind : List.of("image", "voice", "video", "news")) {
      assertThat(count.response().get(kind + "_count")).as(kind).isEqualTo(simCount(kind));
    }
    List<Object> libraries = new ArrayList<>((List<?>) count.response().get("libraries"));
    assertThat(libraries).contains(Map.of("kind", "image", "count", 2, "cap", CONFIGURED_CAP));
    CommandResult page =
        succeeded(EventType.MATERIAL_LIST, "list", new MaterialList("image", 0, 20));
    assertThat(page.response()).containsEntry("total_count", 2).containsEntry("item_count", 2);
    assertThat(page.response().get("item").toString())
        .contains(made.get(1), made.get(2))
        .doesNotContain(made.get(0), made.get(3));
    fillToTheSimulatorsCap();
  }

  /** Uploads until the simulator's cap refuses one (45074); the gauges then say 6 of 5. */
  private void fillToTheSimulatorsCap() {
    for (int n = simCount("image"); n < SIM_CAP; n++) {
      CommandResult result = upload("image", 10 + n);
      assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    }
    CommandResult refused = upload("image", 99);

    assertThat(refused.status()).isEqualTo(Status.FAILED);
    assertThat(refused.errcode()).isEqualTo(45074);
    assertThat(refused.errorClass()).isEqualTo(ErrorClass.QUOTA);
    assertThat(simCount("image")).isEqualTo(SIM_CAP);
    String metrics = scrape();
    double count = gauge(metrics, "wxrelay_worker_material_count", "image");
    double cap = gauge(metrics, "wxrelay_worker_material_cap", "image");
    assertThat(count).isEqualTo(SIM_CAP);
    assertThat(cap).isEqualTo(CONFIGURED_CAP);
    assertThat(count / cap).as("MaterialNearCap's expression: above 0.9").isGreaterThan(0.9);
    assertThat(gauge(metrics, "wxrelay_worker_material_count", "voice") / 1_000).isLessThan(0.9);
  }

  private static String scrape() {
    URI uri = URI.create("http://127.0.0.1:" + worker.adminPort() + "/metrics");
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new AssertionError("no metrics from the worker", e);
    }
  }

  private static double gauge(String metrics, String name, String kind) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + name
                    + "\\{(?=[^}]*appid=\""
                    + APPID
                    + "\")(?=[^}]*kind=\""
                    + kind
                    + "\")[^}]*\\} (\\S+)$")
            .matcher(metrics);
    assertThat(m.find()).as(name + " of " + kind).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
