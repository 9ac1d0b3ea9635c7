package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimConfig.AppSetup;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's own account, configured once in an accounts file and run with {@code
 * WXRELAY_ACCOUNTS_FILE=... scripts/up.sh}: a mistake in the file stops the relay with a sentence
 * that names it (and never a secret); the corrected file runs token-service, the gateway and the
 * workers on it. The "real" WeChat here is a simulator this test starts, in safe mode, with the
 * file's secret, callback token and EncodingAESKey: had any service not read them from the file,
 * there would be no token, no decrypted push, no reply.
 */
@ExtendWith(RealInfrastructure.class)
class AccountsFileRelayIT {
  private static final String APPID = "wx00000000000000a1";
  private static final String SECRET = "file-secret-0123456789abcdef0123";
  private static final String CALLBACK_TOKEN = "fileToken42";
  private static final String AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut";
  private static final int OFFSET = 21000;

  @Test
  void aMistakeStopsTheRelayByNameAndTheCorrectedFileRunsEveryServiceOnIt(
      KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
    LocalRelay relay = new LocalRelay(kafka, redis, OFFSET);
    String gatewayUrl = "http://127.0.0.1:" + relay.port(8080) + "/wechat/" + APPID;
    AppConfig account =
        AppConfig.simple(APPID, SECRET)
            .withCallback(gatewayUrl, CALLBACK_TOKEN, Mode.SAFE, AES_KEY);
    try (WeChatSim wechat =
        WeChatSim.start(SimConfig.forTests().withApps(List.of(new AppSetup(account, 50, 2))))) {
      Path secretFile = relay.runDir.resolve("appsecret");
      Files.writeString(secretFile, SECRET + "\n");
      Path accounts = relay.runDir.resolve("accounts.yml");
      pointAtTheFileAndTheSim(relay, accounts, wechat);
      StringBuilder transcript = new StringBuilder();
      try {
        // safe mode without its key: every service refuses the file, naming account and field.
        Files.writeString(accounts, file(secretFile, "mode: safe\n"));
        upIsRefusedNamingTheAccountAndField(relay);
        assertThat(relay.down(transcript)).as(transcript.toString()).isEmpty();

        Files.writeString(
            accounts, file(secretFile, "mode: safe\n    encodingAesKeyEnv: SHOP_AES_KEY\n"));
        upRunsOnTheFile(relay, accounts, wechat);
        aScanIsAnsweredWithTheFilesReply(relay, wechat);
      } finally {
        List<String> left = relay.down(transcript);
        assertThat(left).as("ours after scripts/down.sh: " + transcript).isEmpty();
      }
    }
  }

  /** The relay's settings: the accounts file, the simulator as the real WeChat, the file's env. */
  private static void pointAtTheFileAndTheSim(LocalRelay relay, Path accounts, WeChatSim wechat) {
    relay.env.put("WXRELAY_ACCOUNTS_FILE", accounts.toString());
    relay.env.put("WECHAT_API_BASE", wechat.baseUrl());
    relay.env.put("WECHAT_QR_IMAGE_BASE", wechat.baseUrl() + "/cgi-bin/showqrcode");
    relay.env.put("SHOP_CALLBACK_TOKEN", CALLBACK_TOKEN);
    relay.env.put("SHOP_AES_KEY", AES_KEY);
    relay.env.put("WXRELAY_READY_TIMEOUT", "90");
  }

  private static void upIsRefusedNamingTheAccountAndField(LocalRelay relay) throws Exception {
    Shell.Run broken = relay.up();
    assertThat(broken.exitCode()).as(broken.transcript()).isEqualTo(1);
    assertThat(broken.err())
        .as(broken.transcript())
        .contains("exited before it was ready")
        .contains("account 1: " + APPID + ": safe mode needs a 43-character encodingAesKey")
        .doesNotContain(SECRET, CALLBACK_TOKEN);
  }

  /** The relay comes up on the file, against "real" WeChat, and shows the account, no secret. */
  private static void upRunsOnTheFile(LocalRelay relay, Path accounts, WeChatSim wechat)
      throws Exception {
    Shell.Run up = relay.up();
    assertThat(up.exitCode()).as(up.transcript()).isZero();
    assertThat(up.out())
        .contains("real WeChat (" + wechat.baseUrl() + "), accounts from " + accounts)
        .doesNotContain("wechat-sim", SECRET, CALLBACK_TOKEN, AES_KEY);

    Shell.Run shown = relay.wxrelay("accounts");
    assertThat(shown.out())
        .contains(APPID, "shop", "classic", "safe")
        .doesNotContain(SECRET, CALLBACK_TOKEN, AES_KEY);
  }

  /**
   * A QR code made with the CLI, scanned: its reply reaches the scanner, which needs the file's
   * secret (a token), callback token and key (a decrypted push).
   */
  private static void aScanIsAnsweredWithTheFilesReply(LocalRelay relay, WeChatSim wechat)
      throws Exception {
    Shell.Run qr =
        relay.wxrelay(
            "send", "qr", "--scene", "7", "--reply-text", "Hello from the file", "--wait");
    assertThat(qr.exitCode()).as(qr.transcript()).isZero();
    Matcher ticket = Pattern.compile("ticket=(\\S+)").matcher(qr.out());
    assertThat(ticket.find()).as(qr.out()).isTrue();
    wechat.users().scan(APPID, "oFileUser", ticket.group(1));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !wechat.truth().deliveriesTo(APPID, "oFileUser").isEmpty());
    assertThat(wechat.truth().deliveriesTo(APPID, "oFileUser"))
        .singleElement()
        .satisfies(d -> assertThat(d.text()).isEqualTo("Hello from the file"));
    assertThat(wechat.truth().tokensIssued("cgi-bin/token", APPID))
        .as("the file's classic endpoint")
        .isPositive();
  }

  private static String file(Path secretFile, String modeLines) {
    return """
        accounts:
          - appid: %s
            name: shop
            secretFile: %s
            tokenEndpoint: classic
            callbackTokenEnv: SHOP_CALLBACK_TOKEN
            %s
        """
        .formatted(APPID, secretFile, modeLines);
  }
}
