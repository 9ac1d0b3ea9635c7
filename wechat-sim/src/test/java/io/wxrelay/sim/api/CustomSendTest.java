package io.wxrelay.sim.api;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.SimFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** message/custom/send: the interaction window, its quota, and every message type's checks. */
class CustomSendTest {
  private final SimFixture f = new SimFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aUserWhoNeverWroteCannotBeMessaged() {
    assertThat(errcode(send(f.user(0), text("hello")))).isEqualTo(45015);
    assertThat(f.sim.truth().deliveriesTo(DEFAULT_APPID, f.user(0))).isEmpty();
  }

  @Test
  void aUserMessageOpensFortyEightHoursForFiveMessages() {
    String user = f.user(1);
    f.sim.users().text(DEFAULT_APPID, user, "hi");

    for (int i = 0; i < 5; i++) {
      assertThat(errcode(send(user, text("answer " + i)))).isZero();
    }
    assertThat(errcode(send(user, text("one too many")))).isEqualTo(45047);
    assertThat(f.sim.truth().deliveriesTo(DEFAULT_APPID, user))
        .extracting(d -> d.text())
        .containsExactly("answer 0", "answer 1", "answer 2", "answer 3", "answer 4");
  }

  @Test
  void theWindowCloses() {
    String user = f.user(2);
    f.sim.users().text(DEFAULT_APPID, user, "hi");
    f.advance(Duration.ofHours(48));

    assertThat(errcode(send(user, text("late")))).isEqualTo(45015);
  }

  @Test
  void aFollowOpensOneMinuteForThreeMessages() {
    f.sim.users().follow(DEFAULT_APPID, "oNewUser0001");

    assertThat(errcode(send("oNewUser0001", text("welcome")))).isZero();
    f.clock.advance(Duration.ofMinutes(1));
    assertThat(errcode(send("oNewUser0001", text("too late")))).isEqualTo(45015);
  }

  @Test
  void anUnfollowedUserCannotBeMessagedAndAnUnknownOneIsInvalid() {
    String user = f.user(3);
    f.sim.users().text(DEFAULT_APPID, user, "hi");
    f.sim.users().unfollow(DEFAULT_APPID, user);

    assertThat(errcode(send(user, text("bye?")))).isEqualTo(45015);
    assertThat(errcode(send("oNobody", text("?")))).isEqualTo(40003);
  }

  @Test
  void everyMessageTypeIsCheckedAsWeChatDoes() {
    String user = f.user(4);
    f.sim.users().text(DEFAULT_APPID, user, "hi");
    String image = f.upload("image");

    assertThat(
            errcode(send(user, "\"msgtype\":\"image\",\"image\":{\"media_id\":\"" + image + "\"}")))
        .isZero();
    assertThat(
            errcode(
                send(user, "\"msgtype\":\"image\",\"image\":{\"media_id\":\"never-uploaded\"}")))
        .isEqualTo(40007);
    assertThat(
            errcode(send(user, "\"msgtype\":\"voice\",\"voice\":{\"media_id\":\"" + image + "\"}")))
        .as("an image id is not a voice")
        .isEqualTo(40007);
    assertThat(errcode(send(user, news(2)))).as("one article since 2018").isEqualTo(45008);
    assertThat(errcode(send(user, "\"msgtype\":\"hologram\",\"hologram\":{}"))).isEqualTo(40008);
    assertThat(errcode(send(user, news(1)))).isZero();
    assertThat(
            errcode(
                send(
                    user,
                    "\"msgtype\":\"msgmenu\",\"msgmenu\":{\"list\":[{\"id\":\"1\",\"content\":\"yes\"}]},"
                        + "\"customservice\":{\"kf_account\":\"a@shop\"}")))
        .isZero();
  }

  private tools.jackson.databind.JsonNode send(String touser, String message) {
    return f.call("message/custom/send", "{\"touser\":\"" + touser + "\"," + message + "}");
  }

  private static String text(String content) {
    return "\"msgtype\":\"text\",\"text\":{\"content\":\"" + content + "\"}";
  }

  private static String news(int articles) {
    String article =
        "{\"title\":\"t\",\"description\":\"d\",\"url\":\"https://x\",\"picurl\":\"https://p\"}";
    return "\"msgtype\":\"news\",\"news\":{\"articles\":["
        + String.join(",", java.util.Collections.nCopies(articles, article))
        + "]}";
  }
}
