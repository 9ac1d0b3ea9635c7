package io.wxrelay.worker.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MaterialCount;
import io.wxrelay.schemas.command.MaterialList;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CommandCalls;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which plans make permanent material (and of what kind), and what a count answer says against the
 * caps, in results and gauges.
 */
class MaterialLibraryTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final MediaUpload.MediaFile FILE =
      new MediaUpload.MediaFile("https://files.example/a.jpg", null, "a.jpg", null);

  private final CommandCalls calls = new CommandCalls(ContractCodec.newMapper(), 10_000);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MaterialLibrary library =
      new MaterialLibrary(
          new MaterialCaps(5_000, 1_000, 1_000, 5_000), new WorkerMeters.Recorder(registry));

  private CallPlan plan(EventType type, Object data) {
    return calls.plan(CloudEvent.of(type, "c1", "/test", APPID, Instant.now(), data));
  }

  private CallPlan upload(String kind, boolean permanent) {
    return plan(EventType.MEDIA_UPLOAD, new MediaUpload(kind, permanent, FILE, null, null));
  }

  private CallPlan newsBroadcast(String via) {
    var article = new InlineArticle("a", FILE, null, null, null, "c", null, null, null);
    MassMessage message = MassMessage.mpnews(List.of(article), via);
    return plan(EventType.MASS_SENDALL, new MassSendAll(MassSendAll.Filter.all(), message, null));
  }

  @Test
  void permanentUploadsAndADraftsThumbnailsMakeMaterialOfTheirKindAThumbAnImage() {
    assertThat(MaterialLibrary.madeKind(upload("voice", true))).contains("voice");
    assertThat(MaterialLibrary.madeKind(upload("thumb", true))).contains("image");
    assertThat(MaterialLibrary.madeKind(newsBroadcast("draft"))).contains("image");
    assertThat(MaterialLibrary.madeKind(upload("image", false))).isEmpty();
    assertThat(MaterialLibrary.madeKind(newsBroadcast(null))).as("temporary thumbnails").isEmpty();
    assertThat(MaterialLibrary.madeKind(plan(EventType.MATERIAL_COUNT, new MaterialCount())))
        .isEmpty();
  }

  @Test
  void onlyTheCountCommandIsTheCount() {
    assertThat(MaterialLibrary.isCount(plan(EventType.MATERIAL_COUNT, new MaterialCount())))
        .isTrue();
    assertThat(
            MaterialLibrary.isCount(
                plan(EventType.MATERIAL_LIST, new MaterialList("image", 0, 20))))
        .isFalse();
  }

  @Test
  void aCountAnswerIsEachKindAgainstItsCapAndTheGaugesFollow() {
    Map<String, Object> answer = Map.of("image_count", 4_600, "voice_count", 2, "video_count", 0);

    assertThat(library.library(APPID, "image", answer))
        .contains(Map.of("kind", "image", "count", 4_600L, "cap", 5_000));
    assertThat(library.library(APPID, "news", answer)).as("no news_count in the answer").isEmpty();
    assertThat(library.counted(APPID, answer)).hasSize(3);
    var count = registry.get("wxrelay.worker.material.count").tags("appid", APPID, "kind", "image");
    assertThat(count.gauge().value()).isEqualTo(4_600);
    assertThat(
            registry
                .get("wxrelay.worker.material.cap")
                .tags("appid", APPID, "kind", "video")
                .gauge()
                .value())
        .isEqualTo(1_000);

    library.counted(APPID, Map.of("image_count", 10));
    assertThat(count.gauge().value()).as("the last count").isEqualTo(10);
  }
}
