package io.wxrelay.worker;

import io.wxrelay.testkit.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rate-limit rows' three clocks for each call of a run: the slot the limiter booked (Redis's
 * clock), the moment the worker let it go (the worker's clock, after the last check at WeChat's
 * side, decision 0044) and the moment the simulator took it (the benchmark's clock); all three are
 * the same host's wall clock, in µs since the epoch. The workers write the first two at debug
 * ({@code Throttle.sends}) with a logging configuration of the benchmark's ({@link
 * #workerLogConfig}).
 */
final class SendTimeline {
  private static final Pattern LINE =
      Pattern.compile("send slot=(\\d+) went=(\\d+) number=(\\d+) held=(\\d+) command=(\\S+)");

  /**
   * One call: booked slot, went, received, in µs; its number on the send schedule, and how long the
   * calls before it held it (µs).
   */
  record Call(String id, long slot, long went, long received, long number, long held) {}

  private final List<Call> calls;

  private SendTimeline(List<Call> calls) {
    this.calls = calls;
  }

  /** A log4j2 configuration for the workers: warnings, and each limited send at debug. */
  static Path workerLogConfig() {
    try {
      Path file = Files.createTempFile("bench-worker-log4j2", ".xml");
      Files.writeString(
          file,
          """
          <Configuration status="WARN" shutdownHook="disable">
            <Appenders><Console name="out" target="SYSTEM_OUT">
              <PatternLayout pattern="%d{ISO8601} %-5level %c{1.} - %msg command=%X{wxrelay.command_id}%n"/>
            </Console></Appenders>
            <Loggers>
              <Logger name="io.wxrelay.worker.ratelimit.Throttle.sends" level="debug"/>
              <Root level="warn"><AppenderRef ref="out"/></Root>
            </Loggers>
          </Configuration>
          """);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The calls of {@code received} (command id to the simulator's receipt) the workers logged. */
  static SendTimeline of(List<ChildJvm> workers, Map<String, Instant> received) {
    Map<String, long[]> logged = new HashMap<>();
    for (ChildJvm w : workers) {
      Matcher m = LINE.matcher(w.output());
      while (m.find()) {
        logged.put(
            m.group(5),
            new long[] {
              Long.parseLong(m.group(1)),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4))
            });
      }
    }
    List<Call> calls = new ArrayList<>();
    received.forEach(
        (id, at) -> {
          long[] sw = logged.get(id);
          if (sw != null) {
            long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
            calls.add(new Call(id, sw[0], sw[1], micros, sw[2], sw[3]));
          }
        });
    return new SendTimeline(calls);
  }

  int size() {
    return calls.size();
  }

  /**
   * How many of the calls the calls before them held (decision 0044), and for how many ms in all.
   */
  String held() {
    long[] held = calls.stream().mapToLong(Call::held).filter(h -> h > 0).toArray();
    return held.length + " calls, " + Arrays.stream(held).sum() / 1000 + " ms";
  }

  /** The most booked slots, went times, receipts (µs) within any one second. */
  int mostInASecond(java.util.function.ToLongFunction<Call> time) {
    long[] t = calls.stream().mapToLong(time).sorted().toArray();
    int most = 0;
    for (int i = 0, j = 0; i < t.length; i++) {
      while (t[i] - t[j] >= 1_000_000) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  /** Percentiles of {@code to - from} in ms: min, p50, p99, max. */
  String spread(
      java.util.function.ToLongFunction<Call> from, java.util.function.ToLongFunction<Call> to) {
    long[] d = calls.stream().mapToLong(c -> to.applyAsLong(c) - from.applyAsLong(c)).toArray();
    if (d.length == 0) {
      return "none logged";
    }
    Arrays.sort(d);
    return String.format(
        "%.1f/%.1f/%.1f/%.1f",
        d[0] / 1000.0,
        d[d.length / 2] / 1000.0,
        d[d.length * 99 / 100] / 1000.0,
        d[d.length - 1] / 1000.0);
  }

  /**
   * The calls of the busiest second at the receiver, as "slot +went +received" offsets in ms from
   * the window's first slot (BENCH_DEBUG).
   */
  List<String> busiestWindow() {
    List<Call> byReceipt = new ArrayList<>(calls);
    byReceipt.sort(java.util.Comparator.comparingLong(Call::received));
    int best = 0;
    int bestStart = 0;
    for (int i = 0, j = 0; i < byReceipt.size(); i++) {
      while (byReceipt.get(i).received() - byReceipt.get(j).received() >= 1_000_000) {
        j++;
      }
      if (i - j + 1 > best) {
        best = i - j + 1;
        bestStart = j;
      }
    }
    List<Call> window = byReceipt.subList(bestStart, bestStart + best);
    long first = window.stream().mapToLong(Call::slot).min().orElse(0);
    return window.stream()
        .map(
            c ->
                String.format(
                    "number %d slot %.1f went +%.1f (held %.1f) recv +%.1f",
                    c.number(),
                    (c.slot() - first) / 1000.0,
                    (c.went() - c.slot()) / 1000.0,
                    c.held() / 1000.0,
                    (c.received() - c.slot()) / 1000.0))
        .toList();
  }
}
