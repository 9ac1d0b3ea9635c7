package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The command types {@code wxrelay send} takes, by short name or by CloudEvents type. */
public enum CommandKind {
  CUSTOM("custom", EventType.CUSTOM_SEND),
  QR("qr", EventType.QRCODE_CREATE),
  /** {@code --tag}/{@code --all}: sendall; {@code --to}: send to a list of OpenIDs. */
  MASS("mass", EventType.MASS_SENDALL),
  PREVIEW("preview", EventType.MASS_PREVIEW),
  MASS_GET("mass-get", EventType.MASS_GET),
  MASS_DELETE("mass-delete", EventType.MASS_DELETE),
  SPEED_GET("speed-get", EventType.MASS_SPEED_GET),
  SPEED_SET("speed-set", EventType.MASS_SPEED_SET),
  MEDIA("media", EventType.MEDIA_UPLOAD);

  private final String shortName;
  private final EventType type;

  CommandKind(String shortName, EventType type) {
    this.shortName = shortName;
    this.type = type;
  }

  public String shortName() {
    return shortName;
  }

  public EventType type() {
    return type;
  }

  /** A short name ({@code custom}) or a command's CloudEvents type ({@code wechat.custom.send}). */
  public static CommandKind parse(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (CommandKind kind : values()) {
      if (kind.shortName.equals(wanted) || kind.type.value().equals(wanted)) {
        return kind;
      }
    }
    if (wanted.equals(EventType.MASS_SEND.value())) {
      return MASS;
    }
    throw new CliError(
        "unknown command type '"
            + name
            + "': use one of "
            + String.join(", ", names())
            + ", or a type of "
            + Topic.COMMANDS.defaultName());
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(CommandKind::shortName).toList();
  }
}
