package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassPreview;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.PublishSubmit;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.TemplateSend;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks and encodes a command's CloudEvent with the codec and schemas the worker decodes it with,
 * so a command the CLI writes is one the worker accepts.
 */
public final class CommandEvents {
  private final ContractCodec codec;

  public CommandEvents(ContractCodec codec) {
    this.codec = codec;
  }

  /** A command checked and encoded: the event as the worker will read it, and its record value. */
  public record Outgoing(CloudEvent<CommandData> event, byte[] value) {
    /**
     * The record key wxrelay expects: {@code appid:openid} for a message to one user (its order is
     * kept), {@code appid:qr} for a QR code (it need not wait behind the account's broadcasts),
     * else the appid (so a user's tags are read in order with the account's tagging).
     */
    public String key() {
      String appid = event.subject();
      return switch (event.data()) {
        case CustomSend custom -> appid + ":" + custom.touser();
        case TemplateSend template -> appid + ":" + template.touser();
        case MassPreview preview when preview.touser() != null -> appid + ":" + preview.touser();
        case QrCodeCreate qr -> appid + ":qr";
        default -> appid;
      };
    }

    /** A broadcast: its result is followed by one finish event per chunk. */
    public boolean broadcast() {
      return follow() == FollowUp.CHUNKS;
    }

    /** What follows this command's result on wechat.results. */
    public FollowUp follow() {
      return switch (event.data()) {
        case MassSend send -> FollowUp.CHUNKS;
        case MassSendAll sendAll -> FollowUp.CHUNKS;
        case TemplateSend template -> FollowUp.DELIVERY;
        case PublishSubmit submit -> FollowUp.PUBLISHED;
        default -> FollowUp.NOTHING;
      };
    }

    public String id() {
      return event.id();
    }
  }

  /**
   * Checks and encodes {@code event}, whose data is a command record or the JSON of one; a
   * violation is a {@link CliError} that names the field by its JSON pointer. The JSON of one
   * ({@code --data}) is read back into its record; a record is kept as it is: what was checked and
   * written is that record, and binding it again would only cost a command's start (decision 0045).
   */
  public Outgoing encode(CloudEvent<?> event) {
    try {
      byte[] value = codec.encode(event);
      return new Outgoing(
          asCommand(event).orElseGet(() -> codec.decode(value, CommandData.class)), value);
    } catch (ContractViolation e) {
      throw new CliError("not written: " + e.getMessage());
    }
  }

  /** The event as it is, if its data is the record of the type it names (else it is decoded). */
  @SuppressWarnings("unchecked") // its data is a CommandData: the cast says what was checked
  private static Optional<CloudEvent<CommandData>> asCommand(CloudEvent<?> event) {
    return event.data() instanceof CommandData data && typeOf(data).value().equals(event.type())
        ? Optional.of((CloudEvent<CommandData>) event)
        : Optional.empty();
  }

  /** The command type whose data {@code data} is. */
  public static EventType typeOf(CommandData data) {
    return Arrays.stream(EventType.values())
        .filter(type -> type.dataClass() == data.getClass())
        .findFirst()
        .orElseThrow();
  }

  /** A new command of the record's own type. */
  public static CloudEvent<CommandData> command(
      String id, String source, String appid, Instant time, CommandData data) {
    return CloudEvent.of(typeOf(data), id, source, appid, time, data);
  }
}
