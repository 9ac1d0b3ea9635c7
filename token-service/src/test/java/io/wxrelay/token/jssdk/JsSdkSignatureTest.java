package io.wxrelay.token.jssdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signatures against WeChat's published vectors (docs/wechat-api.md §12.2). */
class JsSdkSignatureTest {
  static final String TICKET =
      "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
  static final String NONCE = "Wm3WZYTPz0wzccnW";
  static final long TIMESTAMP = 1414587457L;

  @Test
  void signsWeChatsOfficialVector() {
    assertThat(
            JsSdkSignature.sign(TICKET, NONCE, TIMESTAMP, "http://mp.weixin.qq.com?params=value"))
        .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
  }

  @Test
  void signsThe2015VectorWithoutQuery() {
    assertThat(JsSdkSignature.sign(TICKET, NONCE, TIMESTAMP, "http://mp.weixin.qq.com"))
        .isEqualTo("f4d90daf4b3bca3078ab155816175ba34c443a7b");
  }

  @Test
  void theFragmentIsNotSigned() {
    assertThat(
            JsSdkSignature.sign(
                TICKET, NONCE, TIMESTAMP, "http://mp.weixin.qq.com?params=value#/order/7?x=1"))
        .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    assertThat(JsSdkSignature.withoutFragment("https://a.example/p?q=1#"))
        .isEqualTo("https://a.example/p?q=1");
    assertThat(JsSdkSignature.withoutFragment("https://a.example/p"))
        .isEqualTo("https://a.example/p");
  }

  @Test
  void theUrlIsSignedAsGivenNotEncoded() {
    String raw = "http://mp.weixin.qq.com?params=a b&x=中";
    String encoded = "http://mp.weixin.qq.com?params=a%20b&x=%E4%B8%AD";
    assertThat(JsSdkSignature.sign(TICKET, NONCE, TIMESTAMP, raw))
        .isNotEqualTo(JsSdkSignature.sign(TICKET, NONCE, TIMESTAMP, encoded));
  }

  @Test
  void noncesAreSixteenLettersOrDigitsAndDiffer() {
    String a = JsSdkSignature.newNonce();
    assertThat(a).matches("[A-Za-z0-9]{16}");
    assertThat(JsSdkSignature.newNonce()).isNotEqualTo(a);
  }

  @Test
  void cardSignatureSortsAndJoinsTheValues() {
    // wechatpy's test_jsapi_get_jsapi_add_card_params
    assertThat(CardSignature.sign(TICKET, NONCE, Long.toString(TIMESTAMP), "random_card_id"))
        .isEqualTo("22dce6bad4db532d4a2ef82ca2ca7bbe1e10ef28")
        .isEqualTo(CardSignature.sign("random_card_id", Long.toString(TIMESTAMP), TICKET, NONCE));
  }
}
