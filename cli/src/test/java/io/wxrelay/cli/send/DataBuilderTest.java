package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataBuilderTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private final CommandEvents events = new CommandEvents(ContractCodec.create());

  private static CommandOptions none() {
    return message(null, null, null);
  }

  /** The flags of a message: recipients, text, tag. */
  private static CommandOptions message(List<String> to, String text, Integer tag) {
    return news(to, text, tag, NO_NEWS);
  }

  private static final NewsFlags NO_NEWS = new NewsFlags(null, null, null, null);

  /** The flags of a broadcast of {@code news} (or text). */
  private static CommandOptions news(List<String> to, String text, Integer tag, NewsFlags news) {
    return new CommandOptions(
        to, text, tag, false, null, null, false, null, null, null, null, null, null, null, null,
        news);
  }

  /** The flags of a QR code. */
  private static CommandOptions qr(
      String scene,
      Duration expire,
      boolean permanent,
      String replyText,
      String title,
      String url) {
    return new CommandOptions(
        null, null, null, false, scene, expire, permanent, replyText, title, url, null, null, null,
        null, null, NO_NEWS);
  }

  @Test
  void aCustomMessageIsTextToOneUserKeyedByThatUser() {
    var o = message(List.of("oAlice"), "hi", null);
    var data = DataBuilder.build(CommandKind.CUSTOM, o);

    assertThat(data.toString())
        .isEqualTo("{\"touser\":\"oAlice\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
    assertThat(CommandEvents.keyOf(EventType.CUSTOM_SEND, APPID, data))
        .isEqualTo(APPID + ":oAlice");
    assertThat(events.encode(EventType.CUSTOM_SEND, "c1", "/t", APPID, Instant.EPOCH, data))
        .isNotEmpty();
  }

  @Test
  void aMassIsSendallToATagOrSendToAListOfUsers() {
    var tag = message(null, "sale", 2);
    assertThat(DataBuilder.typeOf(CommandKind.MASS, DataBuilder.build(CommandKind.MASS, tag)))
        .isEqualTo(EventType.MASS_SENDALL);
    assertThat(DataBuilder.build(CommandKind.MASS, tag).path("filter").toString())
        .isEqualTo("{\"is_to_all\":false,\"tag_id\":2}");

    var list = message(List.of("oA", "oB"), "sale", null);
    assertThat(DataBuilder.typeOf(CommandKind.MASS, DataBuilder.build(CommandKind.MASS, list)))
        .isEqualTo(EventType.MASS_SEND);
    var data = DataBuilder.build(CommandKind.MASS, list);
    assertThat(data.path("touser")).hasSize(2);
    assertThat(CommandEvents.keyOf(EventType.MASS_SEND, APPID, data)).isEqualTo(APPID);

    assertThatThrownBy(() -> DataBuilder.build(CommandKind.MASS, none()))
        .isInstanceOf(CliError.class)
        .hasMessageContaining("--tag ID, --all, or --to");
  }

  @Test
  void aNewsBroadcastCarriesItsArticleWithTheThumbInlineOrByUrl(@TempDir Path dir)
      throws Exception {
    Path thumb = dir.resolve("autumn.jpg");
    Files.write(thumb, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1});
    Path content = dir.resolve("autumn.html");
    Files.writeString(content, "<p>20 % off</p>");

    var inline =
        DataBuilder.build(
            CommandKind.MASS,
            news(null, null, 2, new NewsFlags("Autumn", thumb.toString(), "@" + content, null)));
    assertThat(inline.path("msgtype").asString()).isEqualTo("mpnews");
    var article = inline.path("mpnews").path("articles").get(0);
    assertThat(article.path("thumb").path("base64").asString()).isEqualTo("/9j/AQ==");
    assertThat(article.path("thumb").path("filename").asString()).isEqualTo("autumn.jpg");
    assertThat(article.path("content").asString()).isEqualTo("<p>20 % off</p>");
    assertThat(events.encode(EventType.MASS_SENDALL, "n1", "/t", APPID, Instant.EPOCH, inline))
        .as("a valid wechat.mass.sendall")
        .isNotEmpty();

    var byUrl =
        DataBuilder.build(
            CommandKind.MASS,
            news(
                List.of("oA", "oB"),
                null,
                null,
                new NewsFlags(
                    "Autumn", "https://files.example/a/autumn.jpg", "<p>x</p>", "draft")));
    assertThat(byUrl.path("mpnews").path("via").asString()).isEqualTo("draft");
    assertThat(byUrl.path("mpnews").path("articles").get(0).path("thumb").toString())
        .isEqualTo("{\"url\":\"https://files.example/a/autumn.jpg\",\"filename\":\"autumn.jpg\"}");

    assertThatThrownBy(
            () ->
                DataBuilder.build(
                    CommandKind.MASS,
                    news(null, null, 2, new NewsFlags("Autumn", null, "<p>x</p>", null))))
        .isInstanceOf(CliError.class)
        .hasMessage("send mass with news needs --news-title, --news-thumb and --news-content");
    assertThatThrownBy(
            () ->
                DataBuilder.build(
                    CommandKind.MASS,
                    news(null, "hi", 2, new NewsFlags("A", thumb.toString(), "c", null))))
        .isInstanceOf(CliError.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                DataBuilder.build(
                    CommandKind.MASS,
                    news(
                        null,
                        null,
                        2,
                        new NewsFlags("A", dir.resolve("none.jpg").toString(), "c", null))))
        .isInstanceOf(CliError.class)
        .hasMessageStartingWith("cannot read --news-thumb ");
  }

  @Test
  void aQrCodeTakesAStringOrNumberSceneAnExpiryAndATextOrNewsReply() {
    var news = qr("order-42", Duration.ofDays(7), false, null, "Your order", "https://shop/o/42");
    var data = DataBuilder.build(CommandKind.QR, news);
    assertThat(data.path("scene").asString()).isEqualTo("order-42");
    assertThat(data.path("expireSeconds").asLong()).isEqualTo(604800);
    assertThat(data.path("reply").path("news").path("articles").get(0).path("url").asString())
        .isEqualTo("https://shop/o/42");
    assertThat(CommandEvents.keyOf(EventType.QRCODE_CREATE, APPID, data)).isEqualTo(APPID + ":qr");
    events.encode(EventType.QRCODE_CREATE, "q1", "/t", APPID, Instant.EPOCH, data);

    var numbered = qr("42", null, true, "hi", null, null);
    assertThat(DataBuilder.build(CommandKind.QR, numbered).path("scene").isNumber()).isTrue();
  }

  @Test
  void theCodecNamesWhatIsWrongByItsPointer() {
    var one = message(List.of("oA"), "x", null);
    var data = DataBuilder.build(CommandKind.MASS, one);
    assertThatThrownBy(
            () -> events.encode(EventType.MASS_SEND, "m1", "/t", APPID, Instant.EPOCH, data))
        .isInstanceOf(CliError.class)
        .hasMessageStartingWith(
            "not written: wechat.mass.send data breaks its schema: /data/touser");
  }

  @Test
  void kindsAreShortNamesOrCommandTypesAndNothingElse() {
    assertThat(CommandKind.parse("custom")).isEqualTo(CommandKind.CUSTOM);
    assertThat(CommandKind.parse("wechat.mass.send")).isEqualTo(CommandKind.MASS);
    assertThat(CommandKind.parse("WECHAT.QRCODE.CREATE")).isEqualTo(CommandKind.QR);
    assertThatThrownBy(() -> CommandKind.parse("wechat.result"))
        .isInstanceOf(CliError.class)
        .hasMessageStartingWith("unknown command type 'wechat.result'");
  }
}
