package io.wxrelay.sim.push;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.sim.SimFixture;
import org.junit.jupiter.api.Test;

/** The simulator's own bursts of scans: bounded in number, and stopped when it closes. */
class PacedScansTest {
  @Test
  void closingStopsEveryBurstAndNoMoreThanTheBoundRunAtOnce() {
    try (SimFixture f = new SimFixture()) {
      String ticket =
          f.call(
                  "qrcode/create",
                  "{\"action_name\":\"QR_STR_SCENE\",\"expire_seconds\":600,"
                      + "\"action_info\":{\"scene\":{\"scene_str\":\"door\"}}}")
              .path("ticket")
              .asString();
      PacedScans scans = new PacedScans(f.sim.users(), f.clock);
      for (int i = 0; i < PacedScans.MAX_RUNNING; i++) {
        scans.start(DEFAULT_APPID, ticket, "oLong" + i + "_", 6_000, 10); // ten minutes each
      }

      assertThat(scans.running()).isEqualTo(PacedScans.MAX_RUNNING);
      assertThatThrownBy(() -> scans.start(DEFAULT_APPID, ticket, "oMore_", 1, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bursts of scans are running");
      scans.close();
      assertThat(scans.running()).as("each burst stopped within close").isZero();
    }
  }
}
