package io.wxrelay.cli.send;

import java.time.Duration;
import java.util.List;

/**
 * The flags of {@code wxrelay send} that make a command's {@code data} (each is null when not
 * given). {@link DataBuilder} turns them into the data of one {@link CommandKind}.
 */
public record CommandOptions(
    List<String> to,
    String text,
    Integer tag,
    boolean all,
    String scene,
    Duration expire,
    boolean permanent,
    String replyText,
    String replyTitle,
    String replyUrl,
    String replyDescription,
    String replyPicUrl,
    Long msgId,
    Integer articleIdx,
    Integer speed,
    NewsFlags news) {

  /** Whether any data flag was given (they cannot be mixed with {@code --data}). */
  public boolean any() {
    return to != null
        || text != null
        || tag != null
        || all
        || scene != null
        || expire != null
        || permanent
        || replyText != null
        || replyTitle != null
        || replyUrl != null
        || replyDescription != null
        || replyPicUrl != null
        || msgId != null
        || articleIdx != null
        || speed != null
        || !news.absent();
  }
}
