import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-loop QR scans through the whole relay, timed by the simulator's own clock: newcomers scan a
 * QR code that carries a reply, scan i at start + i/rate whatever the answers, and each scan's time
 * is from the simulator sending its push (its truth: the push's {@code sentAt}) to the simulator
 * receiving the reply (the custom-send delivery's {@code at}). Beside it, the bare peer: the same
 * pushes' round trip to the gateway's {@code success} ({@code answeredAt - sentAt}).
 *
 * <p>{@code java -cp 'send-worker/target/lib/*' bench/ScanReply.java SIM_URL APPID TICKET RUN
 * COUNT@RATE...}: the first COUNT@RATE is the warm-up (measured, not printed); prints one Markdown
 * table row per further phase, then where the machine's CPU went while each phase was sent (from
 * /proc: the machine's busy share of all its cores, each process of {@code SCAN_CPU_PIDS}
 * (name=pid,...) and this driver's, in % of one core). Exit 1 when a phase has a scan the simulator
 * refused.
 */
public class ScanReply {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

  /** Each scan's times (phase,openid,scheduled,sentAt,answeredAt,replyAt), for SCAN_RAW. */
  private static final StringBuilder RAW = new StringBuilder();

  /** A scan: its newcomer, and when it was due. Its push is found in the simulator's truth. */
  record Scan(String openid, Instant scheduled) {}

  record Phase(String name, int count, int rate) {}

  public static void main(String[] args) throws Exception {
    String sim = args[0];
    String appid = args[1];
    String ticket = args[2];
    String run = args[3];
    HttpClient http =
        HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    System.out.println(
        "| rate | scans | answered | scan→reply p50 | p90 | p99 | max"
            + " | bare peer: push→gateway `success` p50 | p90 | p99 | max | pacing lag p99 |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    boolean refused = false;
    Map<String, Long> watched = watched(System.getenv("SCAN_CPU_PIDS"));
    List<String> cpuRows = new ArrayList<>();
    for (int p = 4; p < args.length; p++) {
      String[] spec = args[p].split("@");
      Phase phase =
          new Phase(p == 4 ? "warm-up" : spec[1] + "/s", Integer.parseInt(spec[0]), rate(spec[1]));
      Cpu before = Cpu.now(watched);
      List<Scan> scans = scan(http, sim, appid, ticket, run + "p" + (p - 4), phase);
      if (p > 4) {
        cpuRows.add(Cpu.now(watched).since(before, phase.name()));
      }
      String row = measure(http, sim, appid, phase, scans);
      refused |= row == null;
      if (p > 4 && row != null) {
        System.out.println(row);
      } else if (row != null) {
        System.err.println("warm-up: " + row);
      }
      Thread.sleep(2_000); // the relay drains before the next phase
    }
    System.out.println();
    System.out.println(Cpu.header(watched.keySet()));
    cpuRows.forEach(System.out::println);
    String raw = System.getenv("SCAN_RAW");
    if (raw != null && !raw.isEmpty()) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(raw), RAW);
    }
    System.exit(refused ? 1 : 0);
  }

  /** SCAN_CPU_PIDS (name=pid,...) in its order, and this driver. */
  private static Map<String, Long> watched(String spec) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    if (spec != null) {
      for (String entry : spec.split(",")) {
        String[] pair = entry.split("=");
        if (pair.length == 2 && !pair[1].isBlank()) {
          out.put(pair[0], Long.parseLong(pair[1].trim()));
        }
      }
    }
    out.put("driver (this benchmark)", ProcessHandle.current().pid());
    return out;
  }

  /**
   * CPU time from /proc at one moment: the machine's (all cores, busy and total, in clock ticks)
   * and each watched process's (utime + stime, ticks), with the wall clock.
   */
  record Cpu(long nanos, long busy, long total, Map<String, Long> processes) {
    static Cpu now(Map<String, Long> watched) throws java.io.IOException {
      String[] f = firstLine("/proc/stat").trim().split("\\s+");
      long total = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      // not busy: idle, iowait, and steal (time the hypervisor gave to other machines)
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]) + Long.parseLong(f[8]);
      Map<String, Long> ticks = new java.util.LinkedHashMap<>();
      watched.forEach((name, pid) -> ticks.put(name, ticks(pid)));
      return new Cpu(System.nanoTime(), total - idle, total, ticks);
    }

    /** A process's utime + stime; -1 when it is gone. */
    private static long ticks(long pid) {
      try {
        String stat = firstLine("/proc/" + pid + "/stat");
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
      } catch (java.io.IOException | RuntimeException e) {
        return -1;
      }
    }

    /** The first line of a /proc file (a process's name may be any bytes). */
    private static String firstLine(String file) throws java.io.IOException {
      return java.nio.file.Files.readAllLines(
              java.nio.file.Path.of(file), java.nio.charset.StandardCharsets.ISO_8859_1)
          .get(0);
    }

    /** The cores /proc/stat counts (its cpuN lines), which the machine's busy share is of. */
    private static long cores() {
      try {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).stream()
            .filter(line -> line.matches("cpu[0-9]+ .*"))
            .count();
      } catch (java.io.IOException e) {
        return Runtime.getRuntime().availableProcessors();
      }
    }

    static String header(java.util.Collection<String> names) {
      String cols = String.join(" | ", names);
      return "| phase, while sent | machine busy, % of all "
          + cores()
          + " cores | "
          + cols
          + " |\n|---|---|"
          + "---|".repeat(names.size());
    }

    /** The row of the time from {@code before} to this: % of one core per process. */
    String since(Cpu before, String phase) {
      double seconds = (nanos - before.nanos) / 1e9;
      double hz = 100; // USER_HZ: clock ticks a second on Linux
      StringBuilder row = new StringBuilder("| " + phase + " | ");
      double machine = 100.0 * (busy - before.busy) / Math.max(1, total - before.total);
      row.append(String.format(Locale.ROOT, "%.0f", machine));
      processes.forEach(
          (name, t) -> {
            long was = before.processes.getOrDefault(name, -1L);
            double percent = 100.0 * (t - was) / hz / seconds;
            row.append(" | ")
                .append(t < 0 || was < 0 ? "-" : String.format(Locale.ROOT, "%.0f", percent));
          });
      return row.append(" |").toString();
    }
  }

  private static int rate(String s) {
    return Integer.parseInt(s.replace("/s", ""));
  }

  /**
   * Has the phase's scans made open-loop: scan i at start + i/rate, never waiting for an answer.
   * By the simulator itself (SCAN_PACER=sim, the default: one control request for the phase), or
   * by this driver (SCAN_PACER=driver: one control request per scan, as before decision 0052).
   * Returns when the last scan is due.
   */
  private static List<Scan> scan(
      HttpClient http, String sim, String appid, String ticket, String prefix, Phase phase)
      throws Exception {
    String pacer = System.getenv().getOrDefault("SCAN_PACER", "sim");
    if (pacer.equals("driver")) {
      return scanFromHere(http, sim, appid, ticket, prefix, phase);
    }
    if (!pacer.equals("sim")) {
      throw new IllegalArgumentException("SCAN_PACER is sim or driver, not " + pacer);
    }
    String openidPrefix = "o" + prefix + "n";
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(sim + "/sim/apps/" + appid + "/scans"))
                .timeout(Duration.ofSeconds(10))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "ticket", ticket,
                                "openidPrefix", openidPrefix,
                                "count", phase.count(),
                                "rate", phase.rate()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the simulator refused the scans (" + answer.statusCode() + "): " + answer.body());
    }
    Instant first = instant(JSON.readTree(answer.body()).path("firstAt"));
    List<Scan> scans = new ArrayList<>(phase.count());
    for (int i = 0; i < phase.count(); i++) {
      long offset = i * 1_000_000_000L / phase.rate();
      scans.add(new Scan(openidPrefix + i, first.plusNanos(offset)));
    }
    Duration untilLast = Duration.between(Instant.now(), scans.getLast().scheduled());
    if (untilLast.isPositive()) {
      Thread.sleep(untilLast);
    }
    return scans;
  }

  /** SCAN_PACER=driver: one control request per scan, sent from here at its time. */
  private static List<Scan> scanFromHere(
      HttpClient http, String sim, String appid, String ticket, String prefix, Phase phase) {
    List<Scan> scans = new ArrayList<>(phase.count());
    long start = System.nanoTime() + 50_000_000L;
    Instant startWall = Instant.now().plusNanos(start - System.nanoTime());
    byte[] body = ("{\"ticket\":\"" + ticket + "\"}").getBytes();
    for (int i = 0; i < phase.count(); i++) {
      long offset = i * 1_000_000_000L / phase.rate();
      long wait;
      while ((wait = start + offset - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      String openid = "o" + prefix + "n" + i;
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(sim + "/sim/apps/" + appid + "/users/" + openid + "/scan"))
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      // Its answer (the push id, or a refusal) is not read: the truth says which push each scan got.
      http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).exceptionally(e -> null);
      scans.add(new Scan(openid, startWall.plusNanos(offset)));
    }
    return scans;
  }

  /**
   * Waits (at most 30 s after the last scan) for a reply to every scan the simulator took, then
   * reads the pushes' and the deliveries' times from the simulator's truth; null when a scan was
   * refused.
   */
  private static String measure(
      HttpClient http, String sim, String appid, Phase phase, List<Scan> scans) throws Exception {
    Map<String, Long> pushIds = new HashMap<>();
    Map<String, Long> made = pushesMade(http, sim, scans);
    int refused = 0;
    for (Scan s : scans) {
      long id = made.getOrDefault(s.openid(), -1L);
      if (id <= 0) {
        refused++;
      } else {
        pushIds.put(s.openid(), id);
      }
    }
    if (refused > 0) {
      System.err.println(phase.name() + ": the simulator refused " + refused + " scans");
    }
    Map<String, Instant> replies = new HashMap<>();
    long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
    while (true) {
      replies = replies(http, sim, appid, pushIds);
      if (replies.size() == pushIds.size() || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(250);
    }
    Map<Long, JsonNode> pushes = pushes(http, sim);
    List<Long> e2e = new ArrayList<>();
    List<Long> ack = new ArrayList<>();
    List<Long> lag = new ArrayList<>();
    for (Scan s : scans) {
      Long id = pushIds.get(s.openid());
      JsonNode push = id == null ? null : pushes.get(id);
      Instant sent = push == null ? null : instant(push.path("sentAt"));
      if (sent == null) {
        continue;
      }
      lag.add(micros(s.scheduled(), sent));
      Instant answered = instant(push.path("answeredAt"));
      if (answered != null) {
        ack.add(micros(sent, answered));
      }
      Instant reply = replies.get(s.openid());
      if (reply != null) {
        e2e.add(micros(sent, reply));
      }
      RAW.append(String.join(",", phase.name(), s.openid(), s.scheduled().toString(),
          sent.toString(), String.valueOf(answered), String.valueOf(reply))).append('\n');
    }
    return String.format(
        Locale.ROOT,
        "| %d/s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
        phase.rate(),
        scans.size(),
        e2e.size(),
        ms(e2e, 50),
        ms(e2e, 90),
        ms(e2e, 99),
        ms(e2e, 100),
        ms(ack, 50),
        ms(ack, 90),
        ms(ack, 99),
        ms(ack, 100),
        ms(lag, 99));
  }

  /** The first custom-send delivery to each scanner, by openid. */
  private static Map<String, Instant> replies(
      HttpClient http, String sim, String appid, Map<String, Long> scanners) throws Exception {
    Map<String, Instant> out = new HashMap<>();
    for (JsonNode d : get(http, sim + "/sim/truth/deliveries?appid=" + appid)) {
      String openid = d.path("openid").asString();
      if (scanners.containsKey(openid) && "custom".equals(d.path("channel").asString())) {
        out.putIfAbsent(openid, instant(d.path("at")));
      }
    }
    return out;
  }

  /**
   * The push the simulator made for each scan, by openid, from its truth, whoever paced them: waits
   * (at most 10 s after the last scan was due) until each has one, since a busy simulator (its pacer,
   * or the driver's requests) may be late. A push sent before the phase's first scan was due is
   * another run's. A scan without a push was refused.
   */
  private static Map<String, Long> pushesMade(HttpClient http, String sim, List<Scan> scans)
      throws Exception {
    Instant first = scans.getFirst().scheduled();
    Instant deadline = scans.getLast().scheduled().plusSeconds(10);
    Map<String, Long> out = new HashMap<>();
    while (true) {
      out.clear();
      for (JsonNode p : get(http, sim + "/sim/truth/pushes")) {
        Instant sent = instant(p.path("sentAt"));
        if (sent == null || !sent.isBefore(first.minusMillis(1))) {
          out.putIfAbsent(p.path("openid").asString(), p.path("id").asLong());
        }
      }
      if (scans.stream().allMatch(scan -> out.containsKey(scan.openid()))
          || Instant.now().isAfter(deadline)) {
        return out;
      }
      Thread.sleep(100);
    }
  }

  private static Map<Long, JsonNode> pushes(HttpClient http, String sim) throws Exception {
    Map<Long, JsonNode> out = new HashMap<>();
    for (JsonNode p : get(http, sim + "/sim/truth/pushes")) {
      out.put(p.path("id").asLong(), p);
    }
    return out;
  }

  private static JsonNode get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  /** An Instant as the simulator writes it: ISO-8601, or seconds with a fraction. */
  private static Instant instant(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      java.math.BigDecimal s = n.decimalValue();
      return Instant.ofEpochSecond(s.longValue(), s.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
    }
    return Instant.parse(n.asString());
  }

  private static long micros(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1_000;
  }

  /** The nearest-rank percentile in ms with one decimal; max at 100. */
  private static String ms(List<Long> micros, int percentile) {
    if (micros.isEmpty()) {
      return "-";
    }
    long[] sorted = micros.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, rank - 1)] / 1000.0);
  }
}
