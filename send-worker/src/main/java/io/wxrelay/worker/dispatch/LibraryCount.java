package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.library.MaterialLibrary;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.ratelimit.Throttle.Permit;
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
 * and cap); a delete asks too, and its result carries {@code libraries} (each kind: WeChat does not
 * say which kind it deleted), as does the count command's own answer. All update the gauges. The
 * count is a read: asking again after a lost answer changes nothing, and a count that fails leaves
 * the command's result without it, never changes its status. It runs after the verdict, still under
 * the command's claim: the claim is renewed before the count when it is old (the rate limiter may
 * have made the run wait), and the count is skipped when the claim was lost meanwhile.
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
   * {@code plan} succeeded with {@code last} under {@code claims}: its sheet takes the library it
   * says, after a count when it made or deleted material. Returns false when the count was
   * interrupted (the worker stops): the result goes out without it, and the caller interrupts its
   * thread again after.
   */
  boolean succeeded(CallPlan plan, ResultSheet sheet, Ok last, LoadedFiles files, Claims claims) {
    String appid = plan.appid();
    if (MaterialLibrary.isCount(plan)) {
      sheet.respond("libraries", library.counted(appid, last.fields()));
      return true;
    }
    Optional<String> kind = MaterialLibrary.madeKind(plan);
    boolean deleted = MaterialLibrary.isDelete(plan);
    if (kind.isEmpty() && !deleted) {
      return true;
    }
    try {
      Optional<Map<String, Object>> answer = count(appid, files, claims);
      if (deleted) {
        answer.ifPresent(a -> sheet.respond("libraries", library.counted(appid, a)));
      } else {
        answer
            .flatMap(a -> library.library(appid, kind.get(), a))
            .ifPresent(entry -> sheet.respond("library", entry));
      }
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** get_materialcount's answer; empty (logged) when WeChat did not give it. */
  private Optional<Map<String, Object>> count(String appid, LoadedFiles files, Claims claims)
      throws InterruptedException {
    ApiCall.Plain count = new ApiCall.Plain(COUNT);
    Permit permit = calls.awaitPermit(appid, count, () -> stillHeld(appid, claims));
    if (!permit.send()) {
      return Optional.empty();
    }
    CallOutcome outcome;
    try {
      calls.go(permit, count);
      outcome = calls.call(appid, COUNT, files);
    } finally {
      calls.over(permit);
    }
    if (outcome instanceof Ok ok) {
      return Optional.of(ok.fields());
    }
    LOG.warn(
        "material count for {} after a change of its library failed ({} {}); its result has none",
        appid,
        outcome.errcode(),
        outcome.errmsg());
    return Optional.empty();
  }

  /** Renews the command's claim when it is old; false (logged) when it was lost meanwhile. */
  private static boolean stillHeld(String appid, Claims claims) throws InterruptedException {
    try {
      claims.renewIfOld();
      return true;
    } catch (IllegalStateException e) {
      LOG.warn("material count for {} skipped: {}", appid, e.getMessage());
      return false;
    }
  }
}
