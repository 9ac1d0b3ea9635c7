package io.wxrelay.worker;

import io.wxrelay.schemas.Topic;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.testkit.OwnCluster;
import io.wxrelay.testkit.RedisEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * bench/scale-out.sh: how send-workers scale out and in on a replicated three-node cluster, under
 * each consumer group protocol ({@code KAFKA_GROUP_PROTOCOL} eager, cooperative, consumer), in one
 * run so that they share the machine's noise. Per protocol, on topics and a group of its own:
 * workers 1 → 2 → 4 → 6 → 3 (child JVMs started, and stopped with SIGTERM), then a rolling restart
 * of the three with dynamic membership, then the same with static membership ({@code
 * WORKER_INSTANCE_ID}); commands/s in the steady part of each step, the pauses after each change,
 * the partitions handed over, and at the end one result for every command written. Prints a
 * Markdown report and writes it to the file named by the first argument. Bounded: fixed step
 * durations, a deadline for the whole run ({@code BENCH_DEADLINE_MINUTES}, 20), every process it
 * started stopped by PID, also on failure.
 */
public final class ScaleOutBenchmark {
  private static final SimRules RULES = SimRules.wechat().withMessageWindowQuota(1_000_000_000);
  private static final int USERS = 2000;
  private static final int PARTITIONS = 12;
  private static final int LATENCY_MS = 50;
  private static final int[] STEPS = {1, 2, 4, 6, 3};
  private static final String CLASSIC_SESSION_MS = "30000";
  private static final String CLASSIC_HEARTBEAT_MS = "3000";

  private static final List<ScaleOutWorker> STARTED = new ArrayList<>();
  private static final List<ProtocolRun> RUNS = new ArrayList<>();
  private static final AtomicBoolean CLEANED = new AtomicBoolean();
  private static volatile OwnCluster cluster;
  private static final Instant BEGUN = Instant.now();

  private static final int STEP_SECONDS = intEnv("BENCH_STEP_SECONDS", 15);
  private static final int IN_FLIGHT = intEnv("BENCH_IN_FLIGHT", 6);
  private static final int BACKLOG = intEnv("BENCH_BACKLOG", 4000);

  private ScaleOutBenchmark() {}

  /** One scale step: the change that began it, and what followed until the next. */
  record Step(String change, int workers, long at, long end, double cpuBusy, long stopMillis) {}

  /** One restart of a rolling restart. */
  record Restart(int n, long at, long stopMillis, long backMillis, long end) {}

  /** A protocol's run; {@code failure} set when it could not be run to the end. */
  static final class ProtocolRun {
    final String protocol;
    final String timeouts;
    final List<Step> steps = new ArrayList<>();
    final Map<String, List<Restart>> restarts = new HashMap<>();
    final List<String> notes = new ArrayList<>();
    ScaleOutTraffic.Integrity integrity;
    ScaleOutTraffic.Timeline timeline;
    List<ScaleOutWorker.Change> changes = List.of();
    String failure;

    ProtocolRun(String protocol, String timeouts) {
      this.protocol = protocol;
      this.timeouts = timeouts;
    }
  }

