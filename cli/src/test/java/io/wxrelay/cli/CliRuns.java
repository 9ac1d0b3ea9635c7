package io.wxrelay.cli;

import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.Shell;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** {@code ./wxrelay} run as a user runs it, and what it left on a topic, for the CLI's ITs. */
public final class CliRuns {
  private static final Duration BOUND = Duration.ofSeconds(60);

  private CliRuns() {}

  /** Runs {@code ./wxrelay args} in {@code env}, for at most a minute. */
  public static Shell.Run wxrelay(Map<String, String> env, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "./wxrelay";
    System.arraycopy(args, 0, command, 1, args.length);
    return Shell.run(env, BOUND, command);
  }

  /** How many records {@code topic} holds (its end offsets, summed). */
  public static long recordsOn(KafkaEndpoint kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      var partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(15, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      return admin.listOffsets(partitions).all().get(15, TimeUnit.SECONDS).values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    }
  }
}
