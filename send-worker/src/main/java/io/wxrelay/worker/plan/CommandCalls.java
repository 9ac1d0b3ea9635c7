package io.wxrelay.worker.plan;

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
import io.wxrelay.schemas.command.MaterialCount;
import io.wxrelay.schemas.command.MaterialDelete;
import io.wxrelay.schemas.command.MaterialList;
import io.wxrelay.schemas.command.MediaUpload;
import io.wxrelay.schemas.command.MenuConditionalAdd;
import io.wxrelay.schemas.command.MenuConditionalDelete;
import io.wxrelay.schemas.command.MenuCreate;
import io.wxrelay.schemas.command.MenuDelete;
import io.wxrelay.schemas.command.MenuGet;
import io.wxrelay.schemas.command.MenuTryMatch;
import io.wxrelay.schemas.command.PublishDelete;
import io.wxrelay.schemas.command.PublishGet;
import io.wxrelay.schemas.command.PublishSubmit;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.TagCreate;
import io.wxrelay.schemas.command.TagDelete;
import io.wxrelay.schemas.command.TagMembersAdd;
import io.wxrelay.schemas.command.TagMembersGet;
import io.wxrelay.schemas.command.TagMembersRemove;
import io.wxrelay.schemas.command.TagUpdate;
import io.wxrelay.schemas.command.TagsGet;
import io.wxrelay.schemas.command.TemplateAdd;
import io.wxrelay.schemas.command.TemplateDelete;
import io.wxrelay.schemas.command.TemplateIndustryGet;
import io.wxrelay.schemas.command.TemplateIndustrySet;
import io.wxrelay.schemas.command.TemplateList;
import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.schemas.command.UserTagsGet;
import io.wxrelay.schemas.command.UsersInfo;
import io.wxrelay.schemas.command.UsersSync;
import io.wxrelay.worker.plan.ApiCall.Chunk;
import io.wxrelay.worker.plan.CallPlan.QrReply;
import io.wxrelay.worker.plan.Request.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a decoded command into its plan (docs/wechat-api.md §2, §4, §5, §8–§11): one entry per
 * command type in {@link #plan}.
 */
public final class CommandCalls {
  /** WeChat takes at most 10,000 OpenIDs per mass/send call (§2.3). */
  public static final int MAX_OPENIDS_PER_CALL = 10_000;

  /** clientmsgid is at most 32 bytes: WeChat refuses a longer one with 45067 (§2.2). */
  static final int CLIENTMSGID_MAX_BYTES = 32;

  /** Hex digits of the command id's digest in a clientmsgid too long to be spelled out. */
  private static final int CLIENTMSGID_DIGEST_HEX = 24;

  /** WeChat's default lifetime of a temporary QR code when none is given (§4). */
  static final Duration QR_DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private final JsonMapper mapper;
  private final int maxOpenidsPerCall;
  private final MediaCalls media;
  private final UserCalls members;
  private final TemplateCalls templates;
  private final PublishCalls publishing;

  public CommandCalls(JsonMapper mapper, int maxOpenidsPerCall) {
    this.mapper = mapper;
    this.maxOpenidsPerCall = maxOpenidsPerCall;
    this.media = new MediaCalls(mapper);
    this.members = new UserCalls(mapper);
    this.templates = new TemplateCalls(mapper);
    this.publishing = new PublishCalls(mapper, media);
  }

  /**
   * The plan of {@code command}. An upload's file is not loaded here but when its call comes
   * ({@link io.wxrelay.worker.media.LoadedFiles}).
   *
   * @throws UnsupportedOperationException when {@code command} is no command
   */
  public CallPlan plan(CloudEvent<?> command) {
    if (!(command.data() instanceof CommandData data)) {
      throw new UnsupportedOperationException(command.type() + " is not a command");
    }
    CommandRef cmd = CommandRef.of(command);
    return switch (data) {
      case CustomSend c -> cmd.one(json("message/custom/send", c), false);
      case MassSendAll c -> sendAll(cmd, c);
      case MassSend c -> send(cmd, c);
      case MassPreview c -> preview(cmd, c);
      // A repeated delete may answer 40059 for what the first one deleted: not repeatable.
      case MassDelete c -> cmd.one(json("message/mass/delete", c), false);
      case MassGet c -> cmd.one(json("message/mass/get", c), true);
      case MassSpeedGet c -> cmd.one(json("message/mass/speed/get", c), true);
      case MassSpeedSet c -> cmd.one(json("message/mass/speed/set", c), true);
      case QrCodeCreate c -> qrCode(cmd, c);
      case MediaUpload c -> media.plan(cmd, c);
      // A repeated create would meet its own name (45157), a repeated delete a tag gone (45159).
      case TagCreate c -> cmd.one(json("tags/create", tag(c.name(), null)), false);
      case TagUpdate c -> cmd.one(json("tags/update", tag(c.name(), c.id())), true);
      case TagDelete c -> cmd.one(json("tags/delete", tag(null, c.id())), false);
      case TagsGet c -> cmd.one(get("tags/get"), true);
      case TagMembersGet c -> cmd.one(tagMembers(c), true);
      case UserTagsGet c -> cmd.one(json("tags/getidlist", c), true);
      case TagMembersAdd c ->
          members.plan(cmd, "tags/members/batchtagging", c.tagid(), c.openidList());
      case TagMembersRemove c ->
          members.plan(cmd, "tags/members/batchuntagging", c.tagid(), c.openidList());
      case UsersInfo c -> members.usersInfo(cmd, c);
      case UsersSync c -> members.usersSync(cmd);
      case TemplateSend c -> templates.send(cmd, c);
      case TemplateList c -> cmd.one(get("template/get_all_private_template"), true);
      // A repeated add makes a second template; a repeated delete meets 40037.
      case TemplateAdd c -> cmd.one(json("template/api_add_template", c), false);
      case TemplateDelete c -> cmd.one(json("template/del_private_template", c), false);
      // An industry may change once a month: a repeat could be refused for the first one.
      case TemplateIndustrySet c -> cmd.one(json("template/api_set_industry", c), false);
      case TemplateIndustryGet c -> cmd.one(get("template/get_industry"), true);
      case PublishSubmit c -> publishing.submit(cmd, c);
      case PublishGet c -> publishing.get(cmd, c);
      case PublishDelete c -> publishing.delete(cmd, c);
      // A count and a page are reads; a repeated delete would meet 40007 for what it deleted.
      case MaterialCount c -> cmd.one(get("material/get_materialcount"), true);
      case MaterialList c -> cmd.one(json("material/batchget_material", c), true);
      case MaterialDelete c -> cmd.one(json("material/del_material", c), false);
      // A create replaces the whole menu and a delete removes them all: the same effect again.
      case MenuCreate c -> cmd.one(json("menu/create", c), true);
      case MenuGet c -> cmd.one(get("menu/get"), true);
      case MenuDelete c -> cmd.one(get("menu/delete"), true);
      // A repeated add makes a second conditional menu; a repeated delete meets a menu gone.
      case MenuConditionalAdd c -> cmd.one(json("menu/addconditional", c), false);
      case MenuConditionalDelete c -> cmd.one(json("menu/delconditional", c), false);
      case MenuTryMatch c -> cmd.one(json("menu/trymatch", c), true);
    };
  }

  /**
   * The clientmsgid of chunk {@code chunk} of command {@code commandId}: {@code <id>:<chunk>} when
   * that fits WeChat's 32 bytes, else the first 96 bits of the id's SHA-256 in hex, a colon and the
   * chunk (at most 32 bytes for up to 10 million chunks): as stable across retries and workers, and
   * as unique per command and chunk.
   */
  public static String clientmsgid(String commandId, int chunk) {
    String plain = commandId + ":" + chunk;
    if (plain.getBytes(StandardCharsets.UTF_8).length <= CLIENTMSGID_MAX_BYTES) {
      return plain;
    }
    return Ids.sha256Hex(commandId).substring(0, CLIENTMSGID_DIGEST_HEX) + ":" + chunk;
  }

  /** A preview, after the steps of its news when it carries the articles inline. */
  private CallPlan preview(CommandRef cmd, MassPreview c) {
    ObjectNode body = body(c);
    News news = news(c.message(), body);
    var preview = new ApiCall.Plain(new Json("message/mass/preview", body, news.fills()));
    return cmd.plan(news.steps(), new Sends.One(preview), false);
  }

  /** A broadcast to a tag or to all: the steps of its news, if inline, then one call. */
  private CallPlan sendAll(CommandRef cmd, MassSendAll c) {
    ObjectNode body = body(c);
    News news = news(c.message(), body);
    Chunk only = chunk(cmd, 0, 0, new Json("message/mass/sendall", body, news.fills()));
    return cmd.plan(news.steps(), new Sends.Broadcast(List.of(only)), true);
  }

  /** A broadcast to OpenIDs: the steps of its news, if inline, then one call per chunk of them. */
  private CallPlan send(CommandRef cmd, MassSend c) {
    ObjectNode body = body(c);
    News news = news(c.message(), body);
    List<List<String>> parts = balanced(c.touser(), maxOpenidsPerCall);
    List<Chunk> chunks = new ArrayList<>();
    for (int index = 0; index < parts.size(); index++) {
      List<String> part = parts.get(index);
      ObjectNode chunkBody = body.deepCopy();
      ArrayNode list = chunkBody.putArray("touser");
      part.forEach(list::add);
      Json request = new Json("message/mass/send", chunkBody, news.fills());
      chunks.add(chunk(cmd, index, part.size(), request));
    }
    return cmd.plan(news.steps(), new Sends.Broadcast(chunks), true);
  }

  /** Chunk {@code index} of a broadcast: {@code request}, whose body gets its clientmsgid. */
  private static Chunk chunk(CommandRef cmd, int index, int openidCount, Json request) {
    String clientmsgid = clientmsgid(cmd.id(), index);
    request.body().put("clientmsgid", clientmsgid);
    return new Chunk(index, clientmsgid, openidCount, request);
  }

  /**
   * {@code items} in balanced parts of at most {@code max}: 10,001 OpenIDs in calls of 10,000
   * become 5,001 + 5,000, never 10,000 + 1, because WeChat refuses a list of one (40130).
   */
  static <T> List<List<T>> balanced(List<T> items, int max) {
    int chunks = (items.size() + max - 1) / max;
    List<List<T>> parts = new ArrayList<>();
    for (int chunk = 0, from = 0; chunk < chunks; chunk++) {
      int size = items.size() / chunks + (chunk < items.size() % chunks ? 1 : 0);
      parts.add(items.subList(from, from + size));
      from += size;
    }
    return parts;
  }

  /** The steps that make a message's inline news, and the fill that takes the news they made. */
  private record News(List<ApiCall.Step> steps, List<Fill> fills) {}

  /**
   * The steps that make the news of {@code message} when it carries its articles inline (none
   * otherwise). {@code body}'s {@code mpnews} is then left to the news step's media_id: call it
   * before the body is copied into chunks.
   */
  private News news(MassMessage message, ObjectNode body) {
    if (message.mpnews() == null || !message.mpnews().inline()) {
      return new News(List.of(), List.of());
    }
    body.putObject("mpnews").put("media_id", "");
    return new News(
        media.newsSteps(message.mpnews()),
        List.of(new Fill("/mpnews/media_id", MediaCalls.NEWS_STEP)));
  }

  private CallPlan qrCode(CommandRef cmd, QrCodeCreate c) {
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
    // A second code for the same scene is harmless: it is a new ticket for the same scene.
    CallPlan plan = cmd.one(new Json("qrcode/create", body), true);
    if (c.reply() == null) {
      return plan;
    }
    Optional<Duration> lifetime =
        permanent
            ? Optional.empty()
            : Optional.of(
                c.expireSeconds() == null
                    ? QR_DEFAULT_LIFETIME
                    : Duration.ofSeconds(c.expireSeconds()));
    return plan.withQrReply(new QrReply(c.scene(), c.reply(), lifetime));
  }

  /** WeChat's {@code {"tag":{"id","name"}}}, with what is not null. */
  private ObjectNode tag(@Nullable String name, @Nullable Long id) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode tag = body.putObject("tag");
    if (id != null) {
      tag.put("id", id);
    }
    if (name != null) {
      tag.put("name", name);
    }
    return body;
  }

  /** user/tag/get always names where to start: "" for the first page. */
  private Json tagMembers(TagMembersGet c) {
    ObjectNode body = mapper.createObjectNode().put("tagid", c.tagid());
    body.put("next_openid", c.nextOpenid() == null ? "" : c.nextOpenid());
    return new Json("user/tag/get", body);
  }

  private static Request.Query get(String api) {
    return new Request.Query(api, Map.of());
  }

  private Json json(String api, ObjectNode body) {
    return new Json(api, body);
  }

  private Json json(String api, Object data) {
    return new Json(api, body(data));
  }

  private ObjectNode body(Object data) {
    return mapper.valueToTree(data);
  }
}
