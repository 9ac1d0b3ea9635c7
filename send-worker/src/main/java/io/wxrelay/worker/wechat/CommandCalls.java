package io.wxrelay.worker.wechat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.Ids;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassDelete;
import io.wxrelay.schemas.command.MassGet;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassPreview;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MassSpeedGet;
import io.wxrelay.schemas.command.MassSpeedSet;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.worker.wechat.CallPlan.QrReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns a decoded command into WeChat calls (docs/wechat-api.md §2, §4, §5). */
public final class CommandCalls {
  /** WeChat takes at most 10,000 OpenIDs per mass/send call (§2.3). */
  public static final int MAX_OPENIDS_PER_CALL = 10_000;

  /** clientmsgid is at most 64 bytes (45067, §2.2). */
  static final int CLIENTMSGID_MAX_BYTES = 64;

  /** WeChat's default lifetime of a temporary QR code when none is given (§4). */
  static final Duration QR_DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private final JsonMapper mapper;
  private final int maxOpenidsPerCall;
  private final MediaCalls media;

  /** As below, fetching media with the default settings (no internal host allowed). */
  public CommandCalls(JsonMapper mapper, int maxOpenidsPerCall) {
    this(
        mapper,
        maxOpenidsPerCall,
        new MediaFetcher(new MediaFetcher.Settings(Duration.ofSeconds(20), Set.of())));
  }

  public CommandCalls(JsonMapper mapper, int maxOpenidsPerCall, MediaFetcher fetcher) {
    this.mapper = mapper;
    this.maxOpenidsPerCall = maxOpenidsPerCall;
    this.media = new MediaCalls(mapper, fetcher);
  }

  /**
   * The calls of {@code command}. An upload's file is not fetched here but when its call comes
   * ({@link ApiCall.Upload}).
   */
  public CallPlan plan(CloudEvent<?> command) {
    String id = command.id();
    String type = command.type();
    String appid = command.subject();
    if (!(command.data() instanceof CommandData data)) {
      throw new UnsupportedOperationException(type + " is not a command");
    }
    return switch (data) {
      case CustomSend c -> plan(id, type, appid, ApiCall.of("message/custom/send", body(c)), false);
      case MassSendAll c ->
          broadcast(id, type, appid, "message/mass/sendall", c.message(), body(c), null);
      case MassSend c ->
          broadcast(id, type, appid, "message/mass/send", c.message(), body(c), c.touser());
      case MassPreview c -> preview(id, type, appid, c, body(c));
      // A repeated delete may answer 40059 for what the first one deleted: not repeatable.
      case MassDelete c -> plan(id, type, appid, ApiCall.of("message/mass/delete", body(c)), false);
      case MassGet c -> plan(id, type, appid, ApiCall.of("message/mass/get", body(c)), true);
      case MassSpeedGet c ->
          plan(id, type, appid, ApiCall.of("message/mass/speed/get", body(c)), true);
      case MassSpeedSet c ->
          plan(id, type, appid, ApiCall.of("message/mass/speed/set", body(c)), true);
      case QrCodeCreate c -> qrCode(id, type, appid, c);
      case MediaUpload c -> media.plan(id, type, appid, c);
    };
  }

  /** The clientmsgid of chunk {@code chunk} of command {@code commandId}: at most 64 bytes. */
  public static String clientmsgid(String commandId, int chunk) {
    String plain = commandId + ":" + chunk;
    if (plain.getBytes(StandardCharsets.UTF_8).length <= CLIENTMSGID_MAX_BYTES) {
      return plain;
    }
    // Too long for WeChat: a digest of the id is as stable and as unique.
    return Ids.sha256Hex(commandId).substring(0, 48) + ":" + chunk;
  }

  private static CallPlan plan(String id, String type, String appid, ApiCall call, boolean rep) {
    return new CallPlan(id, type, appid, List.of(call), rep, null);
  }

