package io.wxrelay.sim.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.wxrelay.sim.SimFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** qrcode/create's four action names and limits; showqrcode's scannable PNG. */
class QrCodeTest {
  private final SimFixture f = new SimFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "QR_SCENE           | {\"scene_id\":123}         | 0",
        "QR_SCENE           | {\"scene_id\":4294967295}  | 0",
        "QR_SCENE           | {\"scene_id\":0}           | 40053",
        "QR_STR_SCENE       | {\"scene_str\":\"store-42\"} | 0",
        "QR_STR_SCENE       | {\"scene_str\":\"\"}       | 40053",
        "QR_LIMIT_SCENE     | {\"scene_id\":100000}      | 0",
        "QR_LIMIT_SCENE     | {\"scene_id\":100001}      | 40053",
        "QR_LIMIT_STR_SCENE | {\"scene_str\":\"vip\"}    | 0",
        "QR_LIMIT_STR_SCENE | {\"scene_str\":\"sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss\"} | 40053",
        "QR_FANCY           | {\"scene_id\":1}           | 40052"
      })
  void eachActionNameKeepsItsSceneLimits(String action, String scene, int errcode) {
    JsonNode answer =
        f.call(
            "qrcode/create",
            "{\"action_name\":\"" + action + "\",\"action_info\":{\"scene\":" + scene + "}}");

    assertThat(answer.path("errcode").asInt(0)).isEqualTo(errcode);
    if (errcode == 0) {
      assertThat(answer.path("ticket").asString()).startsWith("gQ");
      assertThat(answer.path("url").asString()).startsWith("http://weixin.qq.com/q/");
      assertThat(answer.has("expire_seconds")).isEqualTo(!action.startsWith("QR_LIMIT"));
    }
  }

  @Test
  void aTemporaryCodeLivesSixtySecondsByDefaultAndThirtyDaysAtMost() {
    JsonNode byDefault =
        create("{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":7}}}");
    JsonNode tooLong =
        create(
            "{\"expire_seconds\":2592001,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":7}}}");

    assertThat(byDefault.path("expire_seconds").asInt()).isEqualTo(60);
    assertThat(tooLong.path("errcode").asInt()).isEqualTo(40053);
  }

  @Test
  void showqrcodeAnswersAScannablePngOfTheTicketsUrlUntilItExpires() throws Exception {
    JsonNode code =
        create(
            "{\"expire_seconds\":600,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"s1\"}}}");
    String ticket = code.path("ticket").asString();

    HttpResponse<byte[]> png = show(URLEncoder.encode(ticket, UTF_8));

    assertThat(ticket).containsAnyOf("+", "/", "=");
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(decode(png.body())).isEqualTo(code.path("url").asString());
    f.clock.advance(Duration.ofSeconds(600));
    assertThat(show(URLEncoder.encode(ticket, UTF_8)).statusCode()).isEqualTo(404);
  }

  private JsonNode create(String body) {
    return f.call("qrcode/create", body);
  }

  private HttpResponse<byte[]> show(String encodedTicket) {
    return f.wechat.raw(
        HttpRequest.newBuilder(f.wechat.uri("/cgi-bin/showqrcode?ticket=" + encodedTicket)));
  }

  private static String decode(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    var bitmap =
        new BinaryBitmap(
            new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
    return new QRCodeReader().decode(bitmap).getText();
  }
}
