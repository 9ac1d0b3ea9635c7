package io.wxrelay.worker.correlation;

import io.wxrelay.schemas.outcome.TemplateFinished;
import java.time.Duration;
import java.util.Optional;

/**
 * What the worker remembers to answer events later, shared by every worker: the reply of a QR
 * code's scene, which command (and chunk) a broadcast's msg_id belongs to, and which command a
 * template message's msgid belongs to.
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
}
