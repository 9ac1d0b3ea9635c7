package io.wxrelay.worker.correlation;

import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.schemas.outcome.TemplateFinished;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the worker remembers to answer events later, shared by every worker: the reply of a QR
 * code's scene, which command (and chunk) a broadcast's msg_id belongs to, which command a template
 * message's msgid belongs to, and which command a publish task's publish_id belongs to.
 */
public interface Correlations {
  /** A template message's finish that came before its msgid was linked to a command. */
  record TemplateFinish(String eventId, String openid, String status) {
    /** This finish of message {@code msgId}, joined to the command that sent it. */
    public TemplateFinished joinedTo(String commandId, long msgId) {
      return new TemplateFinished(
          commandId, msgId, openid, status, "success".equals(status), eventId);
    }
  }

  /**
   * A publish task's finish as WeChat pushed it (PUBLISHJOBFINISH), kept when it came before its
   * publish_id was linked to a command.
   *
   * @param articleUrls the articles' URLs in their order (status 0)
   * @param failIdx WeChat's 1-based numbers of the failed articles (status 2 and 4)
   */
  record PublishFinish(
      String eventId,
      int publishStatus,
      @Nullable String articleId,
      List<String> articleUrls,
      List<Integer> failIdx) {
    public PublishFinish {
      articleUrls = List.copyOf(articleUrls);
      failIdx = List.copyOf(failIdx);
    }

    /** This finish of task {@code publishId}, joined to the command that submitted it. */
    public PublishFinished joinedTo(String commandId, String publishId) {
      return new PublishFinished(
          commandId,
          publishId,
          publishStatus,
          PublishFinished.statusName(publishStatus),
          publishStatus == 0,
          articleId,
          articleUrls,
          failIdx,
          eventId);
    }
  }

  /** A broadcast call's origin. */
  record BroadcastRef(String commandId, int chunk) {}

  /** Remembers {@code messageJson} as the reply to scans of {@code sceneKey} for {@code ttl}. */
  void rememberQrReply(String appid, String sceneKey, String messageJson, Duration ttl);

  Optional<String> qrReply(String appid, String sceneKey);

  void rememberBroadcast(String appid, long msgId, BroadcastRef ref, Duration ttl);

  Optional<BroadcastRef> broadcast(String appid, long msgId);

  /**
   * Remembers that template message {@code msgId} of {@code appid} was sent by {@code commandId}.
   */
  void rememberTemplate(String appid, long msgId, String commandId, Duration ttl);

  /** The command that sent template message {@code msgId} of {@code appid}, while remembered. */
  Optional<String> template(String appid, long msgId);

  /** Remembers the finish of template message {@code msgId}, not linked yet, for {@code ttl}. */
  void rememberTemplateFinish(String appid, long msgId, TemplateFinish finish, Duration ttl);

  /** The finish of template message {@code msgId} that came before its link, while remembered. */
  Optional<TemplateFinish> templateFinish(String appid, long msgId);

  /** Remembers that publish task {@code publishId} of {@code appid} was submitted by a command. */
  void rememberPublish(String appid, String publishId, String commandId, Duration ttl);

  /** The command that submitted publish task {@code publishId} of {@code appid}, if remembered. */
  Optional<String> publish(String appid, String publishId);

  /** Remembers the finish of publish task {@code publishId}, not linked yet, for {@code ttl}. */
  void rememberPublishFinish(String appid, String publishId, PublishFinish finish, Duration ttl);

  /** The finish of publish task {@code publishId} that came before its link, while remembered. */
  Optional<PublishFinish> publishFinish(String appid, String publishId);
}
