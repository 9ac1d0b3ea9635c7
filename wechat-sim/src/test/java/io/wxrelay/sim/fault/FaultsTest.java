package io.wxrelay.sim.fault;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.sim.SimFixture;
import io.wxrelay.sim.junit.WeChatClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults and latency, per API, with and without effect. */
class FaultsTest {
  private static final String API = "message/custom/send";

  private final SimFixture f = new SimFixture();
  private final HttpClient http = HttpClient.newHttpClient();
  private String user;

  @BeforeEach
  void openWindow() {
    user = f.user(0);
    f.sim.users().text(DEFAULT_APPID, user, "hi");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void anInjectedErrcodeAnswersLikeWeChatAndDoesNothing() throws Exception {
    f.sim.faults().configure(API + ": rate=1; errors=-1");

    HttpResponse<String> answer = send(Duration.ofSeconds(5));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(WeChatClient.JSON.readTree(answer.body()).path("errcode").asInt()).isEqualTo(-1);
    assertThat(f.sim.truth().deliveriesTo(DEFAULT_APPID, user)).isEmpty();
  }

  @Test
  void anInjectedHttpStatusIsThatStatus() throws Exception {
    f.sim.faults().configure(API + ": rate=1; errors=http503");

    assertThat(send(Duration.ofSeconds(5)).statusCode()).isEqualTo(503);
  }

  @Test
  void aResetBreaksTheConnectionBeforeAnythingHappens() {
    f.sim.faults().configure(API + ": rate=1; errors=reset");

    assertThatThrownBy(() -> send(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
    assertThat(f.sim.truth().deliveriesTo(DEFAULT_APPID, user)).isEmpty();
  }

  @Test
  void aLostAnswerHidesThatTheMessageWasDelivered() {
    f.sim.faults().configure(API + ": rate=1; errors=lost");

    assertThatThrownBy(() -> send(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
    assertThat(f.sim.truth().deliveriesTo(DEFAULT_APPID, user)).hasSize(1);
  }

  @Test
  void aHangNeverAnswers() {
    f.sim.faults().configure(API + ": rate=1; errors=hang");

    assertThatThrownBy(() -> send(Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void latencyDelaysEveryAnswerWithoutHoldingAThread() throws Exception {
    f.sim.faults().configure(API + ": latency=200ms..250ms");

    long start = System.nanoTime();
    assertThat(send(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aRateFailsAboutThatShareOfCallsAndOtherApisAreUntouched() {
    f.sim.faults().configure(API + ": rate=0.1; errors=45011");
    int failed = 0;
    for (int i = 0; i < 1000; i++) {
      assertThat(f.call("message/mass/speed/get", "").path("errcode").asInt(0)).isZero();
      if (f.call(API, "{\"touser\":\"oNobody\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}")
              .path("errcode")
              .asInt()
          == 45011) {
        failed++;
      }
    }
    assertThat(failed).isBetween(60, 140);
  }

  @Test
  void badPlansAreRefusedWithAReason() {
    assertThatThrownBy(() -> FaultPlan.parse("rate=2; errors=-1"))
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> FaultPlan.parse("rate=0.5")).hasMessageContaining("errors=");
    assertThatThrownBy(() -> FaultPlan.parse("errors=teapot"))
        .hasMessageContaining("unknown fault 'teapot'");
    assertThatThrownBy(() -> FaultPlan.parse("latency=fast")).hasMessageContaining("like 50ms");
  }

  private HttpResponse<String> send(Duration timeout) throws Exception {
    String body = "{\"touser\":\"" + user + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}";
    HttpRequest request =
        HttpRequest.newBuilder(f.wechat.uri("/cgi-bin/" + API + "?access_token=" + f.token))
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
