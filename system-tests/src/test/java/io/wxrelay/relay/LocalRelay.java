package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.FreePort;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A relay that a test starts with {@code scripts/up.sh} and stops with {@code scripts/down.sh},
 * beside any other: its ports are moved by {@code WXRELAY_PORT_OFFSET}, its pid files and logs live
 * under {@code system-tests/target/}, and its topics, consumer groups and Redis keys carry this
 * run's names.
 */
final class LocalRelay {
  static final Duration BOUND = Duration.ofMinutes(4);

  /** The relay's highest port before its offset: a secure Kafka node's controller port. */
  private static final int HIGHEST_BASE_PORT = 9193;

  /** The lowest offset whose ports (from 6379 + offset) are above FreePort's. */
  private static final int LOWEST_OFFSET = 18_000;

  final Map<String, String> env = new HashMap<>();
  final Path runDir;
  final int offset;
  private final RedisEndpoint redis;
  private final List<String> prefixes = new ArrayList<>();
  private final List<Long> pids = new ArrayList<>();
  private Shell.Run lastUp;

  LocalRelay(KafkaEndpoint kafka, RedisEndpoint redis, int offset) throws IOException {
    this(redis, offset);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
  }

  /**
   * A relay whose {@code scripts/up.sh} starts Kafka itself (its own, in this run's folder, on
   * ports moved by {@code offset}): {@code KAFKA_BROKERS} says how many nodes.
   */
  static LocalRelay withItsOwnKafka(RedisEndpoint redis, int offset) throws IOException {
    LocalRelay relay = new LocalRelay(redis, offset);
    relay.env.put("KAFKA_PORT", Integer.toString(9092 + offset));
    relay.env.put("KAFKA_CONTROLLER_PORT", Integer.toString(9093 + offset));
    relay.env.put("KAFKA_HEAP_MB", "384");
    // Not the test command's Kafka: up.sh starts its own (an empty value is unset to the scripts).
    relay.env.put("KAFKA_BOOTSTRAP_SERVERS", "");
    relay.env.put("KAFKA_REPLICATION_FACTOR", "");
    relay.env.put("KAFKA_PORTS", "");
    relay.env.put("KAFKA_CONTROLLER_PORTS", "");
    return relay;
  }

  private LocalRelay(RedisEndpoint redis, int offset) throws IOException {
    // A fixed port in the kernel's ephemeral range (32768 and up by default) can be held by any
    // outgoing connection of the test run, and a Kafka node then exits with "Address already in
    // use".
    int ephemeralLow = FreePort.ephemeralLow();
    if (HIGHEST_BASE_PORT + offset >= ephemeralLow || offset < LOWEST_OFFSET) {
      throw new IllegalArgumentException(
          "offset "
              + offset
              + " puts a port of the relay in the kernel's ephemeral range (from "
              + ephemeralLow
              + ") or among FreePort's: keep it from "
              + LOWEST_OFFSET
              + " to "
              + (ephemeralLow - 1 - HIGHEST_BASE_PORT));
    }
    this.redis = redis;
    this.offset = offset;
    String run = UUID.randomUUID().toString().substring(0, 8);
    runDir = Shell.root().resolve("system-tests/target/relay-it-" + run);
    Files.createDirectories(runDir);
    env.put("WXRELAY_RUN_DIR", runDir.toString());
    env.put("WXRELAY_PORT_OFFSET", Integer.toString(offset));
    env.put("WXRELAY_SKIP_BUILD", "1");
    env.put("REDIS_URL", redis.url().toString());
    for (String topic :
        List.of("COMMANDS", "EVENTS", "RESULTS", "COMMANDS_RETRY", "COMMANDS_DLQ")) {
      env.put(
          "WXRELAY_TOPIC_" + topic,
          "it-relay-" + run + "-" + topic.toLowerCase(Locale.ROOT).replace('_', '.'));
    }
    for (String variable :
        List.of("TOKEN_REDIS_PREFIX", "WORKER_REDIS_PREFIX", "GATEWAY_DEDUPE_PREFIX")) {
      String prefix = redis.uniquePrefix("relay-" + variable.toLowerCase(Locale.ROOT));
      prefixes.add(prefix);
      env.put(variable, prefix);
    }
    env.put("WORKER_GROUP_ID", "it-relay-" + run + "-workers");
    env.put("WORKER_EVENTS_GROUP_ID", "it-relay-" + run + "-worker-events");
  }

  int port(int base) {
    return base + offset;
  }

  /** Runs a script of the repository ({@code scripts/up.sh}, {@code ./wxrelay}) as written. */
  Shell.Run run(String... command) {
    return Shell.run(env, BOUND, command);
  }

  Shell.Run wxrelay(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "./wxrelay";
    System.arraycopy(args, 0, command, 1, args.length);
    return run(command);
  }

  /**
   * A relay started with {@code scripts/up.sh}; fails with its transcript when it does not start.
   */
  static LocalRelay started(KafkaEndpoint kafka, RedisEndpoint redis, int offset)
      throws IOException {
    LocalRelay relay = new LocalRelay(kafka, redis, offset);
    relay.lastUp = relay.up();
    if (relay.lastUp.exitCode() != 0) {
      // up.sh leaves what it started for down.sh (as it tells a user): a failed start leaves
      // nothing running either, or the next relay test finds its ports taken.
      relay.down(new StringBuilder());
    }
    assertThat(relay.lastUp.exitCode()).as(relay.lastUp.transcript()).isZero();
    return relay;
  }

  /** What the last {@code scripts/up.sh} printed. */
  Shell.Run lastUp() {
    return lastUp;
  }

  /** Runs {@code scripts/up.sh} and remembers every PID it wrote. */
  Shell.Run up() throws IOException {
    Shell.Run up = run("scripts/up.sh");
    Path relay = runDir.resolve("relay");
    if (Files.isDirectory(relay)) {
      try (var files = Files.list(relay)) {
        for (Path pid : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
          pids.add(Long.parseLong(Files.readString(pid).strip()));
        }
      }
    }
    return up;
  }

  List<Long> pids() {
    return List.copyOf(pids);
  }

  /** Runs {@code scripts/down.sh} and fails unless it left nothing of ours behind. */
  void downLeavingNothing() throws IOException {
    StringBuilder transcript = new StringBuilder();
    List<String> left = down(transcript);
    assertThat(left).as("ours after scripts/down.sh: " + transcript).isEmpty();
  }

  /**
   * Runs {@code scripts/down.sh}, removes this run's Redis keys, and returns what of ours is still
   * there: pid files, and processes up.sh started that are alive.
   */
  List<String> down(StringBuilder transcript) throws IOException {
    Shell.Run down = run("scripts/down.sh");
    transcript.append(down.transcript());
    List<String> left = new ArrayList<>();
    if (down.exitCode() != 0) {
      left.add("scripts/down.sh exited " + down.exitCode());
    }
    Path relay = runDir.resolve("relay");
    if (Files.isDirectory(relay)) {
      try (var files = Files.list(relay)) {
        files.filter(f -> f.toString().endsWith(".pid")).forEach(f -> left.add(f + " still there"));
      }
    }
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .ifPresent(p -> left.add("pid " + pid + " alive: " + p.info().commandLine().orElse("?")));
    }
    prefixes.forEach(redis::deleteUnder);
    return left;
  }
}
