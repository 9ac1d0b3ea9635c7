package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/** {@link ContractCodec#lazy()} accepts and refuses exactly what the eager codec does. */
class LazyCodecTest {
  private static final ContractCodec EAGER = ContractCodec.create();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void aFreshLazyCodecReadsAndWritesEachTypeAsTheEagerOne(EventType type) {
    ContractCodec lazy = ContractCodec.lazy();
    byte[] example = Examples.bytes(type);

    CloudEvent<?> event = lazy.decode(example);

    assertThat(event).isEqualTo(EAGER.decode(example));
    assertThat(lazy.encode(event)).isEqualTo(EAGER.encode(event));
  }

  @Test
  void refusesABrokenCommandWithTheEagerCodecsProblems() {
    ObjectNode broken = (ObjectNode) EAGER.mapper().readTree(Examples.bytes(EventType.CUSTOM_SEND));
    ((ObjectNode) broken.get("data")).remove("touser");
    byte[] value = EAGER.mapper().writeValueAsBytes(broken);

    ContractViolation lazily =
        catchThrowableOfType(ContractViolation.class, () -> ContractCodec.lazy().decode(value));
    ContractViolation eagerly =
        catchThrowableOfType(ContractViolation.class, () -> EAGER.decode(value));

    assertThat(lazily).isNotNull();
    assertThat(lazily.kind()).isEqualTo(eagerly.kind());
    assertThat(lazily.problems()).isEqualTo(eagerly.problems());
  }

  @Test
  void threadsThatCheckANewTypeAtTheSameTimeAllGetItsAnswer() throws Exception {
    ContractCodec lazy = ContractCodec.lazy();
    byte[] example = Examples.bytes(EventType.MASS_SEND);
    Callable<CloudEvent<?>> decode = () -> lazy.decode(example);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CloudEvent<?>>> decoded = pool.invokeAll(List.of(decode, decode, decode, decode));
      for (Future<CloudEvent<?>> one : decoded) {
        assertThat(one.get()).isEqualTo(EAGER.decode(example));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
