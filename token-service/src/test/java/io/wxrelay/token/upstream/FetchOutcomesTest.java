package io.wxrelay.token.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchOutcomesTest {
  private static final tools.jackson.databind.json.JsonMapper JSON = ContractCodec.newMapper();

  @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "200 | {\"access_token\":\"T\",\"expires_in\":7200}                       | Issued",
        "200 | {\"errcode\":40013,\"errmsg\":\"invalid appid rid: 1\"}             | ConfigError",
        "200 | {\"errcode\":40125,\"errmsg\":\"invalid appsecret rid: 1\"}         | ConfigError",
        "200 | {\"errcode\":40164,\"errmsg\":\"invalid ip 1.2.3.4, not in whitelist\"} | ConfigError",
        "200 | {\"errcode\":40001,\"errmsg\":\"invalid credential\"}              | ConfigError",
        "200 | {\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"} | QuotaExhausted",
        "200 | {\"errcode\":-1,\"errmsg\":\"system error\"}                         | Transient",
        "200 | {\"errcode\":45011,\"errmsg\":\"minute quota\"}                     | Transient",
        "502 | {}                                                                  | Transient",
        "200 | []                                                                  | Transient"
      })
  void eachAnswerHasOneClass(int status, String body, String expected) {
    FetchOutcome outcome = FetchOutcomes.classify(status, JSON.readTree(body));

    assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"timeout", "reset"})
  void networkTroubleIsTransientAndNamesNoUrl(String kind) {
    IOException e =
        kind.equals("timeout")
            ? new SocketTimeoutException("timeout GET https://api/cgi-bin/token?secret=s3cr3t")
            : new IOException("reset on https://api/cgi-bin/token?secret=s3cr3t");

    FetchOutcome outcome = FetchOutcomes.classify(e);

    assertThat(outcome).isInstanceOf(FetchOutcome.Transient.class);
    assertThat(outcome.toString()).doesNotContain("s3cr3t");
  }

  @ParameterizedTest
  @CsvSource({"40125"})
  void theReasonDropsWeChatsRequestIdSuffix(int errcode) {
    FetchOutcome outcome =
        FetchOutcomes.classify(
            200,
            JSON.readTree(
                "{\"errcode\":" + errcode + ",\"errmsg\":\"invalid appsecret rid: 64b\"}"));

    assertThat(((FetchOutcome.ConfigError) outcome).reason())
        .isEqualTo("errcode 40125 invalid appsecret");
  }
}
