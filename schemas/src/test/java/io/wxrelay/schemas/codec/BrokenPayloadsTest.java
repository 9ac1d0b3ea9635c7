package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractViolation.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every schema refuses broken payloads with one typed error that points at the broken part. Cases
 * are mutations of the shipped examples, so they stay realistic.
 */
class BrokenPayloadsTest {
  private static final ContractCodec CODEC = ContractCodec.create();

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource({
    "envelopeCases",
    "broadcastCases",
    "inlineNewsCases",
    "massManagementCases",
    "qrCodeCases",
    "customServiceCases",
    "mediaUploadCases",
    "inboundAndOutcomeCases"
  })
  void isRefusedWithAPointerToTheBrokenPart(
      EventType type, String what, Consumer<ObjectNode> breakIt, Kind kind, String pointer) {
    ObjectNode event = (ObjectNode) CODEC.mapper().readTree(Examples.bytes(type));
    breakIt.accept(event);

    ContractViolation violation =
        catchThrowableOfType(
            ContractViolation.class, () -> CODEC.decode(CODEC.mapper().writeValueAsBytes(event)));

    assertThat(violation).as(what).isNotNull();
    assertThat(violation.kind()).as(violation.getMessage()).isEqualTo(kind);
    assertThat(violation.problems())
        .as(violation.getMessage())
        .anySatisfy(p -> assertThat(p.pointer()).isEqualTo(pointer));
    assertThat(violation.eventId()).isEqualTo(java.util.Optional.ofNullable(textAt(event, "id")));
  }

