package io.wxrelay.schemas;

import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassDelete;
import io.wxrelay.schemas.command.MassGet;
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
import io.wxrelay.schemas.inbound.ClickEvent;
import io.wxrelay.schemas.inbound.ImageMessage;
import io.wxrelay.schemas.inbound.LinkMessage;
import io.wxrelay.schemas.inbound.LocationEvent;
import io.wxrelay.schemas.inbound.LocationMessage;
import io.wxrelay.schemas.inbound.MassSendJobFinishEvent;
import io.wxrelay.schemas.inbound.OtherEvent;
import io.wxrelay.schemas.inbound.OtherMessage;
import io.wxrelay.schemas.inbound.PublishJobFinishEvent;
import io.wxrelay.schemas.inbound.ScanEvent;
import io.wxrelay.schemas.inbound.SubscribeEvent;
import io.wxrelay.schemas.inbound.TemplateSendJobFinishEvent;
import io.wxrelay.schemas.inbound.TextMessage;
import io.wxrelay.schemas.inbound.UnsubscribeEvent;
import io.wxrelay.schemas.inbound.VideoMessage;
import io.wxrelay.schemas.inbound.ViewEvent;
import io.wxrelay.schemas.inbound.VoiceMessage;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.schemas.outcome.UsersPage;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every CloudEvents {@code type} on wxrelay's topics, with the record its {@code data} binds to,
 * the topic it travels on and the version of its data's schema. Each has {@code
 * schemas/<value>.v<version>.schema.json} and {@code examples/<value>.json} on the classpath.
 *
 * <p>A schema's version changes only when it changes incompatibly (docs/contracts.md, "Evolution");
 * {@link #dataschema()} names it in every record wxrelay writes.
 */
public enum EventType {
  MASS_SENDALL("wechat.mass.sendall", MassSendAll.class, Topic.COMMANDS),
  MASS_SEND("wechat.mass.send", MassSend.class, Topic.COMMANDS),
  MASS_PREVIEW("wechat.mass.preview", MassPreview.class, Topic.COMMANDS),
  MASS_DELETE("wechat.mass.delete", MassDelete.class, Topic.COMMANDS),
  MASS_GET("wechat.mass.get", MassGet.class, Topic.COMMANDS),
  MASS_SPEED_GET("wechat.mass.speed.get", MassSpeedGet.class, Topic.COMMANDS),
  MASS_SPEED_SET("wechat.mass.speed.set", MassSpeedSet.class, Topic.COMMANDS),
  QRCODE_CREATE("wechat.qrcode.create", QrCodeCreate.class, Topic.COMMANDS),
  CUSTOM_SEND("wechat.custom.send", CustomSend.class, Topic.COMMANDS),
  MEDIA_UPLOAD("wechat.media.upload", MediaUpload.class, Topic.COMMANDS),
  TAGS_CREATE("wechat.tags.create", TagCreate.class, Topic.COMMANDS),
  TAGS_UPDATE("wechat.tags.update", TagUpdate.class, Topic.COMMANDS),
  TAGS_DELETE("wechat.tags.delete", TagDelete.class, Topic.COMMANDS),
  TAGS_GET("wechat.tags.get", TagsGet.class, Topic.COMMANDS),
  TAGS_MEMBERS_ADD("wechat.tags.members.add", TagMembersAdd.class, Topic.COMMANDS),
  TAGS_MEMBERS_REMOVE("wechat.tags.members.remove", TagMembersRemove.class, Topic.COMMANDS),
  TAGS_MEMBERS_GET("wechat.tags.members.get", TagMembersGet.class, Topic.COMMANDS),
  TAGS_USER_GET("wechat.tags.user.get", UserTagsGet.class, Topic.COMMANDS),
  TEMPLATE_SEND("wechat.template.send", TemplateSend.class, Topic.COMMANDS),
  TEMPLATE_LIST("wechat.template.list", TemplateList.class, Topic.COMMANDS),
  TEMPLATE_ADD("wechat.template.add", TemplateAdd.class, Topic.COMMANDS),
  TEMPLATE_DELETE("wechat.template.delete", TemplateDelete.class, Topic.COMMANDS),
  TEMPLATE_INDUSTRY_SET("wechat.template.industry.set", TemplateIndustrySet.class, Topic.COMMANDS),
  TEMPLATE_INDUSTRY_GET("wechat.template.industry.get", TemplateIndustryGet.class, Topic.COMMANDS),
  USERS_SYNC("wechat.users.sync", UsersSync.class, Topic.COMMANDS),
  USERS_INFO("wechat.users.info", UsersInfo.class, Topic.COMMANDS),
  PUBLISH_SUBMIT("wechat.publish.submit", PublishSubmit.class, Topic.COMMANDS),
  PUBLISH_GET("wechat.publish.get", PublishGet.class, Topic.COMMANDS),
  PUBLISH_DELETE("wechat.publish.delete", PublishDelete.class, Topic.COMMANDS),
  MATERIAL_COUNT("wechat.material.count", MaterialCount.class, Topic.COMMANDS),
  MATERIAL_LIST("wechat.material.list", MaterialList.class, Topic.COMMANDS),
  MATERIAL_DELETE("wechat.material.delete", MaterialDelete.class, Topic.COMMANDS),
  MENU_CREATE("wechat.menu.create", MenuCreate.class, Topic.COMMANDS),
  MENU_GET("wechat.menu.get", MenuGet.class, Topic.COMMANDS),
  MENU_DELETE("wechat.menu.delete", MenuDelete.class, Topic.COMMANDS),
  MENU_CONDITIONAL_ADD("wechat.menu.conditional.add", MenuConditionalAdd.class, Topic.COMMANDS),
  MENU_CONDITIONAL_DELETE(
      "wechat.menu.conditional.delete", MenuConditionalDelete.class, Topic.COMMANDS),
  MENU_TRYMATCH("wechat.menu.trymatch", MenuTryMatch.class, Topic.COMMANDS),

  MESSAGE_TEXT("wechat.message.text", TextMessage.class, Topic.EVENTS),
  MESSAGE_IMAGE("wechat.message.image", ImageMessage.class, Topic.EVENTS),
  MESSAGE_VOICE("wechat.message.voice", VoiceMessage.class, Topic.EVENTS),
  MESSAGE_VIDEO("wechat.message.video", VideoMessage.class, Topic.EVENTS),
  MESSAGE_SHORTVIDEO("wechat.message.shortvideo", VideoMessage.class, Topic.EVENTS),
  MESSAGE_LOCATION("wechat.message.location", LocationMessage.class, Topic.EVENTS),
  MESSAGE_LINK("wechat.message.link", LinkMessage.class, Topic.EVENTS),
  MESSAGE_OTHER("wechat.message.other", OtherMessage.class, Topic.EVENTS),
  EVENT_SUBSCRIBE("wechat.event.subscribe", SubscribeEvent.class, Topic.EVENTS),
  EVENT_UNSUBSCRIBE("wechat.event.unsubscribe", UnsubscribeEvent.class, Topic.EVENTS),
  EVENT_SCAN("wechat.event.scan", ScanEvent.class, Topic.EVENTS),
  EVENT_LOCATION("wechat.event.location", LocationEvent.class, Topic.EVENTS),
  EVENT_CLICK("wechat.event.click", ClickEvent.class, Topic.EVENTS),
  EVENT_VIEW("wechat.event.view", ViewEvent.class, Topic.EVENTS),
  EVENT_TEMPLATESENDJOBFINISH(
      "wechat.event.templatesendjobfinish", TemplateSendJobFinishEvent.class, Topic.EVENTS),
  EVENT_MASSSENDJOBFINISH(
      "wechat.event.masssendjobfinish", MassSendJobFinishEvent.class, Topic.EVENTS),
  EVENT_PUBLISHJOBFINISH(
      "wechat.event.publishjobfinish", PublishJobFinishEvent.class, Topic.EVENTS),
  EVENT_OTHER("wechat.event.other", OtherEvent.class, Topic.EVENTS),

  RESULT("wechat.result", CommandResult.class, Topic.RESULTS),
  MASS_FINISHED("wechat.mass.finished", MassFinished.class, Topic.RESULTS),
  TEMPLATE_FINISHED("wechat.template.finished", TemplateFinished.class, Topic.RESULTS),
  USERS_PAGE("wechat.users.page", UsersPage.class, Topic.RESULTS),
  PUBLISH_FINISHED("wechat.publish.finished", PublishFinished.class, Topic.RESULTS),
  COMMAND_DEADLETTER("wechat.command.deadletter", DeadLetter.class, Topic.COMMANDS_DLQ);

  /** Where wxrelay's schemas are identified: their {@code $id}s and {@code dataschema} URIs. */
  public static final String SCHEMA_BASE = "https://wxrelay.io/schemas/";

  /** The version of every type's schema in this release; none has changed incompatibly yet. */
  private static final int FIRST_VERSION = 1;

  private static final Map<String, EventType> BY_VALUE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.value, Function.identity()));

  private final String value;
  private final Class<?> dataClass;
  private final Topic topic;

  EventType(String value, Class<?> dataClass, Topic topic) {
    this.value = value;
    this.dataClass = dataClass;
    this.topic = topic;
  }

  /** The version of this type's data schema that this release reads and writes. */
  public int schemaVersion() {
    return FIRST_VERSION;
  }

  /**
   * The CloudEvents {@code dataschema} of this type: its schema's {@code $id}, e.g. {@code
   * https://wxrelay.io/schemas/wechat.mass.send.v1.schema.json}.
   */
  public String dataschema() {
    return SCHEMA_BASE + schemaFile();
  }

  /** The CloudEvents {@code type} string, e.g. {@code wechat.mass.send}. */
  public String value() {
    return value;
  }

  /** The record that {@code data} binds to. */
  public Class<?> dataClass() {
    return dataClass;
  }

  /** The topic records of this type are written to. */
  public Topic topic() {
    return topic;
  }

  /** Whether {@code subject} (the appid) must be present. Only a dead letter may lack one. */
  public boolean requiresSubject() {
    return this != COMMAND_DEADLETTER;
  }

  /** Classpath resource of this type's JSON Schema. */
  public String schemaResource() {
    return "schemas/" + schemaFile();
  }

  /** Classpath resource of an example record value of this type. */
  public String exampleResource() {
    return "examples/" + value + ".json";
  }

  private String schemaFile() {
    return value + ".v" + schemaVersion() + ".schema.json";
  }

  public static Optional<EventType> byValue(String value) {
    return Optional.ofNullable(BY_VALUE.get(value));
  }
}
