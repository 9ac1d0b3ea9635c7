package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import org.junit.jupiter.api.Test;

class ResultLinesTest {
  private static String describe(String json) {
    return ResultLines.describe(ContractCodec.newMapper().readTree(json));
  }

  @Test
  void aBroadcastLineNamesItsMsgIdAndTheMediaItsStepsUploaded() {
    assertThat(
            describe(
                """
                {"status": "SUCCEEDED", "attempts": 1, "chunks": [{}],
                 "response": {"msg_id": 1001, "media": {"thumb-0": "thumb_1", "news": "news_2"}}}
                """))
        .isEqualTo("SUCCEEDED after 1 attempt, 1 chunk msg_id=1001 thumb-0=thumb_1 news=news_2");
  }

  @Test
  void anUploadLineNamesItsMediaIdAndWhenItExpires() {
    assertThat(
            describe(
                """
                {"status": "SUCCEEDED", "attempts": 2,
                 "response": {"type": "image", "media_id": "image_9", "created_at": 100,
                              "expires_at": 259300}}
                """))
        .isEqualTo("SUCCEEDED after 2 attempts media_id=image_9 expires_at=259300");
  }

  @Test
  void aFailureLineSaysWeChatsErrorAndTheReason() {
    assertThat(
            describe(
                """
                {"status": "FAILED", "attempts": 1, "errcode": 45028,
                 "errmsg": "has no masssend quota", "reason": "quota spent"}
                """))
        .isEqualTo("FAILED after 1 attempt (errcode 45028: has no masssend quota) - quota spent");
  }
}
