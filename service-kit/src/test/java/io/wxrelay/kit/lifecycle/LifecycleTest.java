package io.wxrelay.kit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void closesPartsInReverseOrderOfRegistration() {
    List<String> closed = new ArrayList<>();
    Lifecycle lifecycle = new Lifecycle("test");
    lifecycle.register("producer", () -> closed.add("producer"));
    lifecycle.register("consumer", () -> closed.add("consumer"));

    lifecycle.close();

    assertThat(closed).containsExactly("consumer", "producer");
  }

  @Test
  void aPartThatFailsToCloseDoesNotStopTheOthers() {
    List<String> closed = new ArrayList<>();
    Lifecycle lifecycle = new Lifecycle("test");
    lifecycle.register("first", () -> closed.add("first"));
    lifecycle.register(
        "broken",
        () -> {
          throw new IllegalStateException("boom");
        });

    lifecycle.close();

    assertThat(closed).containsExactly("first");
  }

  @Test
  void closingTwiceClosesOnce() {
    List<String> closed = new ArrayList<>();
    Lifecycle lifecycle = new Lifecycle("test");
    lifecycle.register("part", () -> closed.add("part"));

    lifecycle.close();
    lifecycle.close();

    assertThat(closed).containsExactly("part");
    assertThatThrownBy(() -> lifecycle.register("late", () -> {}))
        .isInstanceOf(IllegalStateException.class);
  }
}
