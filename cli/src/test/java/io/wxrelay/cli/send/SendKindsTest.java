package io.wxrelay.cli.send;

import static io.wxrelay.cli.send.SendRun.APPID;
import static io.wxrelay.cli.send.SendRun.data;
import static io.wxrelay.cli.send.SendRun.encoded;
import static io.wxrelay.cli.send.SendRun.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import io.wxrelay.schemas.command.MassDelete;
import io.wxrelay.schemas.command.MassGet;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassPreview;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.command.MassSpeedGet;
import io.wxrelay.schemas.command.MassSpeedSet;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each {@code send <kind>} makes its {@code schemas} record from its own flags. */
class SendKindsTest {
  @TempDir Path dir;

  @Test
  void aCustomMessageGoesToOneUserUnderHisKey() {
    var data = data("send", "custom", "--to", "oAlice", "--text", "hi");

    assertThat(data).isEqualTo(new CustomSend("oAlice", CustomMessage.text("hi")));
    assertThat(encoded(data).key()).isEqualTo(APPID + ":oAlice");
    assertThat(encoded(data).broadcast()).isFalse();
    assertThat(json(data))
        .isEqualTo("{\"touser\":\"oAlice\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
    assertThatThrownBy(() -> data("send", "custom", "--to", "oA,oB", "--text", "x"))
        .hasMessage("send custom needs exactly one --to OPENID");
    assertThatThrownBy(() -> data("send", "custom", "--to", "oA"))
        .isInstanceOf(CliError.class)
        .hasMessage("send custom needs --text (or the whole data with --data FILE)");
  }

  @Test
  void aMassGoesToATagToAllOrToAList() throws Exception {
    var tag = data("send", "mass", "--tag", "2", "--text", "x");
    assertThat(tag)
        .isEqualTo(new MassSendAll(new MassSendAll.Filter(false, 2), MassMessage.text("x"), null));
    assertThat(json(tag)).contains("\"filter\":{\"is_to_all\":false,\"tag_id\":2}");
    assertThat(encoded(tag).key()).isEqualTo(APPID);
    assertThat(encoded(tag).broadcast()).isTrue();
    assertThat(data("send", "mass", "--all", "--text", "x"))
        .isEqualTo(new MassSendAll(MassSendAll.Filter.all(), MassMessage.text("x"), null));

    var list = data("send", "mass", "--to", "oA,oB", "--text", "x");
    assertThat(list).isEqualTo(new MassSend(List.of("oA", "oB"), MassMessage.text("x"), null));
    assertThat(encoded(list).key()).isEqualTo(APPID);
    assertThat(encoded(list).event().type()).isEqualTo("wechat.mass.send");

    Path openids = dir.resolve("openids.txt");
    Files.writeString(openids, "oA\n\n oB \n");
    assertThat(data("send", "mass", "--to", "@" + openids, "--text", "x")).isEqualTo(list);
    assertThatThrownBy(() -> data("send", "mass", "--text", "x"))
        .hasMessage("send mass needs --tag ID, --all, or --to OPENID,OPENID,...");
    assertThatThrownBy(() -> encoded(data("send", "mass", "--to", "oA", "--text", "x")))
        .hasMessageContaining("/data/touser: must have at least 2 items");
  }

  @Test
  void aPreviewGoesToOneUser() {
    var data = data("send", "preview", "--to", "oAlice", "--text", "soon");

    assertThat(data).isEqualTo(new MassPreview("oAlice", null, MassMessage.text("soon")));
    assertThat(encoded(data).key()).isEqualTo(APPID + ":oAlice");
  }

  @Test
  void aQrCodeHasItsSceneItsLifetimeAndOneReply() {
    var data =
        data(
            "send",
            "qr",
            "--scene",
            "order-42",
            "--expire",
            "7d",
            "--reply-title",
            "Your order",
            "--reply-url",
            "https://shop.example/o/42");

    assertThat(data)
        .isEqualTo(
            new QrCodeCreate(
                QrScene.of("order-42"),
                7 * 86_400,
                null,
                NewsReply.of("Your order", null, "https://shop.example/o/42", null)));
    assertThat(json(data))
        .isEqualTo(
            "{\"scene\":\"order-42\",\"expireSeconds\":604800,\"reply\":{\"msgtype\":\"news\","
                + "\"news\":{\"articles\":[{\"title\":\"Your order\","
                + "\"url\":\"https://shop.example/o/42\"}]}}}");
    assertThat(encoded(data).key()).isEqualTo(APPID + ":qr");
    assertThat(data("send", "qr", "--scene", "42", "--permanent"))
        .isEqualTo(new QrCodeCreate(QrScene.of(42), null, true, null));
    assertThat(data("send", "qr", "--scene", "s", "--reply-text", "hi"))
        .isEqualTo(new QrCodeCreate(QrScene.of("s"), null, null, CustomMessage.text("hi")));
    assertThatThrownBy(
            () -> data("send", "qr", "--scene", "s", "--reply-text", "a", "--reply-title", "b"))
        .hasMessageStartingWith("give a QR code one reply");
    assertThatThrownBy(() -> data("send", "qr"))
        .hasMessage("send qr needs --scene (or the whole data with --data FILE)");
  }

  @Test
  void theBroadcastToolsTakeTheirFlags() {
    assertThat(data("send", "mass-get", "--msg-id", "7")).isEqualTo(new MassGet(7));
    assertThat(data("send", "mass-delete", "--msg-id", "7", "--article-idx", "2"))
        .isEqualTo(new MassDelete(7L, 2, null));
    assertThat(data("send", "speed-get")).isEqualTo(new MassSpeedGet());
    assertThat(data("send", "speed-set", "--speed", "1")).isEqualTo(new MassSpeedSet(1));
    assertThatThrownBy(() -> data("send", "mass-delete"))
        .hasMessage("send mass-delete needs --msg-id (or the whole data with --data FILE)");
    assertThatThrownBy(() -> data("send", "media"))
        .hasMessageStartingWith("send media takes its data from --data FILE");
  }

  @Test
  void aKindIsAlsoNamedByItsCloudEventsTypeInAnyCase() {
    assertThat(SendRun.kind("send", "wechat.custom.send")).isInstanceOf(CustomCommand.class);
    assertThat(SendRun.kind("send", "WECHAT.QRCODE.CREATE")).isInstanceOf(QrCommand.class);
    assertThat(SendRun.kind("send", "wechat.mass.send")).isInstanceOf(MassCommand.class);
    assertThat(SendRun.kind("send", "wechat.mass.sendall")).isInstanceOf(MassCommand.class);
    assertThat(SendRun.kind("send", "wechat.mass.speed.set")).isInstanceOf(SpeedSetCommand.class);
  }
}
