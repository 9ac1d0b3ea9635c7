package io.wxrelay.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  @Test
  void anOffsetIsCommittableOnlyWhenEveryEarlierRecordIsDone() {
    PartitionProgress p = new PartitionProgress();
    var a = p.track(10);
    var b = p.track(11);
    var c = p.track(12);

    c.done = true;
    assertThat(p.toCommit()).isEmpty();
    a.done = true;
    assertThat(p.toCommit()).isEqualTo(OptionalLong.of(11));
    p.committed(11);
    assertThat(p.toCommit()).isEmpty();
    b.done = true;
    assertThat(p.toCommit()).isEqualTo(OptionalLong.of(13));
  }

  @Test
  void anAbandonedRecordHoldsBackTheCommit() {
    PartitionProgress p = new PartitionProgress();
    p.track(0);
    var later = p.track(1);
    later.done = true;
    assertThat(p.toCommit()).isEmpty();
    assertThat(p.outstanding()).isEqualTo(2);
  }
}
