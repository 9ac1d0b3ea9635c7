package io.wxrelay.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloudEventTest {
  @Test
  void aDerivedIdIsThePrefixAndTheIdWhileThatFits() {
    assertThat(CloudEvent.derivedId("result-", "crm-42")).isEqualTo("result-crm-42");
    String longest = "x".repeat(CloudEvent.ID_MAX_LENGTH - "dead-".length());
    assertThat(CloudEvent.derivedId("dead-", longest)).isEqualTo("dead-" + longest);
  }

  @Test
  void aDerivedIdThatWouldNotFitIsTheIdsDigestStableAndDistinct() {
    String a = "a".repeat(CloudEvent.ID_MAX_LENGTH);
    String b = "a".repeat(CloudEvent.ID_MAX_LENGTH - 1) + "b";

    String derived = CloudEvent.derivedId("result-", a);

    assertThat(derived).startsWith("result-sha256-").hasSize("result-sha256-".length() + 64);
    assertThat(CloudEvent.isValidId(derived)).isTrue();
    assertThat(CloudEvent.derivedId("result-", a)).isEqualTo(derived);
    assertThat(CloudEvent.derivedId("result-", b)).isNotEqualTo(derived);
  }

  @Test
  void aValidIdHasOneTo128Characters() {
    assertThat(CloudEvent.isValidId(null)).isFalse();
    assertThat(CloudEvent.isValidId("")).isFalse();
    assertThat(CloudEvent.isValidId("x")).isTrue();
    assertThat(CloudEvent.isValidId("x".repeat(128))).isTrue();
    assertThat(CloudEvent.isValidId("x".repeat(129))).isFalse();
  }
}
