package io.wxrelay.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {
  @Test
  void aLaneRunsInOrderWhileAnotherLaneRunsAlongside() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (KeyedLanes lanes = new KeyedLanes()) {
      lanes.run(
          "a",
          () -> {
            waitFor(release);
            ran.add("a1");
          },
          () -> {});
      lanes.run("a", () -> ran.add("a2"), () -> {});
      lanes.run("b", () -> ran.add("b1"), () -> {});

      await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("b1"));
      assertThat(ran).as("a2 waits for a1, b1 does not").containsExactly("b1");
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 3);
      assertThat(ran).containsExactly("b1", "a1", "a2");
    }
  }

  @Test
  void aTaskAfterCloseIsRejectedAndTheLaneGoesOn() {
    KeyedLanes lanes = new KeyedLanes();
    lanes.close();
    AtomicBoolean rejected = new AtomicBoolean();
    lanes.run("a", () -> {}, () -> rejected.set(true));
    assertThat(rejected).isTrue();
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
