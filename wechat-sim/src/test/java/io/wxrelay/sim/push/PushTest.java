package io.wxrelay.sim.push;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.junit.CallbackReceiver;
import io.wxrelay.sim.junit.CallbackReceiver.Received;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.PushRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pushes as WeChat makes them: events per user action, signatures, encryption, retries. */
class PushTest {
  private static final String TOKEN = "cbtoken";
  private static final String AES_KEY = SimConfig.SAMPLE_AES_KEY;

  private final CallbackReceiver receiver = new CallbackReceiver();
  private SimFixture f;

  @BeforeEach
  void start() {
    SimRules rules = SimRules.wechat().withPushTimeout(Duration.ofMillis(400));
    f = new SimFixture(SimConfig.forTests().withRules(rules));
  }

  @AfterEach
  void stop() {
    f.close();
    receiver.close();
  }

  @Test
  void aNonFollowerScanningFollowsWithTheQrScenePrefixAndAFollowerGetsScan() throws Exception {
    mode(Mode.PLAIN);
    String ticket =
        f.call(
                "qrcode/create",
                "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"door\"}}}")
            .path("ticket")
            .asString();

    PushRecord subscribe = done(f.sim.users().scan(DEFAULT_APPID, "oStranger01", ticket));
    PushRecord scan = done(f.sim.users().scan(DEFAULT_APPID, "oStranger01", ticket));

    assertThat(subscribe.kind()).isEqualTo("event:subscribe");
    assertThat(scan.kind()).isEqualTo("event:SCAN");
    assertThat(receiver.received().get(0).body())
        .contains("<Event><![CDATA[subscribe]]></Event>")
        .contains("<EventKey><![CDATA[qrscene_door]]></EventKey>")
        .contains("<Ticket><![CDATA[" + ticket + "]]></Ticket>");
    assertThat(receiver.received().get(1).body()).contains("<EventKey><![CDATA[door]]></EventKey>");
  }

  @Test
  void everyPushIsSignedWithTheCallbackToken() throws Exception {
    mode(Mode.PLAIN);
    done(f.sim.users().text(DEFAULT_APPID, f.user(0), "hello"));

    Received push = receiver.received().getFirst();
    assertThat(push.param("signature"))
        .isEqualTo(PushCrypto.signature(TOKEN, push.param("timestamp"), push.param("nonce")));
    assertThat(push.param("encrypt_type")).isNull();
    assertThat(push.body()).contains("<Content><![CDATA[hello]]></Content>").contains("<MsgId>");
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"COMPAT", "SAFE"})
  void encryptedModesCarryAVerifiableMsgSignatureAndDecryptToThePush(Mode mode) throws Exception {
    mode(mode);
    done(f.sim.users().follow(DEFAULT_APPID, "oCrypto001"));

    Received push = receiver.received().getFirst();
    String encrypt =
        push.body().replaceAll("(?s).*<Encrypt><!\\[CDATA\\[(.*?)]]></Encrypt>.*", "$1");
    assertThat(push.param("encrypt_type")).isEqualTo("aes");
    assertThat(push.param("openid")).isEqualTo("oCrypto001");
    assertThat(push.param("msg_signature"))
        .isEqualTo(
            PushCrypto.signature(TOKEN, push.param("timestamp"), push.param("nonce"), encrypt));
    String plain = decrypt(encrypt);
    assertThat(plain).contains("<Event><![CDATA[subscribe]]></Event>");
    assertThat(push.body().contains("<FromUserName>")).isEqualTo(mode == Mode.COMPAT);
  }

  @Test
  void aLateReceiverIsAskedAgainUntilItAnswers() throws Exception {
    mode(Mode.PLAIN);
    receiver.answerLate(2, Duration.ofMillis(1500));

    PushRecord record = done(f.sim.users().follow(DEFAULT_APPID, "oLate00001"));

    assertThat(record.acknowledged()).isTrue();
    assertThat(record.attempts()).hasSize(3);
    assertThat(record.attempts().get(0)).startsWith("timeout");
    assertThat(record.attempts().get(2)).startsWith("200 success");
    assertThat(record.sentAt()).isNotNull();
    assertThat(record.answeredAt()).isAfterOrEqualTo(record.sentAt());
    assertThat(receiver.received())
        .hasSize(3)
        .extracting(Received::body)
        .containsOnly(receiver.received().getFirst().body());
  }

  @Test
  void aFailingReceiverGetsThreeRetriesThenWeChatGivesUp() throws Exception {
    mode(Mode.PLAIN);
    receiver.answerWith(10, 500);

    PushRecord record = done(f.sim.users().follow(DEFAULT_APPID, "oFail00001"));

    assertThat(record.acknowledged()).isFalse();
    assertThat(record.attempts()).hasSize(4).allMatch(a -> a.startsWith("500"));
    assertThat(record.sentAt()).isNotNull();
    assertThat(record.answeredAt()).isNull();
  }

  private void mode(Mode mode) {
    var app = f.sim.accounts().app(DEFAULT_APPID).orElseThrow();
    f.sim.accounts().update(app.withCallback(receiver.url(), TOKEN, mode, AES_KEY));
  }

  private PushRecord done(long pushId) throws Exception {
    return f.sim.pushes().whenDone(pushId).get(10, TimeUnit.SECONDS);
  }

  /** The receiving side, written from the spec and independent of PushCrypto. */
  private static String decrypt(String base64) throws Exception {
    byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
    Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
    aes.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new IvParameterSpec(Arrays.copyOf(key, 16)));
    byte[] plain = aes.doFinal(Base64.getDecoder().decode(base64));
    int pad = plain[plain.length - 1];
    assertThat(pad).isBetween(1, 32);
    ByteBuffer buffer = ByteBuffer.wrap(plain, 16, plain.length - 16 - pad);
    int length = buffer.getInt();
    byte[] msg = new byte[length];
    buffer.get(msg);
    byte[] appid = new byte[buffer.remaining()];
    buffer.get(appid);
    assertThat(new String(appid, UTF_8)).isEqualTo(DEFAULT_APPID);
    return new String(msg, UTF_8);
  }
}
