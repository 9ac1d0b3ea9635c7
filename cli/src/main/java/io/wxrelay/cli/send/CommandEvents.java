package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wraps a command's data in its CloudEvent and checks the whole record with the same codec the
 * worker decodes it with, so a command the CLI writes is one the worker accepts.
 */
public final class CommandEvents {
  private final ContractCodec codec;

  public CommandEvents(ContractCodec codec) {
    this.codec = codec;
  }

  /** The record value of one command, checked; a violation is a {@link CliError}. */
  public byte[] encode(
      EventType type, String id, String source, String appid, Instant time, JsonNode data) {
    ObjectNode event = codec.mapper().createObjectNode();
    event.put("specversion", CloudEvent.SPEC_VERSION);
    event.put("id", id);
    event.put("source", source);
    event.put("type", type.value());
    event.put("time", time.toString());
    event.put("subject", appid);
    event.put("datacontenttype", CloudEvent.JSON);
    event.set("data", data);
    byte[] value = codec.mapper().writeValueAsBytes(event);
    try {
      codec.decode(value);
    } catch (ContractViolation e) {
      throw new CliError("not written: " + e.getMessage());
    }
    return value;
  }

  /**
   * The record key wxrelay expects: {@code appid:openid} for a message to one user (its order is
   * kept), {@code appid:qr} for a QR code (it need not wait behind the account's broadcasts), else
   * the appid.
   */
  public static String keyOf(EventType type, String appid, JsonNode data) {
    JsonNode touser = data.get("touser");
    boolean oneUser =
        (type == EventType.CUSTOM_SEND || type == EventType.MASS_PREVIEW)
            && touser != null
            && touser.isString();
    if (oneUser) {
      return appid + ":" + touser.asString();
    }
    return type == EventType.QRCODE_CREATE ? appid + ":qr" : appid;
  }
}
