package io.wxrelay.worker.dispatch;

import static io.wxrelay.worker.dispatch.DispatchHarness.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.MaterialCount;
import io.wxrelay.schemas.command.MaterialDelete;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.library.MaterialCaps;
import io.wxrelay.worker.library.MaterialLibrary;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.media.MediaFetcher;
import io.wxrelay.worker.media.MediaFiles;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The result of a permanent upload says how close the account is to its cap (a count after the
 * upload), a temporary one does not ask, a failed count leaves the success as it is, a delete's
 * result lists every kind after it, and the count command's too; the gauges follow. The count runs
 * under the command's claim: renewed when old, skipped when lost meanwhile.
 */
class LibraryCountTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2};
  private static final Map<String, Object> COUNTS =
      Map.of("voice_count", 5, "video_count", 3, "image_count", 4321, "news_count", 7);

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Ok UPLOADED = new Ok(0, "ok", Map.of("media_id", "m-1"));

  private final DispatchHarness h = new DispatchHarness();
  private final CommandCalls calls = new CommandCalls(h.codec.mapper(), 10_000);

  private void run(CloudEvent<?> command) throws InterruptedException {
    h.run.run(calls.plan(command), h.record(command, APPID), 0);
  }

  private CloudEvent<MediaUpload> upload(String kind, boolean permanent) {
    var file =
        new MediaUpload.MediaFile(
            null, Base64.getEncoder().encodeToString(JPEG), "a.jpg", "image/jpeg");
    return h.command(
        EventType.MEDIA_UPLOAD, "cmd-up", new MediaUpload(kind, permanent, file, null, null));
  }

  private double gauge(String name, String kind) {
    return h.registry.get(name).tags("appid", APPID, "kind", kind).gauge().value();
  }

  @Test
  void aPermanentUploadsResultCarriesItsKindsCountAndCap() throws Exception {
    h.wechat.succeeds(Map.of("media_id", "m-1", "url", "http://img")).succeeds(COUNTS);
    run(upload("thumb", true));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.response())
        .containsEntry("media_id", "m-1")
        .containsEntry("library", Map.of("kind", "image", "count", 4321, "cap", 100_000));
    assertThat(h.wechat.calls)
        .extracting(Request::api)
        .containsExactly("material/add_material", "material/get_materialcount");
    assertThat(gauge("wxrelay.worker.material.count", "image")).isEqualTo(4321);
    assertThat(gauge("wxrelay.worker.material.cap", "voice")).isEqualTo(1_000);
  }

  @Test
  void aTemporaryUploadAsksNoCount() throws Exception {
    h.wechat.succeeds(Map.of("type", "image", "media_id", "t-1", "created_at", 1_700_000_000));
    run(upload("image", false));

    assertThat(h.onlyResult().response()).doesNotContainKey("library");
    assertThat(h.wechat.calls).hasSize(1);
  }

  @Test
  void aCountThatFailsLeavesTheUploadSucceededWithoutALibrary() throws Exception {
    h.wechat.succeeds(Map.of("media_id", "m-2")).answers(48001);
    run(upload("image", true));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.response()).containsEntry("media_id", "m-2").doesNotContainKey("library");
  }

  @Test
  void theCountCommandListsEveryKindAgainstItsCap() throws Exception {
    h.wechat.succeeds(COUNTS);
    run(h.command(EventType.MATERIAL_COUNT, "cmd-count", new MaterialCount()));

    CommandResult result = h.onlyResult();
    assertThat(result.response()).containsEntry("image_count", 4321);
    assertThat(result.response().get("libraries"))
        .isEqualTo(
            List.of(
                Map.of("kind", "image", "count", 4321, "cap", 100_000),
                Map.of("kind", "voice", "count", 5, "cap", 1_000),
                Map.of("kind", "video", "count", 3, "cap", 1_000),
                Map.of("kind", "news", "count", 7, "cap", 100_000)));
    assertThat(h.wechat.calls).hasSize(1);
    assertThat(gauge("wxrelay.worker.material.count", "news")).isEqualTo(7);
  }

  @Test
  void aDeletesResultListsEveryKindAfterItAndTheGaugeFollows() throws Exception {
    h.wechat.answers(0).succeeds(COUNTS);
    run(h.command(EventType.MATERIAL_DELETE, "cmd-del", new MaterialDelete("m-1")));

    CommandResult result = h.onlyResult();
    assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(result.response().get("libraries")).asList().hasSize(4);
    assertThat(h.wechat.calls)
        .extracting(Request::api)
        .containsExactly("material/del_material", "material/get_materialcount");
    assertThat(gauge("wxrelay.worker.material.count", "image")).isEqualTo(4321);
  }

  @Test
  void anOldClaimIsRenewedBeforeTheCount() throws Exception {
    CallPlan plan = calls.plan(upload("image", true));
    Claims claims = claims(plan);
    assertThat(claims.hold()).isTrue();
    h.clock.advance(Duration.ofSeconds(20)); // the upload took a while: the claim is old

    h.wechat.succeeds(COUNTS);
    ResultSheet sheet = countAfterUpload(plan, claims);

    assertThat(response(sheet))
        .containsEntry("library", Map.of("kind", "image", "count", 4321L, "cap", 100_000));
    h.clock.advance(Duration.ofSeconds(29)); // 49 s after the claim, 29 s after its renewal
    assertThat(anotherWorkerClaims(plan)).isInstanceOf(Claim.Busy.class);
  }

  @Test
  void aClaimLostBeforeTheCountSkipsIt() throws Exception {
    CallPlan plan = calls.plan(upload("image", true));
    Claims claims = claims(plan);
    assertThat(claims.hold()).isTrue();
    h.clock.advance(Duration.ofSeconds(31)); // the lease ran out: another worker takes it over
    assertThat(anotherWorkerClaims(plan)).isEqualTo(new Claim.Granted(true));

    ResultSheet sheet = countAfterUpload(plan, claims);

    assertThat(h.wechat.calls).isEmpty();
    assertThat(response(sheet)).as("nothing added to the result: no library").isNull();
  }

  /** The count after {@code plan}'s upload succeeded, under {@code claims}: its sheet. */
  private ResultSheet countAfterUpload(CallPlan plan, Claims claims) {
    ResultSheet sheet = new ResultSheet(plan, 0, "");
    LibraryCount count =
        new LibraryCount(
            h.calls,
            new MaterialLibrary(MaterialCaps.DEFAULTS, new WorkerMeters.Recorder(h.registry)));
    LoadedFiles files =
        new LoadedFiles(
            new MediaFiles(
                new MediaFetcher(new MediaFetcher.Settings(Duration.ofSeconds(20), Set.of()))));
    assertThat(count.succeeded(plan, sheet, UPLOADED, files, claims)).isTrue();
    return sheet;
  }

  private Map<String, Object> response(ResultSheet sheet) {
    return sheet.result(Status.SUCCEEDED, UPLOADED, null, null, h.clock.instant()).response();
  }

  private Claims claims(CallPlan plan) {
    return h.claims(plan, APPID + ":up", "worker-a/wechat.commands-0@0", LEASE);
  }

  private Claim anotherWorkerClaims(CallPlan plan) {
    return h.ledger.claim(plan.commandId(), APPID + ":up", "worker-b/wechat.commands-0@0", LEASE);
  }
}
