package io.wxrelay.worker;

import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * bench/send-worker.sh: send-worker against wechat-sim on the real broker and Redis, workers as
 * separate JVMs. (1) commands/s of one worker, no injected latency; (2) the same with 100 ms of
 * WeChat latency and a single partition (concurrency within a partition); (3) rate-limit accuracy
 * of three workers sharing one limit, measured by the sim. Prints a Markdown table and writes it to
 * the file named by the first argument. Bounded: fixed command counts, a deadline per scenario.
 */
public final class WorkerBenchmark {
  private static final SimRules RULES = SimRules.wechat().withMessageWindowQuota(1_000_000_000);
  private static final int USERS = 2000;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private WorkerBenchmark() {}

  record Row(String scenario, String setup, int commands, double seconds, String result) {}

  public static void main(String[] args) throws Exception {
    KafkaEndpoint kafka =
        new KafkaEndpoint(
            System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), "env");
    RedisEndpoint redis =
        new RedisEndpoint(
            URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379")), "env");
    int n = Integer.parseInt(System.getenv().getOrDefault("BENCH_COMMANDS", "30000"));
    List<Row> rows = new ArrayList<>();
    String only = System.getenv().getOrDefault("BENCH_ONLY", "");
    if (only.isEmpty() || only.equals("throughput")) {
      rows.add(throughput(kafka, redis, n, 12, Duration.ZERO));
    }
    if (only.isEmpty() || only.equals("latency")) {
      rows.add(throughput(kafka, redis, n / 5, 1, Duration.ofMillis(100)));
    }
    if (only.isEmpty() || only.equals("ratelimit")) {
      rows.add(rateLimit(kafka, redis, 100, 1500, n));
      rows.add(rateLimit(kafka, redis, 100, 1500, 0));
    }
    String table = table(rows);
    System.out.println(table);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), table);
    }
  }

  private static Row throughput(
      KafkaEndpoint kafka, RedisEndpoint redis, int n, int partitions, Duration latency)
      throws Exception {
    try (WorkerFixture f = new WorkerFixture(kafka, redis, RULES, partitions, USERS)) {
      if (!latency.isZero()) {
        f.sim.faults().configure("message/custom/send: latency=" + latency.toMillis() + "ms");
      }
      ChildJvm worker = f.childWorker(workerEnv(Map.of()), workerJvm());
      List<Long> warmup = warmUp(f, WorkerFixture.APPID, n);
      // Encoded before it is sent: the benchmark's own encoding would otherwise compete with the
      // worker for the two cores while it is measured.
      WorkerFixture.Prepared measured =
          f.prepareTexts("tp-" + UUID.randomUUID().toString().substring(0, 8), n, USERS);
      List<CommandResult> results = await(f, f.send(measured));
      List<Instant> done = results.stream().map(CommandResult::completedAt).sorted().toList();
      double seconds = Duration.between(done.getFirst(), done.getLast()).toNanos() / 1e9;
      long ok = results.stream().filter(r -> r.status() == CommandResult.Status.SUCCEEDED).count();
      stop(List.of(worker));
      return new Row(
          latency.isZero()
              ? "one worker, no latency"
              : "one worker, " + latency.toMillis() + " ms latency",
          partitions + " partition" + (partitions > 1 ? "s" : ""),
          n,
          seconds,
          String.format(
              "**%.0f commands/s** (second half %.0f/s; %d succeeded; warm-up rounds %s/s)",
              rate(done), rate(done.subList(done.size() / 2, done.size())), ok, warmup));
    }
  }

  /**
   * Rounds of {@code n} commands until the worker's rate settles (within 5 % of the round before)
   * or {@code BENCH_WARMUP_ROUNDS} (default 4) are done: the JIT compiles the worker's hot paths
   * for tens of seconds on these two busy cores, and a worker in production runs for days. Returns
   * each round's rate.
   */
  private static List<Long> warmUp(WorkerFixture f, String appid, int n) {
    int maxRounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_ROUNDS", "4"));
    List<Long> rates = new ArrayList<>();
    for (int round = 0; round < maxRounds; round++) {
      WorkerFixture.Prepared batch =
          f.prepareTexts(appid, "warm-" + UUID.randomUUID().toString().substring(0, 8), n, USERS);
      List<Instant> done =
          await(f, f.send(batch)).stream().map(CommandResult::completedAt).sorted().toList();
      rates.add(Math.round(rate(done)));
      int last = rates.size() - 1;
      if (last > 0
          && Math.abs(rates.get(last) - rates.get(last - 1)) < 0.05 * rates.get(last - 1)) {
        break;
      }
    }
    return rates;
  }

  /** Results per second between the first and the last of {@code sortedTimes}. */
  private static double rate(List<Instant> sortedTimes) {
    return (sortedTimes.size() - 1)
        / (Duration.between(sortedTimes.getFirst(), sortedTimes.getLast()).toNanos() / 1e9);
  }

  /**
   * Three workers share a limit of {@code limit}/s on APPID's customer-service messages. With
   * {@code warmUpCommands} > 0, they first handle warm-up rounds of that many of another account's
   * (unlimited) messages at full speed, as the throughput rows do: without them the JIT compilers
   * took half of the two cores for the first ~2 s of the measured batch, and the calls queued
   * behind them lost their slots. Both then handle a third of {@code n} at the limit, then the
   * measured {@code n}.
   */
  private static Row rateLimit(
      KafkaEndpoint kafka, RedisEndpoint redis, int limit, int n, int warmUpCommands)
      throws Exception {
    List<String> apps = List.of(WorkerFixture.APPID, WorkerFixture.OTHER_APPID);
    try (WorkerFixture f = new WorkerFixture(kafka, redis, RULES, 12, USERS, apps)) {
      Map<String, String> env =
          workerEnv(
              Map.of(
                  "WORKER_RATE_LIMITS",
                  WorkerFixture.APPID + ":message/custom/send=" + limit + "/1s"));
      List<String> jvm = new ArrayList<>(workerJvm());
      jvm.add("-Dlog4j2.configurationFile=" + SendTimeline.workerLogConfig());
      List<ChildJvm> workers =
          List.of(f.childWorker(env, jvm), f.childWorker(env, jvm), f.childWorker(env, jvm));
      List<Long> warmup =
          warmUpCommands == 0 ? List.of() : warmUp(f, WorkerFixture.OTHER_APPID, warmUpCommands);
      await(f, f.sendTexts("warm-" + UUID.randomUUID().toString().substring(0, 8), n / 3, USERS));
      String run = "rl-" + UUID.randomUUID().toString().substring(0, 8);
      await(f, f.send(f.prepareTexts(run, n, USERS)));
      Measured measured = limitedRun(deliveries(f, run), workers, limit);
      stop(workers);
      return new Row(
          "rate limit L = "
              + limit
              + "/s, three workers, "
              + (warmup.isEmpty() ? "cold (no warm-up rounds)" : "warm-up rounds " + warmup + "/s"),
          "12 partitions",
          n,
          measured.seconds(),
          measured.result());
    }
  }

  /** A rate-limit row's seconds (first call to last at the simulator) and result. */
  private record Measured(double seconds, String result) {}

  /**
   * The rate-limit row's result: the rate at the simulator beside L, and the most calls in any
   * sliding second at the simulator beside the same count of the limiter's booked slots and of the
   * workers' sends ({@link SendTimeline}).
   */
  private static Measured limitedRun(List<Delivery> delivered, List<ChildJvm> workers, int limit) {
    List<Instant> at = delivered.stream().map(Delivery::at).sorted().toList();
    Map<String, Instant> received = new java.util.HashMap<>();
    delivered.forEach(d -> received.merge(d.text(), d.at(), (a, b) -> a.isBefore(b) ? a : b));
    SendTimeline timeline = SendTimeline.of(workers, received);
    double seconds = Duration.between(at.getFirst(), at.getLast()).toNanos() / 1e9;
    double rate = (at.size() - 1) / seconds;
    TreeMap<Long, Integer> perSecond = new TreeMap<>();
    at.forEach(t -> perSecond.merge(t.getEpochSecond(), 1, Integer::sum));
    if (System.getenv("BENCH_DEBUG") != null) {
      System.out.println("calls per calendar second: " + perSecond.values());
      printGaps(at);
      System.out.println("busiest second at the simulator, ms from its first slot:");
      timeline.busiestWindow().forEach(System.out::println);
    }
    return new Measured(
        seconds,
        String.format(
            "**%.1f/s = %.1f %% of L = %d/s**; most in any sliding second: **%d at the simulator**"
                + " beside %d booked slots and %d sends let go by the workers (of %d calls"
                + " logged; held by the calls before them: %s);"
                + " ms from slot to send / to receipt (min/p50/p99/max): %s / %s;"
                + " max %d in a calendar second; per calendar second %s",
            rate,
            100 * rate / limit,
            limit,
            mostInASlidingSecond(at),
            timeline.mostInASecond(SendTimeline.Call::slot),
            timeline.mostInASecond(SendTimeline.Call::went),
            timeline.size(),
            timeline.held(),
            timeline.spread(SendTimeline.Call::slot, SendTimeline.Call::went),
            timeline.spread(SendTimeline.Call::slot, SendTimeline.Call::received),
            perSecond.values().stream().max(Integer::compare).orElse(0),
            perSecond.values()));
  }

  /** The sim's deliveries of customer-service texts of {@code run} (a text is its command id). */
  private static List<Delivery> deliveries(WorkerFixture f, String run) {
    return f.sim.truth().deliveries(d -> d.text() != null && d.text().startsWith(run));
  }

  /**
   * The most of {@code at} (sorted) within any one second; with BENCH_DEBUG, prints each window
   * that sets a new most.
   */
  static int mostInASlidingSecond(List<Instant> at) {
    int maxSliding = 0;
    for (int i = 0, j = 0; i < at.size(); i++) {
      while (Duration.between(at.get(j), at.get(i)).toMillis() >= 1000) {
        j++;
      }
      if (i - j + 1 > maxSliding && System.getenv("BENCH_DEBUG") != null) {
        System.out.println("window " + at.get(j) + " .. " + at.get(i) + " = " + (i - j + 1));
      }
      maxSliding = Math.max(maxSliding, i - j + 1);
    }
    return maxSliding;
  }

  /** BENCH_DEBUG: every gap over 50 ms between calls, then the gaps' percentiles (µs). */
  private static void printGaps(List<Instant> at) {
    long[] gaps = new long[at.size() - 1];
    for (int i = 1; i < at.size(); i++) {
      gaps[i - 1] = Duration.between(at.get(i - 1), at.get(i)).toNanos() / 1000;
      if (gaps[i - 1] > 50_000) { // to set against GC logs (-Xlog:gc:file=...:time)
        System.out.println("gap " + gaps[i - 1] / 1000 + " ms before " + at.get(i));
      }
    }
    java.util.Arrays.sort(gaps);
    System.out.printf(
        "gaps us: p1 %d p10 %d p50 %d p90 %d p99 %d max %d%n",
        gaps[gaps.length / 100],
        gaps[gaps.length / 10],
        gaps[gaps.length / 2],
        gaps[gaps.length * 9 / 10],
        gaps[gaps.length * 99 / 100],
        gaps[gaps.length - 1]);
  }

  /**
   * Stops workers as a service is stopped (SIGTERM, then up to 30 s), so their shutdown hooks run
   * (e.g. a flight recording from BENCH_WORKER_JVM_OPTIONS is written).
   */
  private static void stop(List<ChildJvm> workers) throws InterruptedException {
    workers.forEach(ChildJvm::terminate);
    for (ChildJvm w : workers) {
      w.waitFor(30);
      w.close();
    }
  }

  /** The workers' settings; any BENCH_WORKER_* or BENCH_WECHAT_* variable overrides one. */
  private static Map<String, String> workerEnv(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("WORKER_MAX_IN_FLIGHT", "1000");
    env.put("WORKER_MAX_IN_FLIGHT_PER_PARTITION", "250");
    env.put("WORKER_EVENTS", "false");
    env.put("LOG_LEVEL", "warn");
    System.getenv()
        .forEach(
            (k, v) -> {
              if ((k.startsWith("BENCH_WORKER_") || k.startsWith("BENCH_WECHAT_"))
                  && !k.equals("BENCH_WORKER_JVM_OPTIONS")) {
                env.put(k.substring("BENCH_".length()), v); // e.g. BENCH_WORKER_MAX_IN_FLIGHT
              }
            });
    return env;
  }

  /** -Xmx1g, then BENCH_WORKER_JVM_OPTIONS (e.g. a flight recording). */
  private static List<String> workerJvm() {
    List<String> options = new ArrayList<>(List.of("-Xmx1g"));
    String extra = System.getenv().getOrDefault("BENCH_WORKER_JVM_OPTIONS", "").trim();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options;
  }

  private static List<CommandResult> await(WorkerFixture f, List<String> ids) {
    Awaitility.await("every result")
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ids.stream().allMatch(f.results::has));
    return ids.stream().map(f::result).toList();
  }

  private static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("# send-worker benchmark\n\n")
        .append(Instant.now())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(Runtime.version())
        .append(".\n")
        .append(
            "Kafka (single KRaft broker), Redis, wechat-sim, token-service and the benchmark's\n")
        .append(
            "reader share the machine with the worker JVM(s). A throughput row's worker first\n")
        .append(
            "handles warm-up rounds (the JIT compiles on the same busy cores) until a round's\n")
        .append(
            "rate is within 5 % of the one before (at most BENCH_WARMUP_ROUNDS, 4). The first\n")
        .append(
            "rate-limit row's workers handle the same rounds of another account's messages (not\n")
        .append(
            "limited); the second's none (cold). Then both handle a third of the row's commands\n")
        .append(
            "at the limit. Then commands encoded beforehand are produced (in every row), and the\n")
        .append("time runs from the first result's completedAt to the last's.\n")
        .append("Rate-limit rows are measured by the simulator's delivery log, beside what the\n")
        .append(
            "limiter did: the workers log each limited send's booked slot (Redis's clock) and\n")
        .append(
            "the moment it went (theirs); all clocks are this host's. Command: bench/send-worker.sh\n\n")
        .append("| scenario | topic | commands | seconds | result |\n|---|---|---:|---:|---|\n");
    for (Row r : rows) {
      out.append(
          String.format(
              "| %s | %s | %d | %.2f | %s |%n",
              r.scenario(), r.setup(), r.commands(), r.seconds(), r.result()));
    }
    return out.toString();
  }
}
