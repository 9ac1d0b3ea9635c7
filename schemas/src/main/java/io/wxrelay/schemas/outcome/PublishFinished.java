package io.wxrelay.schemas.outcome;

import java.util.List;

/**
 * {@code wechat.publish.finished}: WeChat's PUBLISHJOBFINISH matched to the {@code
 * wechat.publish.submit} command whose publish_id it reports, keyed by the command id.
 *
 * @param publishStatus WeChat's publish_status (0 success ... 6 banned)
 * @param status its name ({@link #statusName})
 * @param articleUrls the published articles' URLs in their order (status 0)
 * @param failedIndexes WeChat's fail_idx: 1-based numbers of the articles that failed (2, 4)
 * @param eventId id of the {@code wechat.event.publishjobfinish} event
 */
public record PublishFinished(
    String commandId,
    String publishId,
    int publishStatus,
    String status,
    boolean succeeded,
    String articleId,
    List<String> articleUrls,
    List<Integer> failedIndexes,
    String eventId) {

  private static final List<String> NAMES =
      List.of(
          "success",
          "publishing",
          "originality_failed",
          "failed",
          "rejected",
          "deleted_by_user",
          "banned");

  public PublishFinished {
    articleUrls = List.copyOf(articleUrls);
    failedIndexes = List.copyOf(failedIndexes);
  }

  /**
   * The name of WeChat's publish_status {@code code}: success, publishing, originality_failed,
   * failed, rejected (platform review), deleted_by_user, banned; {@code status_<n>} for a code
   * WeChat has not documented.
   */
  public static String statusName(int code) {
    return code >= 0 && code < NAMES.size() ? NAMES.get(code) : "status_" + code;
  }
}
