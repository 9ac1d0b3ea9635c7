package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.library.MaterialLibrary;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How close a command left the account to its material caps (decision 0034): a command that made
 * permanent material (material/add_material: an upload, a draft's thumbnails) asks WeChat for the
 * count once it succeeded, and its result's response carries {@code library} (the kind, its count
 * and cap); the count command's own answer gives {@code libraries}. Both update the gauges. The
 * count is a read: asking again after a lost answer changes nothing, and a count that fails leaves
 * the command's result without {@code library}, never changes its status.
 */
final class LibraryCount {
  private static final Logger LOG = LoggerFactory.getLogger(LibraryCount.class);

  private static final Request.Query COUNT = new Request.Query(MaterialLibrary.COUNT_API, Map.of());

  private final CallExecutor calls;
  private final MaterialLibrary library;

  LibraryCount(CallExecutor calls, MaterialLibrary library) {
    this.calls = calls;
    this.library = library;
  }

  /**
   * {@code plan} succeeded with {@code last}: its sheet takes the library it says, after a count
   * when it made material. Returns false when the count was interrupted (the worker stops): the
   * result goes out without it, and the caller interrupts its thread again after.
   */
  boolean succeeded(CallPlan plan, ResultSheet sheet, Ok last, LoadedFiles files) {
    if (MaterialLibrary.isCount(plan)) {
      sheet.respond("libraries", library.counted(plan.appid(), last.fields()));
      return true;
    }
    Optional<String> kind = MaterialLibrary.madeKind(plan);
    if (kind.isEmpty()) {
      return true;
    }
    try {
      count(plan.appid(), files)
          .flatMap(answer -> library.library(plan.appid(), kind.get(), answer))
          .ifPresent(entry -> sheet.respond("library", entry));
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** get_materialcount's answer; empty (logged) when WeChat did not give it. */
  private Optional<Map<String, Object>> count(String appid, LoadedFiles files)
      throws InterruptedException {
    if (!calls.awaitPermit(appid, new ApiCall.Plain(COUNT), () -> true)) {
      return Optional.empty();
    }
    CallOutcome outcome = calls.call(appid, COUNT, files);
    if (outcome instanceof Ok ok) {
      return Optional.of(ok.fields());
    }
    LOG.warn(
        "material count for {} after an upload failed ({} {}); its result has no library",
        appid,
        outcome.errcode(),
        outcome.errmsg());
    return Optional.empty();
  }
}
