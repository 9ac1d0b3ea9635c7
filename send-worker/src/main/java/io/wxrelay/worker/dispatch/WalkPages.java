package io.wxrelay.worker.dispatch;

import io.wxrelay.schemas.outcome.UsersPage;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.Sends;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The pages a walk ({@link Sends.Walk}: {@code user/get}) has read in its current attempt, and what
 * each answer leads to: the {@code wechat.users.page} record to publish (before the next read), and
 * the next read, until a page is empty or names no {@code next_openid} (docs/wechat-api.md §7,
 * point 13). A walk is not resumed: its first page starts the count again, so a walk tried again
 * after a failure midway publishes its pages again from page 0, and consumers rebuild from the
 * pages of the command's last run. Not thread-safe; lives on the record's thread.
 */
final class WalkPages {
  private long total;
  private long count;
  private int pages;
  // Made when first needed: most commands are no walk, and a random UUID per command cost ~1 % of
  // a worker's CPU (decision 0038).
  private @Nullable String run;

  /**
   * What one answer leads to.
   *
   * @param page the record to publish; empty for an empty page
   * @param next the next read; empty at the end of the walk
   */
  record Read(Optional<UsersPage> page, Optional<ApiCall.Page> next) {}

  /** WeChat answered {@code call} of the walk of command {@code commandId} with {@code ok}. */
  Read read(String commandId, ApiCall.Page call, Ok ok) {
    if (call.index() == 0) { // the walk starts (again)
      run = UUID.randomUUID().toString();
      total = 0;
      count = 0;
      pages = 0;
    }
    Map<String, Object> fields = ok.fields();
    List<String> openids = openids(fields);
    if (fields.get("total") instanceof Number n) {
      total = n.longValue();
    }
    String cursor = fields.get(ApiCall.Page.CURSOR) instanceof String s ? s : "";
    if (openids.isEmpty()) {
      return new Read(Optional.empty(), Optional.empty());
    }
    UsersPage page = new UsersPage(commandId, pages, total, openids, cursor);
    pages++;
    count += openids.size();
    // A cursor that names where this page started would read it again: the walk ends there too.
    boolean more =
        !cursor.isEmpty() && !cursor.equals(call.request().params().get(ApiCall.Page.CURSOR));
    return new Read(Optional.of(page), more ? Optional.of(call.next(cursor)) : Optional.empty());
  }

  /**
   * This run of the walk, new each time it starts from page 0 (in this processing or another): its
   * pages' event ids name it, so that a run's pages never share an id with an earlier run's.
   */
  String run() {
    if (run == null) {
      run = UUID.randomUUID().toString();
    }
    return run;
  }

  /** The result's response: {@code {"total","count","pages"}}. */
  Map<String, Object> response() {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("total", total);
    response.put("count", count);
    response.put("pages", pages);
    return response;
  }

  /** The OpenIDs of a {@code user/get} answer: {@code data.openid}, absent from an empty page. */
  private static List<String> openids(Map<String, Object> fields) {
    List<String> openids = new ArrayList<>();
    if (fields.get("data") instanceof Map<?, ?> data && data.get("openid") instanceof List<?> ids) {
      ids.forEach(id -> openids.add(String.valueOf(id)));
    }
    return openids;
  }
}