  /** Commands only: what wxrelay produces tolerates new fields when read (EvolutionTest). */
  @ParameterizedTest
  @EnumSource(
      value = EventType.class,
      names = {
        "MASS_SENDALL",
        "MASS_SEND",
        "MASS_PREVIEW",
        "MASS_DELETE",
        "MASS_GET",
        "MASS_SPEED_GET",
        "MASS_SPEED_SET",
        "QRCODE_CREATE",
        "CUSTOM_SEND",
        "MEDIA_UPLOAD"
      })
  void everyCommandRefusesAnUnknownDataField(EventType type) {
    ObjectNode event = (ObjectNode) CODEC.mapper().readTree(Examples.bytes(type));
    ((ObjectNode) event.get("data")).put("surprise", 1);

    ContractViolation violation =
        catchThrowableOfType(
            ContractViolation.class, () -> CODEC.decode(CODEC.mapper().writeValueAsBytes(event)));

    assertThat(violation.kind()).isEqualTo(Kind.SCHEMA);
    assertThat(violation.type()).contains(type.value());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyTypeRefusesDataWithoutEachRequiredField(EventType type) {
    JsonNode schema =
        CODEC
            .mapper()
            .readTree(type.getClass().getClassLoader().getResourceAsStream(type.schemaResource()));
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(n -> required.add(n.asString()));
    for (String field : required) {
      ObjectNode event = (ObjectNode) CODEC.mapper().readTree(Examples.bytes(type));
      ((ObjectNode) event.get("data")).remove(field);

      ContractViolation violation =
          catchThrowableOfType(
              ContractViolation.class, () -> CODEC.decode(CODEC.mapper().writeValueAsBytes(event)));

      assertThat(violation).as("%s without %s", type.value(), field).isNotNull();
      assertThat(violation.kind()).isEqualTo(Kind.SCHEMA);
      assertThat(violation.getMessage()).contains(field);
    }
  }

  /** The envelope. */
  static Stream<Arguments> envelopeCases() {
    return Stream.of(
        envelope(EventType.MASS_SEND, "no specversion", e -> e.remove("specversion"), ""),
        envelope(
            EventType.MASS_SEND,
            "specversion 0.3",
            e -> e.put("specversion", "0.3"),
            "/specversion"),
        envelope(EventType.MASS_SEND, "empty id", e -> e.put("id", ""), "/id"),
        envelope(
            EventType.MASS_SEND, "time not a date-time", e -> e.put("time", "yesterday"), "/time"),
        envelope(
            EventType.MASS_SEND, "subject not an appid", e -> e.put("subject", "shop"), "/subject"),
        envelope(
            EventType.MASS_SEND, "command without subject", e -> e.remove("subject"), "/subject"),
        envelope(
            EventType.MASS_SEND,
            "an extension attribute that is an object",
            e -> e.putObject("priority"),
            "/priority"),
        envelope(
            EventType.MASS_SEND, "an attribute name with capitals", e -> e.put("Priority", 1), ""),
        envelope(EventType.MASS_SEND, "data is an array", e -> e.putArray("data"), "/data"),
        arguments(
            EventType.MASS_SEND,
            "unknown type",
            e -> e.put("type", "wechat.mass.explode"),
            Kind.UNKNOWN_TYPE,
            "/type"));
  }

  /** Broadcasts: their recipients and their one payload. */
  static Stream<Arguments> broadcastCases() {
    return Stream.of(
        data(
            EventType.MASS_SEND,
            "a list of one OpenID (WeChat 40130)",
            d -> keepFirst(d.withArray("touser"), 1),
            "/data/touser"),
        data(
            EventType.MASS_SEND,
            "the same OpenID twice",
            d -> d.withArray("touser").add(d.get("touser").get(0).asString()),
            "/data/touser"),
        data(
            EventType.MASS_SEND,
            "an OpenID with a space",
            d -> d.withArray("touser").add("o bad"),
            "/data/touser/3"),
        data(
            EventType.MASS_SEND,
            "msgtype text with an mpnews payload",
            d -> {
              d.remove("text");
              d.putObject("mpnews").put("media_id", "m");
            },
            "/data"),
        data(
            EventType.MASS_SEND,
            "two payloads",
            d -> d.putObject("mpnews").put("media_id", "m"),
            "/data"),
        data(
            EventType.MASS_SEND,
            "an image both as images and as image",
            d -> {
              d.remove("text");
              d.put("msgtype", "image");
              d.putObject("images").putArray("media_ids").add("m1");
              d.putObject("image").put("media_id", "m1");
            },
            "/data"),
        data(
            EventType.MASS_SEND,
            "unknown msgtype",
            d -> d.put("msgtype", "music"),
            "/data/msgtype"));
  }

  /** Broadcasts of inline news. */
  static Stream<Arguments> inlineNewsCases() {
    return Stream.of(
        data(
            EventType.MASS_SENDALL,
            "inline news with a media_id too",
            d -> inlineNews(d).put("media_id", "m"),
            "/data/mpnews"),
        data(
            EventType.MASS_SENDALL,
            "an inline article with a thumb_media_id instead of its thumb file",
            d -> {
              ObjectNode article = (ObjectNode) inlineNews(d).withArray("articles").get(0);
              article.remove("thumb");
              article.put("thumb_media_id", "m");
            },
            "/data/mpnews/articles/0"),
        data(
            EventType.MASS_SENDALL,
            "an inline article of 20,000 characters",
            d ->
                ((ObjectNode) inlineNews(d).withArray("articles").get(0))
                    .put("content", "x".repeat(20_000)),
            "/data/mpnews/articles/0/content"),
        data(
            EventType.MASS_SENDALL,
            "inline news via an unknown way",
            d -> inlineNews(d).put("via", "fax"),
            "/data/mpnews/via"));
  }

  /** Broadcast targets and the other mass calls: preview, delete, get, speed. */
  static Stream<Arguments> massManagementCases() {
    return Stream.of(
        data(
            EventType.MASS_SENDALL,
            "tag filter without tag_id",
            d -> d.withObject("filter").remove("tag_id"),
            "/data/filter"),
        data(
            EventType.MASS_SENDALL,
            "a clientmsgid of its own (the worker owns it)",
            d -> d.put("clientmsgid", "x"),
            "/data"),
        data(
            EventType.MASS_PREVIEW,
            "both touser and towxname",
            d -> d.put("towxname", "someone"),
            "/data"),
        data(
            EventType.MASS_DELETE,
            "url with article_idx",
            d -> {
              d.remove("msg_id");
              d.put("url", "https://mp.weixin.qq.com/s/x");
            },
            "/data"),
        data(
            EventType.MASS_GET,
            "msg_id as text",
            d -> d.put("msg_id", "201053012"),
            "/data/msg_id"),
        data(EventType.MASS_SPEED_SET, "speed 5", d -> d.put("speed", 5), "/data/speed"));
  }

  /** QR codes. */
  static Stream<Arguments> qrCodeCases() {
    return Stream.of(
        data(
            EventType.QRCODE_CREATE,
            "permanent with expireSeconds",
            d -> d.put("permanent", true),
            "/data"),
        data(
            EventType.QRCODE_CREATE,
            "permanent integer scene above 100000",
            d -> {
              d.remove("expireSeconds");
              d.put("permanent", true);
              d.put("scene", 100001);
            },
            "/data/scene"),
        data(EventType.QRCODE_CREATE, "scene 0", d -> d.put("scene", 0), "/data/scene"),
        data(
            EventType.QRCODE_CREATE,
            "scene string of 65",
            d -> d.put("scene", "s".repeat(65)),
            "/data/scene"),
        data(EventType.QRCODE_CREATE, "scene boolean", d -> d.put("scene", true), "/data/scene"),
        data(
            EventType.QRCODE_CREATE,
            "expireSeconds over 30 days",
            d -> d.put("expireSeconds", 2592001),
            "/data/expireSeconds"),
        data(
            EventType.QRCODE_CREATE,
            "reply without its payload",
            d -> d.withObject("reply").remove("text"),
            "/data/reply"),
        data(
            EventType.QRCODE_CREATE,
            "reply with a touser of its own (the scanner is the recipient)",
            d -> d.withObject("reply").put("touser", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
            "/data/reply"),
        data(
            EventType.QRCODE_CREATE,
            "reply with a placeholder no scan fills",
            d -> d.withObject("reply").withObject("text").put("content", "Order {orderId}"),
            "/data/reply/text/content"));
  }

  /** Customer service. */
  static Stream<Arguments> customServiceCases() {
    return Stream.of(
        data(
            EventType.CUSTOM_SEND,
            "two payloads",
            d -> d.putObject("text").put("content", "hi"),
            "/data/msgtype"),
        data(
            EventType.CUSTOM_SEND,
            "msgtype without its payload",
            d -> d.put("msgtype", "image"),
            "/data"),
        data(
            EventType.CUSTOM_SEND,
            "news with two articles (WeChat 45008)",
            d -> {
              ArrayNode a = d.withObject("news").withArray("articles");
              a.add(a.get(0).deepCopy());
            },
            "/data/news/articles"),
        data(
            EventType.CUSTOM_SEND,
            "kf_account without @",
            d -> d.withObject("customservice").put("kf_account", "orders"),
            "/data/customservice/kf_account"),
        data(EventType.CUSTOM_SEND, "touser empty", d -> d.put("touser", ""), "/data/touser"));
  }

  /** Media uploads. */
  static Stream<Arguments> mediaUploadCases() {
    return Stream.of(
        data(EventType.MEDIA_UPLOAD, "news without articles", d -> d.put("kind", "news"), "/data"),
        data(
            EventType.MEDIA_UPLOAD,
            "mpvideo without the uploaded video's media id",
            d -> {
              d.put("kind", "mpvideo");
              d.remove("file");
              d.remove("permanent");
              d.putObject("video").put("title", "Our new store");
            },
            "/data"));
  }

  /** Inbound, outcomes. */
  static Stream<Arguments> inboundAndOutcomeCases() {
    return Stream.of(
        data(
            EventType.EVENT_SUBSCRIBE,
            "subscribe not a new follower",
            d -> d.put("newFollower", false),
            "/data/newFollower"),
        data(
            EventType.MESSAGE_TEXT, "MsgId not digits", d -> d.put("msgId", "12ab"), "/data/msgId"),
        data(
            EventType.EVENT_MASSSENDJOBFINISH,
            "negative count",
            d -> d.put("sentCount", -1),
            "/data/sentCount"),
        data(EventType.RESULT, "unknown status", d -> d.put("status", "DONE"), "/data/status"),
        data(
            EventType.COMMAND_DEADLETTER,
            "original without its bytes",
            d -> d.withObject("original").remove("valueBase64"),
            "/data/original"));
  }

  private static Arguments envelope(
      EventType type, String what, Consumer<ObjectNode> change, String pointer) {
    return arguments(type, what, change, Kind.ENVELOPE, pointer);
  }

  private static Arguments data(
      EventType type, String what, Consumer<ObjectNode> change, String pointer) {
    return arguments(
        type, what, e -> change.accept((ObjectNode) e.get("data")), Kind.SCHEMA, pointer);
  }

  private static Arguments arguments(
      EventType type, String what, Consumer<ObjectNode> change, Kind kind, String pointer) {
    return Arguments.of(type, what, change, kind, pointer);
  }

  /** Turns the example's broadcast into an mpnews of one inline article; returns the mpnews. */
  private static ObjectNode inlineNews(ObjectNode data) {
    data.remove(List.of("text", "images", "voice", "mpvideo", "wxcard", "mpnews"));
    data.put("msgtype", "mpnews");
    ObjectNode news = data.putObject("mpnews");
    ObjectNode article = news.putArray("articles").addObject();
    article.put("title", "t").put("content", "c");
    article.putObject("thumb").put("url", "https://files.example/t.jpg").put("filename", "t.jpg");
    return news;
  }

  private static void keepFirst(ArrayNode array, int n) {
    while (array.size() > n) {
      array.remove(array.size() - 1);
    }
  }

  private static String textAt(ObjectNode event, String field) {
    JsonNode node = event.get(field);
    return node != null && node.isString() ? node.asString() : null;
  }
}
