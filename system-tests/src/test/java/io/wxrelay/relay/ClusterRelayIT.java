package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's cluster block, as a new user runs it: {@code KAFKA_BROKERS=3 scripts/up.sh} starts a
 * three-node Kafka cluster of its own and the whole relay on it (topics replicated three times),
 * {@code scripts/kafka.sh status} reports three nodes, a QR code goes through, and {@code
 * scripts/down.sh} stops every process, each Kafka node included.
 */
@ExtendWith(RealInfrastructure.class)
class ClusterRelayIT {
  private static final int OFFSET = 19000;

  @Test
  void theReadmesClusterBlockRunsAsWritten(RedisEndpoint redis) throws Exception {
    LocalRelay relay = LocalRelay.withItsOwnKafka(redis, OFFSET);
    List<String> lines =
        Readme.bashBlockAfter("On three brokers, these run as written:").lines().toList();
    assertThat(lines).first().asString().startsWith("KAFKA_BROKERS=3 scripts/up.sh");
    try {
      long start = System.nanoTime();
      Shell.Run up = run(relay, lines.get(0));
      System.out.printf(
          "KAFKA_BROKERS=3 scripts/up.sh: ready after %d s%n",
          (System.nanoTime() - start) / 1_000_000_000);
      assertThat(up.exitCode()).as(up.transcript()).isZero();
      assertThat(up.out()).as("topics replicated three times").contains("replication factor 3");
      assertThat(kafkaPids(relay)).hasSize(3);

      Shell.Run status = run(relay, lines.get(1));
      assertThat(status.exitCode()).as(status.transcript()).isZero();
      assertThat(status.out()).contains("3 of 3 node(s)");

      Shell.Run qr = run(relay, lines.get(2));
      assertThat(qr.exitCode()).as(qr.transcript()).isZero();
      assertThat(qr.out()).contains("SUCCEEDED");
    } finally {
      List<Long> nodes = kafkaPids(relay);
      Shell.Run down = run(relay, "scripts/down.sh");
      assertThat(down.exitCode()).as(down.transcript()).isZero();
      for (long pid : nodes) {
        ProcessHandle.of(pid)
            .ifPresent(
                p -> assertThat(p.isAlive()).as("kafka node pid %d after down", pid).isFalse());
      }
      relay.downLeavingNothing();
    }
  }

  /** Runs one README line, its leading {@code NAME=value} words as its environment. */
  private static Shell.Run run(LocalRelay relay, String line) {
    List<String> words = new ArrayList<>(Arrays.asList(Readme.words(line)));
    Map<String, String> env = new HashMap<>(relay.env);
    while (!words.isEmpty() && words.getFirst().matches("[A-Z_]+=.*")) {
      String[] assignment = words.removeFirst().split("=", 2);
      env.put(assignment[0], assignment[1]);
    }
    return Shell.run(env, LocalRelay.BOUND, words.toArray(String[]::new));
  }

  /** The PIDs of the Kafka nodes up.sh started, from their pid files. */
  private static List<Long> kafkaPids(LocalRelay relay) throws Exception {
    List<Long> pids = new ArrayList<>();
    try (var dirs = Files.list(relay.runDir)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("kafka-")).toList()) {
        Path pid = dir.resolve("broker.pid");
        if (Files.exists(pid)) {
          pids.add(Long.parseLong(Files.readString(pid).strip()));
        }
      }
    }
    return pids;
  }
}