  public static void main(String[] args) throws Exception {
    Path out = args.length > 0 ? Path.of(args[0]) : null;
    List<String> protocols =
        List.of(
            System.getenv()
                .getOrDefault("BENCH_PROTOCOLS", "eager,cooperative,consumer")
                .split(","));
    Duration deadline = Duration.ofMinutes(intEnv("BENCH_DEADLINE_MINUTES", 20));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(out)));
    startDeadline(out, deadline);
    RedisEndpoint redis =
        new RedisEndpoint(
            URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379")), "env");
    try {
      log("starting a 3-node cluster");
      cluster = OwnCluster.start(3);
      log("cluster " + cluster.bootstrapServers());
      for (String protocol : protocols) {
        runAndRecord(redis, protocol);
      }
    } finally {
      String report = write(out, "");
      System.out.println(report);
      cleanUp();
    }
  }

  /** The shutdown hook: whatever ended the run, the report so far is kept and every PID stopped. */
  private static void onShutdown(Path out) {
    if (!CLEANED.get()) { // stopped from outside, or the deadline: keep what we have
      write(out, "\n**The run was stopped before its end.**\n");
    }
    cleanUp();
  }

  /** A daemon thread that ends the whole run once {@code deadline} has passed. */
  private static void startDeadline(Path out, Duration deadline) {
    Thread.ofPlatform()
        .daemon()
        .name("deadline")
        .start(
            () -> {
              try {
                Thread.sleep(deadline.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("scale-out: deadline of " + deadline + " passed; stopping");
              write(
                  out, "\n**The run passed its deadline of " + deadline + " and was stopped.**\n");
              System.exit(3); // the shutdown hook stops every worker and the cluster by PID
            });
  }

  /** Runs one protocol; a failure is recorded in its run (and the report), not thrown. */
  private static void runAndRecord(RedisEndpoint redis, String protocol) {
    ProtocolRun run = new ProtocolRun(protocol, timeouts(protocol));
    synchronized (RUNS) {
      RUNS.add(run);
    }
    try {
      runProtocol(redis, run);
    } catch (Exception | AssertionError e) {
      run.failure = e.toString();
      log(protocol + " FAILED: " + e);
      e.printStackTrace();
    }
  }

  private static String timeouts(String protocol) {
    return protocol.equals("consumer")
        ? "broker's group.consumer.session.timeout.ms / heartbeat (defaults 45 s / 5 s)"
        : "session "
            + CLASSIC_SESSION_MS
            + " ms, heartbeat "
            + CLASSIC_HEARTBEAT_MS
            + " ms (client)";
  }

  private static void runProtocol(RedisEndpoint redis, ProtocolRun run) throws Exception {
    String protocol = run.protocol;
    log(protocol + ": fixture");
    try (WorkerFixture f = new WorkerFixture(cluster.endpoint(), redis, RULES, PARTITIONS, USERS)) {
      f.sim.faults().configure("message/custom/send: latency=" + LATENCY_MS + "ms");
      String tag = "so-" + protocol + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
      Members members = new Members(f, run);
      Map<String, String> base = workerEnv(protocol);
      try (ScaleOutTraffic traffic = new ScaleOutTraffic(f, tag, BACKLOG, 1000, USERS)) {
        // 1. scale out and in, dynamic members
        for (int target : STEPS) {
          scaleTo(members, base, target);
        }
        // 2. rolling restart, dynamic members
        rollingRestart(members, "dynamic");
        // 3. replace the dynamic members with static ones, then roll those
        replaceWithStatics(members, base);
        log(protocol + ": three static members");
        Thread.sleep(STEP_SECONDS * 1000L / 2);
        rollingRestart(members, "static");
        // 4. drain, stop, account for every command
        drainAndAccount(members, traffic);
      } finally {
        members.stopAnyAlive();
      }
    }
  }

  /**
   * The workers of one protocol's run: {@code mine}, every one started (restarts included), and
   * {@code live}, the current members of the group.
   */
  private static final class Members {
    final WorkerFixture f;
    final ProtocolRun run;
    final String commands;
    final List<ScaleOutWorker> mine = new ArrayList<>();
    List<ScaleOutWorker> live = new ArrayList<>();
    int named;

    Members(WorkerFixture f, ProtocolRun run) {
      this.f = f;
      this.run = run;
      this.commands = f.topics.get(Topic.COMMANDS);
    }

    ScaleOutWorker start(String name, Map<String, String> env) {
      ScaleOutWorker w = ScaleOutWorker.start(f, name, env, STARTED);
      mine.add(w);
      return w;
    }

    /** Waits up to 30 s for a terminated worker's end (noting a kill); returns awaitExit's ms. */
    long awaitExit(ScaleOutWorker w) throws InterruptedException {
      long ms = w.awaitExit(30);
      if (ms < 0) {
        run.notes.add(w.name + " did not stop within 30 s of SIGTERM; killed (SIGKILL)");
      }
      return ms;
    }

    /** SIGTERM to all of {@code workers} at once, then waits for each. */
    void stop(List<ScaleOutWorker> workers) throws InterruptedException {
      for (ScaleOutWorker w : workers) {
        w.terminate();
      }
      for (ScaleOutWorker w : workers) {
        awaitExit(w);
      }
    }

    /** The last word, also on failure: every worker of this run still alive is stopped. */
    void stopAnyAlive() throws InterruptedException {
      for (ScaleOutWorker w : mine) {
        if (w.alive()) {
          w.terminate();
          awaitExit(w);
        }
      }
    }
  }

  /**
   * One scale step: starts or stops (SIGTERM) dynamic members until {@code target} are live, holds
   * for the step and records its commands/s window, CPU and the longest stop.
   */
  private static void scaleTo(Members m, Map<String, String> base, int target) throws Exception {
    long at = System.currentTimeMillis();
    List<ScaleOutWorker> stopping = new ArrayList<>();
    String change = m.live.isEmpty() ? "start 1" : m.live.size() + " → " + target;
    while (m.live.size() < target) {
      m.live.add(m.start("d" + ++m.named, base));
    }
    while (m.live.size() > target) {
      ScaleOutWorker w = m.live.removeLast();
      w.terminate();
      stopping.add(w);
    }
    if (change.equals("start 1")) {
      awaitAssigned(m.live.getFirst(), m.commands, at, 90);
      at = System.currentTimeMillis(); // the first step runs from the first assignment
    }
    log(m.run.protocol + ": " + change + " workers");
    double cpu = holdAndSampleCpu(at, STEP_SECONDS);
    long stop = 0;
    for (ScaleOutWorker w : stopping) {
      stop = Math.max(stop, m.awaitExit(w));
    }
    checkAlive(m.live);
    m.run.steps.add(new Step(change, target, at, System.currentTimeMillis(), cpu, stop));
  }

  /**
   * Starts as many static members ({@code WORKER_INSTANCE_ID} s1, s2, …) as there are live dynamic
   * ones, waits until each has partitions, then stops the dynamic ones.
   */
  private static void replaceWithStatics(Members m, Map<String, String> base) throws Exception {
    long swap = System.currentTimeMillis();
    List<ScaleOutWorker> statics = new ArrayList<>();
    for (int i = 1; i <= m.live.size(); i++) {
      Map<String, String> env = new HashMap<>(base);
      env.put("WORKER_INSTANCE_ID", "s" + i);
      statics.add(m.start("s" + i, env));
    }
    for (ScaleOutWorker w : statics) {
      awaitAssigned(w, m.commands, swap, 90);
    }
    m.stop(m.live);
    m.live = statics;
  }

  /**
   * Stops the load, waits (up to 3 min) until every command has a result and a while longer for a
   * late duplicate, stops the workers, and records the run's integrity, timeline and handovers.
   */
  private static void drainAndAccount(Members m, ScaleOutTraffic traffic) throws Exception {
    String protocol = m.run.protocol;
    traffic.stopProducing();
    long drainBy = System.currentTimeMillis() + 180_000;
    while (traffic.missing() > 0 && System.currentTimeMillis() < drainBy) {
      Thread.sleep(250);
    }
    Thread.sleep(3000); // a late duplicate would show up here
    m.stop(m.live);
    Thread.sleep(2000);
    m.run.integrity = traffic.integrity();
    m.run.timeline = traffic.timeline();
    m.run
        .timeline
        .byPartition()
        .forEach((p, t) -> log(protocol + ": partition " + p + ": " + t.length + " results"));
    List<ScaleOutWorker.Change> changes = new ArrayList<>();
    m.mine.forEach(w -> changes.addAll(w.changes(m.commands)));
    m.run.changes = changes;
    log(protocol + ": " + m.run.integrity);
  }

  /**
   * Restarts each of {@code live} in turn: SIGTERM, wait for its end, start it again with the same
   * settings, wait until it has partitions again, then hold a while before the next.
   */
  private static void rollingRestart(Members m, String membership) throws Exception {
    List<Restart> restarts = new ArrayList<>();
    m.run.restarts.put(membership, restarts);
    for (int i = 0; i < m.live.size(); i++) {
      ScaleOutWorker old = m.live.get(i);
      long at = System.currentTimeMillis();
      old.terminate();
      long stop = m.awaitExit(old);
      ScaleOutWorker again = m.start(old.name + "'", old.env);
      m.live.set(i, again);
      long back = awaitAssigned(again, m.commands, at, 90);
      log(
          m.run.protocol
              + ": "
              + membership
              + " restart "
              + (i + 1)
              + " back after "
              + (back - at));
      Thread.sleep(Math.max(8, STEP_SECONDS / 2) * 1000L);
      checkAlive(m.live);
      restarts.add(new Restart(i + 1, at, stop, back - at, System.currentTimeMillis()));
    }
  }

  /** Waits until {@code w} logs an assignment of a commands partition; returns its log time. */
  private static long awaitAssigned(ScaleOutWorker w, String commands, long since, int seconds)
      throws InterruptedException {
    long until = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < until) {
      var at = w.firstAssignedAfter(commands, since);
      if (at.isPresent()) {
        return at.get();
      }
      if (!w.alive()) {
        throw new IllegalStateException(
            "worker " + w.name + " exited before it was assigned a partition:\n" + w.tail());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "worker " + w.name + " had no partition " + seconds + " s after it started:\n" + w.tail());
  }

  private static void checkAlive(List<ScaleOutWorker> live) {
    for (ScaleOutWorker w : live) {
      if (!w.alive()) {
        throw new IllegalStateException("worker " + w.name + " exited by itself:\n" + w.tail());
      }
    }
  }

  /**
   * Sleeps until {@code seconds} after {@code at}; returns the machine's CPU busy share (all cores,
   * from /proc/stat) over the steady part of that time (the last 60 %).
   */
  private static double holdAndSampleCpu(long at, int seconds) throws InterruptedException {
    long steadyFrom = at + steadySkip(seconds);
    sleepUntil(steadyFrom);
    long[] a = cpuTicks();
    sleepUntil(at + seconds * 1000L);
    long[] b = cpuTicks();
    long total = b[0] - a[0];
    return total <= 0 ? Double.NaN : 100.0 * (b[1] - a[1]) / total;
  }

  /** The part of a step skipped before it counts as steady (the change settling). */
  private static long steadySkip(int seconds) {
    return seconds * 1000L * 2 / 5;
  }

  private static void sleepUntil(long millis) throws InterruptedException {
    long left = millis - System.currentTimeMillis();
    if (left > 0) {
      Thread.sleep(left);
    }
  }

  /** {total, busy} jiffies of all cores; busy excludes idle and iowait. */
  private static long[] cpuTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total, total - idle};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static Map<String, String> workerEnv(String protocol) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_GROUP_PROTOCOL", protocol);
    boolean consumer = protocol.equals("consumer");
    // blank = unset: the consumer protocol takes its timeouts from the broker
    env.put("KAFKA_CLIENT_SESSION_TIMEOUT_MS", consumer ? "" : CLASSIC_SESSION_MS);
    env.put("KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", consumer ? "" : CLASSIC_HEARTBEAT_MS);
    // A worker's known ceiling: at most IN_FLIGHT WeChat calls at once (each 50 ms). The in-flight
    // bounds only pause fetching, and a poll hands over up to max.poll.records at once, so that is
    // bounded too: otherwise hundreds of records wait in a worker for a call slot, and every
    // handover waits for them (or interrupts them).
    String n = Integer.toString(IN_FLIGHT);
    env.put("WECHAT_MAX_CONCURRENT_CALLS", n);
    env.put("WORKER_MAX_IN_FLIGHT", n);
    env.put("WORKER_MAX_IN_FLIGHT_PER_PARTITION", n);
    env.put("KAFKA_CLIENT_MAX_POLL_RECORDS", n);
    env.put("WORKER_EVENTS", "false");
    env.put("LOG_LEVEL", "info"); // the commands: assigned / revoked lines
    return env;
  }

  private static void cleanUp() {
    if (!CLEANED.compareAndSet(false, true)) {
      return;
    }
    List<ScaleOutWorker> all;
    synchronized (STARTED) {
      all = new ArrayList<>(STARTED);
    }
    for (ScaleOutWorker w : all) {
      if (w.alive()) {
        try {
          w.jvm.kill9(); // by PID
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (cluster != null) {
      try {
        cluster.close();
      } catch (RuntimeException e) {
        System.err.println("stopping the cluster: " + e);
      }
    }
  }

  private static synchronized String write(Path out, String suffix) {
    String report = report() + suffix;
    if (out != null) {
      try {
        Files.writeString(out, report);
      } catch (IOException e) {
        System.err.println("could not write " + out + ": " + e);
      }
    }
    return report;
  }

  // ---------------------------------------------------------------- the report

  private static String report() {
    List<ProtocolRun> runs;
    synchronized (RUNS) {
      runs = new ArrayList<>(RUNS);
    }
    StringBuilder o = new StringBuilder();
    appendHeader(o);
    o.append(setup());
    appendTimeouts(o, runs);
    appendRates(o, runs);
    appendPauses(o, runs);
    appendRestarts(o, runs);
    appendIntegrity(o, runs);
    appendNotes(o, runs);
    return o.toString();
  }

  /** The title and the run's machine, versions, duration and settings. */
  private static void appendHeader(StringBuilder o) {
    Duration took = Duration.between(BEGUN, Instant.now());
    o.append("# send-worker scale-out benchmark\n\n")
        .append(BEGUN)
        .append(" (date -u), ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (nproc), Java ")
        .append(Runtime.version())
        .append(", Kafka clients ")
        .append(AppInfoParser.getVersion())
        .append(". The run took ")
        .append(took.toMinutes())
        .append(" min ")
        .append(took.toSecondsPart())
        .append(" s. Command: `bench/scale-out.sh` (BENCH_STEP_SECONDS=")
        .append(STEP_SECONDS)
        .append(", BENCH_IN_FLIGHT=")
        .append(IN_FLIGHT)
        .append(", BENCH_BACKLOG=")
        .append(BACKLOG)
        .append(").\n\n");
  }

  /** What ran, and what each column means. */
  private static String setup() {
    return """
        A 3-node KRaft cluster of its own (OwnCluster: every node a broker and a controller,
        topics with replication factor 3 and min.insync.replicas 2), Redis, wechat-sim
        answering every customer-service call after %d ms, token-service, the benchmark's
        producer and reader, and the workers (child JVMs) share the machine. Per protocol:
        fresh topics (commands: %d partitions) and group. The load is a deep backlog: a
        producer keeps %d–%d commands without a result (customer-service texts to %d
        followers, so %d keys), so every worker always has work and commands/s is bounded by
        the workers (each at most %d WeChat calls at once, WECHAT_MAX_CONCURRENT_CALLS, and as
        many records in flight and per poll: a ceiling of %d/s at %d ms per call), not by the
        load. Workers go 1 → 2 → 4 → 6 → 3, %d s per step (scale out:
        child JVMs started; scale in: SIGTERM, as Kubernetes stops a pod), then a rolling
        restart of the three (SIGTERM, wait for the end, start it again with the same
        settings, wait until it logs partitions again, hold %d s), first as dynamic members,
        then, after the three were replaced by static members (WORKER_INSTANCE_ID s1..s3), as
        static members. All times are the results' Kafka CreateTime (the worker's producer).

        * **commands/s**: results written per second in the steady part of a step (its last
          60 %%, i.e. from %d s after the change); **CPU**: the machine's busy share (both
          cores, /proc/stat) over the same part.
        * **longest gap**: the longest time without any result, from the change to the end
          of its step (a stop of the whole group). **longest partition stall**: the longest
          time one commands partition went without a result in that window — the backlog is
          deep, so every partition always has work: a stall is a partition not being worked
          (given up, handed over, or owned by a member that is gone). **steady stall** is the
          same in the steady part of the step, for scale: what a partition sees without a
          change (a few calls at once per worker, spread over its partitions).
        * **rebalance done after**: the last `commands: assigned/revoked/lost` log line of
          any worker in the window, after the change. **partitions started / given up**: the
          commands-topic partitions in those lines (eager restarts every partition at every
          rebalance, even when it stays where it was).

        """
        .formatted(
            LATENCY_MS,
            PARTITIONS,
            BACKLOG,
            BACKLOG + 1000,
            USERS,
            USERS,
            IN_FLIGHT,
            IN_FLIGHT * 1000 / LATENCY_MS,
            LATENCY_MS,
            STEP_SECONDS,
            Math.max(8, STEP_SECONDS / 2),
            steadySkip(STEP_SECONDS) / 1000);
  }

  private static void appendTimeouts(StringBuilder o, List<ProtocolRun> runs) {
    o.append("## Timeouts\n\n| protocol | session / heartbeat |\n|---|---|\n");
    for (ProtocolRun r : runs) {
      o.append("| ").append(r.protocol).append(" | ").append(r.timeouts).append(" |\n");
    }
  }

  /** Commands/s and CPU of each step, one row per protocol, one column per number of workers. */
  private static void appendRates(StringBuilder o, List<ProtocolRun> runs) {
    o.append("\n## Commands/s by number of workers (machine CPU busy)\n\n| protocol |");
    for (int s : STEPS) {
      o.append(" ").append(s).append(" |");
    }
    o.append("\n|---|");
    for (int ignored : STEPS) {
      o.append("---:|");
    }
    o.append("\n");
    for (ProtocolRun r : runs) {
      o.append("| ").append(r.protocol).append(" |");
      for (int i = 0; i < STEPS.length; i++) {
        if (i < r.steps.size() && r.timeline != null) {
          Step s = r.steps.get(i);
          long from = s.at() + steadySkip(STEP_SECONDS);
          o.append(
              String.format(
                  Locale.ROOT,
                  " **%.0f** (%.0f %%) |",
                  r.timeline.rate(from, s.end()),
                  s.cpuBusy()));
        } else {
          o.append(" – |");
        }
      }
      o.append("\n");
    }
  }

  /** One row for each scale step after the first: the pause its change caused. */
  private static void appendPauses(StringBuilder o, List<ProtocolRun> runs) {
    o.append(
        "\n## Pause at each change\n\n| protocol | change | longest gap | longest partition"
            + " stall | steady stall | fewest results in a second | rebalance done after |"
            + " partitions started / given up | SIGTERM → exit |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ProtocolRun r : runs) {
      if (r.timeline == null) {
        continue;
      }
      for (int i = 1; i < r.steps.size(); i++) {
        Step s = r.steps.get(i);
        long from = s.at() + steadySkip(STEP_SECONDS);
        Handover h = handover(r, s.at(), s.end());
        o.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %d | %s | %d / %d | %s |%n",
                r.protocol,
                s.change(),
                ms(r.timeline.longestGap(s.at(), s.end())),
                ms(r.timeline.longestPartitionStall(s.at(), s.end())),
                ms(r.timeline.longestPartitionStall(from, s.end())),
                r.timeline.fewestInASecond(s.at(), s.end()),
                h.lastAt() < 0 ? "–" : ms(h.lastAt() - s.at()),
                h.started(),
                h.givenUp(),
                s.stopMillis() > 0 ? ms(s.stopMillis()) : "–"));
      }
    }
  }

  /** One row for each restart of the rolling restarts, dynamic then static. */
  private static void appendRestarts(StringBuilder o, List<ProtocolRun> runs) {
    o.append(
        "\n## Rolling restart of three workers\n\n| protocol | membership | restart |"
            + " SIGTERM → exit | SIGTERM → partitions again | longest gap | longest partition"
            + " stall | fewest results in a second | rebalance done after | partitions"
            + " started / given up |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ProtocolRun r : runs) {
      if (r.timeline == null) {
        continue;
      }
      for (String membership : List.of("dynamic", "static")) {
        for (Restart x : r.restarts.getOrDefault(membership, List.of())) {
          appendRestart(o, r, membership, x);
        }
      }
    }
  }

  private static void appendRestart(StringBuilder o, ProtocolRun r, String membership, Restart x) {
    Handover h = handover(r, x.at(), x.end());
    o.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %d | %s | %s | %s | %s | %d | %s | %d / %d |%n",
            r.protocol,
            membership,
            x.n(),
            x.stopMillis() < 0 ? "killed" : ms(x.stopMillis()),
            ms(x.backMillis()),
            ms(r.timeline.longestGap(x.at(), x.end())),
            ms(r.timeline.longestPartitionStall(x.at(), x.end())),
            r.timeline.fewestInASecond(x.at(), x.end()),
            h.lastAt() < 0 ? "–" : ms(h.lastAt() - x.at()),
            h.started(),
            h.givenUp()));
  }

  /** One row per protocol: every command written, and what came of it. */
  private static void appendIntegrity(StringBuilder o, List<ProtocolRun> runs) {
    o.append(
        "\n## Every command written, one result\n\n| protocol | commands written (acked) |"
            + " exactly one result | no result | more than one result (of which differ) | SUCCEEDED |"
            + " other outcomes | delivered twice by WeChat | send failures |\n"
            + "|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
    for (ProtocolRun r : runs) {
      ScaleOutTraffic.Integrity i = r.integrity;
      if (i == null) {
        o.append("| ").append(r.protocol).append(" | – | – | – | – | – | – | – | – |\n");
        continue;
      }
      o.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d (%d) | %d | %s | %d | %d |%n",
              r.protocol,
              i.written(),
              i.exactlyOne(),
              i.missing(),
              i.doubled(),
              i.repeatsThatDiffer(),
              i.succeeded(),
              i.otherStatuses().isEmpty() ? "–" : i.otherStatuses().toString(),
              i.deliveredTwice(),
              i.sendFailures()));
    }
  }

  /** Failures and notes (workers killed after SIGTERM), when there are any. */
  private static void appendNotes(StringBuilder o, List<ProtocolRun> runs) {
    List<String> notes = new ArrayList<>();
    for (ProtocolRun r : runs) {
      if (r.failure != null) {
        notes.add("**" + r.protocol + " failed**: " + r.failure);
      }
      r.notes.forEach(n -> notes.add(r.protocol + ": " + n));
    }
    if (!notes.isEmpty()) {
      o.append("\n## Notes from the run\n\n");
      notes.forEach(n -> o.append("* ").append(n.replace("\n", "\n  ")).append("\n"));
    }
  }

  record Handover(int started, int givenUp, long lastAt) {}

  /** Partition changes logged in [from, to): counts and the time of the last. */
  private static Handover handover(ProtocolRun r, long from, long to) {
    int started = 0;
    int givenUp = 0;
    long last = -1;
    for (ScaleOutWorker.Change c : r.changes) {
      if (c.atMillis() < from || c.atMillis() >= to) {
        continue;
      }
      if (c.kind().equals("assigned")) {
        started += c.partitions().size();
      } else {
        givenUp += c.partitions().size();
      }
      last = Math.max(last, c.atMillis());
    }
    return new Handover(started, givenUp, last);
  }

  private static String ms(long millis) {
    return millis >= 10_000
        ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
        : millis + " ms";
  }

  private static int intEnv(String name, int otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : Integer.parseInt(v.trim());
  }

  private static void log(String message) {
    System.out.printf("%s scale-out: %s%n", Instant.now(), message);
  }
}
