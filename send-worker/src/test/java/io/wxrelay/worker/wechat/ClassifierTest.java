package io.wxrelay.worker.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import io.wxrelay.worker.wechat.CallOutcome.Permanent;
import io.wxrelay.worker.wechat.CallOutcome.Refused;
import io.wxrelay.worker.wechat.CallOutcome.Retry;
import io.wxrelay.worker.wechat.CallOutcome.Throttled;
import io.wxrelay.worker.wechat.CallOutcome.TokenExpired;
import io.wxrelay.worker.wechat.CallOutcome.Unknown;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifierTest {
  private final Classifier classifier = new Classifier(Duration.ofMinutes(1));

  private CallOutcome errcode(int code) {
    return classifier.answer(200, Map.of("errcode", code, "errmsg", "e" + code));
  }

  @ParameterizedTest(name = "errcode {0} is {1}")
  @CsvSource({
    "0, Ok",
    "45065, Ok",
    "45171, Ok",
    "40001, TokenExpired",
    "40014, TokenExpired",
    "42001, TokenExpired",
    "-1, Retry",
    "9500002, Retry",
    "268487002, Retry",
    "45066, Retry",
    "45011, Throttled",
    "45009, Refused",
    "45028, Refused",
    "45074, Refused",
    "48005, Permanent",
    "45015, Refused",
    "45047, Refused",
    "43004, Refused",
    "43101, Refused",
    "40037, Permanent",
    "47003, Permanent",
    "40007, Permanent",
    "40008, Permanent",
    "40130, Permanent",
    "48001, Permanent",
    "40003, Permanent",
    "99999, Permanent"
  })
  void eachErrcodeHasItsClass(int code, String variant) {
    assertThat(errcode(code).getClass().getSimpleName()).isEqualTo(variant);
  }

  @Test
  void quotaAndWindowRefusalsNameTheirClass() {
    assertThat(((Refused) errcode(45009)).errorClass()).isEqualTo(ErrorClass.QUOTA);
    // The material library of that kind is full: nothing to retry until material is deleted.
    assertThat(((Refused) errcode(45074)).errorClass()).isEqualTo(ErrorClass.QUOTA);
    assertThat(((Refused) errcode(45047)).errorClass()).isEqualTo(ErrorClass.USER_WINDOW);
    // A template message to a user who refused the account's messages: the user's choice.
    assertThat(((Refused) errcode(43101)).errorClass()).isEqualTo(ErrorClass.USER_WINDOW);
  }

  @Test
  void clientmsgidExistsIsSuccessWithTheExistingMsgId() {
    CallOutcome outcome =
        classifier.answer(
            200, Map.of("errcode", 45065, "errmsg", "clientmsgid exist", "msg_id", 7));
    assertThat(outcome)
        .isInstanceOfSatisfying(Ok.class, ok -> assertThat(ok.fields()).containsEntry("msg_id", 7));
  }

  @Test
  void someOpenidFailIsSuccessWithTheOpenidsThatFailed() {
    CallOutcome outcome =
        classifier.answer(
            200,
            Map.of(
                "errcode",
                45171,
                "errmsg",
                "some openid fail",
                "fail_openid_list",
                List.of("o1", "o9")));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Ok.class,
            ok -> {
              assertThat(ok.errcode()).isEqualTo(45171);
              assertThat(ok.fields()).containsEntry("fail_openid_list", List.of("o1", "o9"));
            });
  }

  @Test
  void retryingAClientmsgidTooFastWaitsTheGap() {
    assertThat(((Retry) errcode(45066)).minWait()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void serverErrorsAreRetriedAndOtherHttpAnswersArePermanent() {
    assertThat(classifier.answer(503, null)).isInstanceOf(Retry.class);
    assertThat(classifier.answer(429, null)).isInstanceOf(Retry.class);
    // Behind a gateway's 502 or 504, or a 500, WeChat may have acted: in doubt, never repeated
    // blindly.
    assertThat(classifier.answer(500, null)).isInstanceOf(Unknown.class);
    assertThat(classifier.answer(502, null)).isInstanceOf(Unknown.class);
    assertThat(classifier.answer(504, null)).isInstanceOf(Unknown.class);
    assertThat(classifier.answer(404, null)).isInstanceOf(Permanent.class);
    assertThat(classifier.answer(200, null)).isInstanceOf(Permanent.class);
  }

  @Test
  void aFailureBeforeTheRequestWasSentIsRetriedAfterItIsUnknown() {
    assertThat(classifier.failure(new ConnectException("refused"), false))
        .isInstanceOf(Retry.class);
    assertThat(classifier.failure(new SocketTimeoutException("read"), true))
        .isInstanceOf(Unknown.class);
    assertThat(classifier.failure(new IOException("reset"), true).errorClass())
        .isEqualTo(ErrorClass.UNKNOWN);
  }

  @Test
  void okFieldsLeaveOutErrcodeAndErrmsg() {
    Ok ok = (Ok) classifier.answer(200, Map.of("errcode", 0, "errmsg", "ok", "msg_id", 1));
    assertThat(ok.fields()).containsOnlyKeys("msg_id");
    assertThat(classifier.answer(200, Map.of("ticket", "t"))).isInstanceOf(Ok.class);
    assertThat(errcode(45011)).isInstanceOf(Throttled.class);
    assertThat(errcode(42001)).isInstanceOf(TokenExpired.class);
  }
}
