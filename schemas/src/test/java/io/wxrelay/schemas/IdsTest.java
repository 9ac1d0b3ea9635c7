package io.wxrelay.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void anAppidIsWxAndSixteenLettersOrDigits() {
    assertThat(Ids.isAppid("wx5823bf96d3bd56c7")).isTrue();
    assertThat(Ids.isAppid("wx5823bf96d3bd56c")).isFalse();
    assertThat(Ids.isAppid("wx5823bf96d3bd56-7")).isFalse();
    assertThat(Ids.isAppid("xw5823bf96d3bd56c7")).isFalse();
    assertThat(Ids.isAppid(null)).isFalse();
  }

  @Test
  void sha256HexIsTheStandardDigest() {
    // FIPS 180-2's example for "abc".
    assertThat(Ids.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
