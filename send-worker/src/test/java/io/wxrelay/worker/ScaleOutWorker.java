package io.wxrelay.worker;

import io.wxrelay.testkit.ChildJvm;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One send-worker JVM of the scale-out benchmark: started by PID, stopped with SIGTERM (as
 * Kubernetes stops a pod), its partition changes read from its own log ({@code commands: assigned
 * [...]}, {@code commands: revoked [...]}, {@code commands: lost [...]}).
 */
final class ScaleOutWorker {
  private static final Pattern CHANGE =
      Pattern.compile("^(\\S+) .* - commands: (assigned|revoked|lost) \\[(.*?)\\]");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");

  final String name;
  final Map<String, String> env;
  final ChildJvm jvm;
  final long startedAt;
  private final CompletableFuture<ProcessHandle> exit;
  private volatile long terminatedAt;
  private volatile long exitedAt;

  /** One partition change in a worker's log. */
  record Change(long atMillis, String worker, String kind, List<String> partitions) {}

  private ScaleOutWorker(String name, Map<String, String> env, ChildJvm jvm) {
    this.name = name;
    this.env = env;
    this.jvm = jvm;
    this.startedAt = System.currentTimeMillis();
    this.exit =
        ProcessHandle.of(jvm.pid())
            .map(ProcessHandle::onExit)
            .orElse(CompletableFuture.completedFuture(null));
    exit.thenRun(() -> exitedAt = System.currentTimeMillis());
  }

  static ScaleOutWorker start(
      WorkerFixture f, String name, Map<String, String> env, List<ScaleOutWorker> registry) {
    ScaleOutWorker w = new ScaleOutWorker(name, env, f.childWorker(env));
    synchronized (registry) {
      registry.add(w);
    }
    return w;
  }

  boolean alive() {
    return !exit.isDone();
  }

  /** SIGTERM: the worker drains, commits and leaves (or, when static, just goes). */
  void terminate() {
    terminatedAt = System.currentTimeMillis();
    jvm.terminate();
  }

  /**
   * Waits for the end after {@link #terminate}; returns how long the stop took (ms), or kills the
   * worker (SIGKILL, by PID) and returns -1 when it did not stop within {@code seconds}.
   */
  long awaitExit(long seconds) throws InterruptedException {
    try {
      exit.get(seconds, TimeUnit.SECONDS);
      return exitedTime() - terminatedAt;
    } catch (TimeoutException e) {
      jvm.kill9();
      return -1;
    } catch (java.util.concurrent.ExecutionException e) {
      return exitedTime() - terminatedAt;
    }
  }

  private long exitedTime() {
    long deadline = System.currentTimeMillis() + 1000; // the onExit callback may lag get() a bit
    while (exitedAt == 0 && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    return exitedAt == 0 ? System.currentTimeMillis() : exitedAt;
  }

  /** The partition changes this worker logged, for the commands topic only. */
  List<Change> changes(String commandsTopic) {
    List<Change> out = new ArrayList<>();
    for (String line : jvm.output().split("\n")) {
      Matcher m = CHANGE.matcher(line);
      if (!m.find()) {
        continue;
      }
      long at;
      try {
        at =
            LocalDateTime.parse(m.group(1), LOG_TIME)
                .atZone(ZoneId.systemDefault())
                .toInstant()
                .toEpochMilli();
      } catch (DateTimeParseException e) {
        continue;
      }
      List<String> parts =
          Arrays.stream(m.group(3).split(","))
              .map(String::trim)
              .filter(
                  p ->
                      !p.isEmpty()
                          && (commandsTopic.isEmpty() || p.startsWith(commandsTopic + "-")))
              .toList();
      out.add(new Change(at, name, m.group(2), parts));
    }
    return out;
  }

  /** When this worker was first assigned a partition (commands or retry) after {@code from}. */
  Optional<Long> firstAssignedAfter(String commandsTopic, long from) {
    // Any partition of the commands consumer (commands or retry topic): KIP-848's broker-side
    // uniform assignor may give a member only retry partitions.
    return changes("").stream()
        .filter(c -> c.kind().equals("assigned") && !c.partitions().isEmpty())
        .map(Change::atMillis)
        .filter(t -> t >= from - 1000) // log times are to the ms, ours too; allow clock rounding
        .findFirst();
  }

  /** The last lines of the worker's output, for a failure message. */
  String tail() {
    String[] lines = jvm.output().split("\n");
    return String.join(
        "\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
  }
}