  /** A preview, after the steps of its news when it carries the articles inline. */
  private CallPlan preview(String id, String type, String appid, MassPreview c, ObjectNode body) {
    List<ApiCall> steps = newsSteps(c.message(), body);
    List<ApiCall> calls = afterSteps(steps, List.of(ApiCall.of("message/mass/preview", body)));
    return new CallPlan(id, type, appid, calls, false, null);
  }

  /**
   * The calls of a broadcast: the steps of its news when it carries the articles inline, then one
   * call, or one per chunk of its OpenIDs.
   */
  private CallPlan broadcast(
      String id,
      String type,
      String appid,
      String api,
      MassMessage message,
      ObjectNode body,
      List<String> touser) {
    List<ApiCall> steps = newsSteps(message, body);
    List<ApiCall> calls = new ArrayList<>();
    if (touser == null) {
      body.put("clientmsgid", clientmsgid(id, 0));
      calls.add(new ApiCall(api, body, 0, clientmsgid(id, 0), 0, null));
    } else {
      // Balanced chunks: 10,001 OpenIDs become 5,001 + 5,000, never 10,000 + 1, because WeChat
      // refuses a list of one (40130).
      int chunks = (touser.size() + maxOpenidsPerCall - 1) / maxOpenidsPerCall;
      for (int chunk = 0, from = 0; chunk < chunks; chunk++) {
        int size = touser.size() / chunks + (chunk < touser.size() % chunks ? 1 : 0);
        List<String> part = touser.subList(from, from + size);
        from += size;
        ObjectNode chunkBody = body.deepCopy();
        ArrayNode list = chunkBody.putArray("touser");
        part.forEach(list::add);
        chunkBody.put("clientmsgid", clientmsgid(id, chunk));
        calls.add(new ApiCall(api, chunkBody, chunk, clientmsgid(id, chunk), part.size(), null));
      }
    }
    return new CallPlan(id, type, appid, afterSteps(steps, calls), true, null);
  }

  /**
   * The steps that make the news of {@code message} when it carries its articles inline (none
   * otherwise). {@code body}'s {@code mpnews} is then left to the news step's media_id ({@link
   * #afterSteps}): call it before the body is copied into chunks.
   */
  private List<ApiCall> newsSteps(MassMessage message, ObjectNode body) {
    if (message.mpnews() == null || !message.mpnews().inline()) {
      return List.of();
    }
    body.putObject("mpnews").put("media_id", "");
    return media.newsSteps(message.mpnews());
  }

  /** {@code steps}, then {@code calls}, each taking the news the steps made. */
  private static List<ApiCall> afterSteps(List<ApiCall> steps, List<ApiCall> calls) {
    if (steps.isEmpty()) {
      return calls;
    }
    var news = List.of(new ApiCall.Fill("/mpnews/media_id", MediaCalls.NEWS_STEP));
    List<ApiCall> all = new ArrayList<>(steps);
    calls.forEach(call -> all.add(call.filling(news)));
    return all;
  }

  private CallPlan qrCode(String id, String type, String appid, QrCodeCreate c) {
    boolean permanent = c.permanentRequested();
    String action =
        (permanent ? "QR_LIMIT_" : "QR_") + (c.scene().isInteger() ? "SCENE" : "STR_SCENE");
    ObjectNode body = mapper.createObjectNode();
    if (!permanent && c.expireSeconds() != null) {
      body.put("expire_seconds", c.expireSeconds());
    }
    body.put("action_name", action);
    ObjectNode scene = body.putObject("action_info").putObject("scene");
    if (c.scene().isInteger()) {
      scene.put("scene_id", c.scene().id());
    } else {
      scene.put("scene_str", c.scene().str());
    }
    Duration lifetime =
        permanent
            ? null
            : c.expireSeconds() == null
                ? QR_DEFAULT_LIFETIME
                : Duration.ofSeconds(c.expireSeconds());
    QrReply reply = c.reply() == null ? null : new QrReply(c.scene(), c.reply(), lifetime);
    // A second code for the same scene is harmless: it is a new ticket for the same scene.
    return new CallPlan(id, type, appid, List.of(ApiCall.of("qrcode/create", body)), true, reply);
  }

  private ObjectNode body(Object data) {
    return mapper.valueToTree(data);
  }
}
