package io.wxrelay.gateway;

import static io.wxrelay.gateway.GatewayFixture.APPID;
import static io.wxrelay.gateway.GatewayFixture.KEY;
import static io.wxrelay.gateway.GatewayFixture.TOKEN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.gateway.crypto.Signatures;
import io.wxrelay.sim.push.PushCrypto;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of hostile requests against a safe-mode gateway: each gets its 4xx and its reason in the
 * rejections metric, never a 5xx, and the gateway keeps serving real pushes.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsIT {
  private static final String INNER =
      "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oHostile01]]></FromUserName>"
          + "<CreateTime>1795339800</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>"
          + "<MsgId>%d</MsgId></xml>";

  private static final AtomicLong NONCES = new AtomicLong(1_514_711_492L);

  private GatewayFixture f;

  /** One hostile request: how to build it (given the gateway URL), what must come back. */
  record Case(
      String name, Function<String, HttpRequest.Builder> request, int status, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  void start(KafkaEndpoint kafka, RedisEndpoint redis) {
    f = new GatewayFixture(kafka, redis, "safe", Map.of());
  }

  @AfterAll
  void stop() {
    f.close();
  }

  /**
   * A request line Netty's decoder refuses ({@code %zz} is no escape; no HTTP client sends it, so
   * it is written on a socket): 400, not a dropped connection, and the gateway keeps serving.
   */
  @Test
  void anUndecodableRequestLineIsRefusedWith400() throws Exception {
    URI url = URI.create(f.url());
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write("GET /wechat/%zz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).isEqualTo("HTTP/1.1 400 Bad Request");
    }
    assertThat(
            Admin.metric(
                f.gateway.adminPort(), "wxrelay_gateway_rejections_total{reason=\"bad_http\""))
        .isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"requestCases", "bodyCases", "pushCases"})
  void isRefusedWithItsReasonAndTheGatewayKeepsServing(Case hostile) throws Exception {
    HttpResponse<String> answer = f.send(hostile.request().apply(f.url()));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(hostile.status());
    assertThat(
            Admin.metric(
                f.gateway.adminPort(),
                "wxrelay_gateway_rejections_total{reason=\"" + hostile.reason() + "\""))
        .isPositive();
    HttpResponse<String> real =
        f.send(encrypted(f.url(), String.format(INNER, System.nanoTime()), TOKEN, APPID));
    assertThat(real.statusCode()).isEqualTo(200);
    assertThat(real.body()).isEqualTo("success");
  }

  /** Wrong in the query string, the path, the method or the headers. */
  List<Case> requestCases() {
    String ts = Long.toString(Instant.now().getEpochSecond());
    String stale = Long.toString(Instant.now().minusSeconds(3600).getEpochSecond());
    String good = String.format(INNER, 1L);
    return List.of(
        new Case(
            "no signature",
            u -> xml(u + "?timestamp=" + ts + "&nonce=1", good),
            401,
            "missing_signature"),
        new Case(
            "wrong signature",
            u -> xml(u + "?signature=deadbeef&timestamp=" + ts + "&nonce=1", good),
            401,
            "bad_signature"),
        new Case(
            "stale timestamp (replay)",
            u -> xml(u + "?" + signed(TOKEN, stale), good),
            400,
            "stale_timestamp"),
        new Case(
            "timestamp not a number",
            u -> xml(u + "?signature=x&timestamp=soon&nonce=1", good),
            400,
            "bad_timestamp"),
        new Case(
            "unknown appid",
            u -> xml(u.replace(APPID, "wx0000000000000000") + "?" + signed(TOKEN, ts), good),
            404,
            "unknown_app"),
        new Case(
            "unknown path",
            u -> xml(u.replace("/wechat/", "/other/") + "?" + signed(TOKEN, ts), good),
            404,
            "unknown_path"),
        new Case(
            "wrong method",
            u ->
                HttpRequest.newBuilder(URI.create(u + "?" + signed(TOKEN, ts)))
                    .PUT(HttpRequest.BodyPublishers.ofString(good))
                    .header("Content-Type", "text/xml"),
            405,
            "bad_method"),
        new Case(
            "wrong content type",
            u ->
                HttpRequest.newBuilder(URI.create(u + "?" + signed(TOKEN, ts)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")),
            415,
            "bad_content_type"));
  }

  /** Correctly addressed and signed, with a body that is no XML a gateway should read. */
  List<Case> bodyCases() {
    String ts = Long.toString(Instant.now().getEpochSecond());
    return List.of(
        new Case(
            "not XML",
            u -> xml(u + "?" + signed(TOKEN, ts) + "&encrypt_type=aes", "hello"),
            400,
            "bad_xml"),
        new Case(
            "truncated XML",
            u ->
                xml(
                    u + "?" + signed(TOKEN, ts) + "&encrypt_type=aes",
                    "<xml><Encrypt><![CDATA[abc"),
            400,
            "bad_xml"),
        new Case(
            "binary body",
            u -> xml(u + "?" + signed(TOKEN, ts) + "&encrypt_type=aes", randomBytes()),
            400,
            "bad_xml"),
        new Case(
            "external entity (XXE)",
            u ->
                xml(
                    u + "?" + signed(TOKEN, ts) + "&encrypt_type=aes",
                    "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&x;</Encrypt></xml>"),
            400,
            "bad_xml"),
        new Case(
            "entity expansion (billion laughs)",
            u -> xml(u + "?" + signed(TOKEN, ts) + "&encrypt_type=aes", laughs()),
            400,
            "bad_xml"),
        new Case(
            "deep nesting",
            u ->
                xml(
                    u + "?" + signed(TOKEN, ts) + "&encrypt_type=aes",
                    "<a>".repeat(200) + "</a>".repeat(200)),
            400,
            "bad_xml"),
        new Case(
            "oversized body",
            u ->
                xml(
                    u + "?" + signed(TOKEN, ts) + "&encrypt_type=aes",
                    "<xml>" + "x".repeat(70_000) + "</xml>"),
            413,
            "too_large"));
  }

  /** Well-formed XML that is not a good push for this account. */
  List<Case> pushCases() {
    String ts = Long.toString(Instant.now().getEpochSecond());
    String good = String.format(INNER, 1L);
    return List.of(
        new Case(
            "plaintext to a safe-mode account",
            u -> xml(u + "?" + signed(TOKEN, ts), good),
            400,
            "plaintext_refused"),
        new Case(
            "wrong msg_signature", u -> tamperedMsgSignature(u, good), 401, "bad_msg_signature"),
        new Case("bad padding", u -> garbageCiphertext(u), 400, "bad_padding"),
        new Case(
            "encrypted for another appid",
            u -> encrypted(u, good, TOKEN, "wx0000000000000000"),
            400,
            "appid_mismatch"),
        new Case(
            "a message without its fields",
            u -> encrypted(u, "<xml><Foo>1</Foo></xml>", TOKEN, APPID),
            400,
            "bad_message"));
  }

  private static HttpRequest.Builder xml(String url, String body) {
    return xml(url, body.getBytes(UTF_8));
  }

  private static HttpRequest.Builder xml(String url, byte[] body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "text/xml")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private static String signed(String token, String ts) {
    return signed(token, ts, nonce());
  }

  /** Each request its own nonce, as WeChat's: a signed query string is good for one body. */
  private static String signed(String token, String ts, String nonce) {
    return "signature="
        + Signatures.sha1Sorted(token, ts, nonce)
        + "&timestamp="
        + ts
        + "&nonce="
        + nonce;
  }

  private static String nonce() {
    return Long.toString(NONCES.incrementAndGet());
  }

  /** A push as WeChat sends it in safe mode. */
  static HttpRequest.Builder encrypted(String url, String inner, String token, String appid) {
    String encrypt = PushCrypto.encrypt(inner, appid, KEY);
    return withEncrypt(url, encrypt, token);
  }

  private static HttpRequest.Builder withEncrypt(String url, String encrypt, String token) {
    String ts = Long.toString(Instant.now().getEpochSecond());
    String nonce = nonce();
    String query =
        signed(token, ts, nonce)
            + "&encrypt_type=aes&openid=oHostile01&msg_signature="
            + Signatures.sha1Sorted(token, ts, nonce, encrypt);
    return xml(
        url + "?" + query,
        "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA["
            + encrypt
            + "]]></Encrypt></xml>");
  }

  private static HttpRequest.Builder tamperedMsgSignature(String url, String inner) {
    String encrypt = PushCrypto.encrypt(inner, APPID, KEY);
    String ts = Long.toString(Instant.now().getEpochSecond());
    String nonce = nonce();
    String query =
        signed(TOKEN, ts, nonce)
            + "&encrypt_type=aes&msg_signature="
            + Signatures.sha1Sorted(TOKEN, ts, nonce, encrypt + "x");
    return xml(url + "?" + query, "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");
  }

  private static HttpRequest.Builder garbageCiphertext(String url) {
    byte[] garbage = new byte[64];
    new Random(3).nextBytes(garbage);
    garbage[63] = 0x7f; // a padding byte no valid message ends with
    return withEncrypt(url, Base64.getEncoder().encodeToString(garbage), TOKEN);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[512];
    new Random(5).nextBytes(bytes);
    return bytes;
  }

  private static String laughs() {
    StringBuilder dtd =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">");
    }
    return dtd + "]><xml><Encrypt>&lol9;</Encrypt></xml>";
  }
}
