package io.wxrelay.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TopicReader#partitionForKey}: the partition the Kafka producer's default partitioner
 * writes a keyed record to, which is where {@code --wait} reads a command's result.
 */
class PartitionForKeyTest {
  @ParameterizedTest
  @CsvSource({
    "cli-2f1d7a8e-0c53-4f43-9a56-2b8f0e0f6f11, 12",
    "order-98123-shipped, 12",
    "crm-2026-11-22-vip-notice, 3",
    "x, 1",
    "数据-命令, 7"
  })
  void isTheProducersPartitionForTheKey(String key, int partitions) {
    int expected =
        BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);

    assertThat(TopicReader.partitionForKey(key, partitions)).isEqualTo(expected);
  }
}
