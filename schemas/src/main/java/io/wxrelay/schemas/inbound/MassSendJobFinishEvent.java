package io.wxrelay.schemas.inbound;

import java.util.List;

/**
 * {@code wechat.event.masssendjobfinish}: WeChat finished a broadcast. {@code msgId} is the msg_id
 * that mass/send or mass/sendall returned.
 */
public record MassSendJobFinishEvent(
    String toUserName,
    String openid,
    long createTime,
    long msgId,
    String status,
    long totalCount,
    long filterCount,
    long sentCount,
    long errorCount,
    CopyrightCheckResult copyrightCheckResult,
    ArticleUrlResult articleUrlResult)
    implements InboundData {

  /** WeChat's original-content check of the broadcast's articles. */
  public record CopyrightCheckResult(Integer count, Integer checkState, List<CheckItem> results) {}

  /** One article's check. */
  public record CheckItem(
      Integer articleIdx,
      Integer userDeclareState,
      Integer auditState,
      String originalArticleUrl,
      Integer originalArticleType,
      Integer canReprint,
      Integer needReplaceContent,
      Integer needShowReprintSource) {}

  /** The URLs of the sent articles. */
  public record ArticleUrlResult(Integer count, List<ArticleUrl> results) {}

  /** One article's URL. */
  public record ArticleUrl(Integer articleIdx, String articleUrl) {}
}
