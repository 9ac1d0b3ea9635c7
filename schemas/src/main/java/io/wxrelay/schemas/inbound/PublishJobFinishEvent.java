package io.wxrelay.schemas.inbound;

import java.util.List;

/**
 * {@code wechat.event.publishjobfinish}: WeChat finished a publish task (PUBLISHJOBFINISH). {@code
 * publishId} is the publish_id freepublish/submit answered (a number in the push, a string in JSON:
 * kept as its digits). {@code articleId} and {@code articles} come with status 0, {@code failIdx}
 * (1-based article numbers) with 2 and 4.
 */
public record PublishJobFinishEvent(
    String toUserName,
    String openid,
    long createTime,
    String publishId,
    int publishStatus,
    String articleId,
    List<Article> articles,
    List<Integer> failIdx)
    implements InboundData {

  public PublishJobFinishEvent {
    articles = articles == null ? List.of() : List.copyOf(articles);
    failIdx = failIdx == null ? List.of() : List.copyOf(failIdx);
  }

  /** One published article: its 1-based {@code idx} in the group and its URL. */
  public record Article(int idx, String articleUrl) {}
}
