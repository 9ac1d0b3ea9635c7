package io.wxrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A replicated Kafka cluster of one test's own: {@code scripts/kafka.sh} with {@code KAFKA_BROKERS}
 * nodes (each a broker and a controller) on free loopback ports, data under {@code target/}. Each
 * node is its own process, killed ({@code kill -9}) or stopped by the PID the script wrote, and
 * started again with its data. Topics created through {@link #endpoint} have replication factor 3
 * and {@code min.insync.replicas} 2.
 */
public final class OwnCluster implements AutoCloseable {
  private static final Duration BOUND = Duration.ofMinutes(3);

  private final Map<String, String> env;
  private final List<Integer> ports;
  private final Path runDir;

  private OwnCluster(List<Integer> ports, List<Integer> controllerPorts, Path runDir) {
    this.ports = List.copyOf(ports);
    this.runDir = runDir;
    this.env =
        Map.of(
            "KAFKA_BROKERS", Integer.toString(ports.size()),
            "KAFKA_PORTS", join(ports),
            "KAFKA_CONTROLLER_PORTS", join(controllerPorts),
            "KAFKA_HEAP_MB", "384",
            "WXRELAY_RUN_DIR", runDir.toString());
  }

  /** Starts a new cluster of {@code nodes}; fails with the script's output when it cannot. */
  public static OwnCluster start(int nodes) {
    List<Integer> ports = new ArrayList<>();
    List<Integer> controllerPorts = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      ports.add(FreePort.next());
      controllerPorts.add(FreePort.next());
    }
    Path runDir =
        Path.of("target", "own-cluster-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    OwnCluster cluster = new OwnCluster(ports, controllerPorts, runDir);
    cluster.script("start");
    return cluster;
  }

  public String bootstrapServers() {
    return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** The cluster as a test's Kafka: its topics replicated on three nodes. */
  public KafkaEndpoint endpoint() {
    return new KafkaEndpoint(
        bootstrapServers(), "this test's own cluster", (short) Math.min(3, ports.size()));
  }

  public int size() {
    return ports.size();
  }

  /** Node {@code node}'s process id (1-based, as scripts/kafka.sh numbers them). */
  public long pid(int node) {
    try {
      return Long.parseLong(
          Files.readString(runDir.resolve("kafka-cluster-" + ports.get(node - 1) + "/broker.pid"))
              .strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills node {@code node} with SIGKILL, by its PID, and waits for its end. */
  public void kill9(int node) {
    long pid = pid(node);
    ProcessHandle process =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException("kafka node " + node + " is gone"));
    process.destroyForcibly();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("kafka node " + node + " did not die", e);
    }
  }

  /** Stops node {@code node} as an operator does: SIGTERM, a controlled shutdown. */
  public void stopNode(int node) {
    script("stop-node", Integer.toString(node));
  }

  /** Starts node {@code node} again and returns once the cluster lists it alive. */
  public void startNode(int node) {
    script("start-node", Integer.toString(node));
  }

  /** The node id (1-based) leading each partition of {@code topic}; -1 for none. */
  public Map<Integer, Integer> leaders(String topic) {
    Map<Integer, Integer> leaders = new HashMap<>();
    for (TopicPartitionInfo p : describe(List.of(topic)).get(topic).partitions()) {
      Node leader = p.leader();
      leaders.put(p.partition(), leader == null || leader.isEmpty() ? -1 : leader.id());
    }
    return leaders;
  }

  /** The node that leads most partitions of {@code topic}. */
  public int busiestLeader(String topic) {
    return leaders(topic).values().stream()
        .filter(id -> id > 0)
        .collect(Collectors.groupingBy(id -> id, Collectors.counting()))
        .entrySet()
        .stream()
        .max(Map.Entry.comparingByValue())
        .orElseThrow()
        .getKey();
  }

  /**
   * Waits until every partition of {@code topics} has all its replicas in sync again (a node back
   * from a restart has caught up), at most {@code bound}.
   */
  public void awaitFullIsr(Collection<String> topics, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      boolean full =
          describe(topics).values().stream()
              .flatMap(d -> d.partitions().stream())
              .allMatch(p -> p.isr().size() == p.replicas().size() && p.leader() != null);
      if (full) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("replicas of " + topics + " not in sync within " + bound);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private Map<String, TopicDescription> describe(Collection<String> topics) {
    try (Admin admin = Admin.create(endpoint().adminProperties())) {
      return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not describe " + topics + " on " + this, e);
    }
  }

  private void script(String... args) {
    List<String> command = new ArrayList<>(List.of("scripts/kafka.sh"));
    command.addAll(List.of(args));
    Shell.Run run = Shell.run(env, BOUND, command.toArray(String[]::new));
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "scripts/kafka.sh " + String.join(" ", args) + " failed:\n" + run.transcript());
    }
  }

  private static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Stops every node (SIGTERM, SIGKILL after 60 s). */
  @Override
  public void close() {
    script("stop");
  }

  @Override
  public String toString() {
    return "cluster " + bootstrapServers();
  }
}
