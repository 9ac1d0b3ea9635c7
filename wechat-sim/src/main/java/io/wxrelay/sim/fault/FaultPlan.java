package io.wxrelay.sim.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What goes wrong with one API, and how slow it is: with probability {@code rate} a call ends in
 * one of {@code faults} (picked evenly); every call waits a latency drawn uniformly from {@code
 * [latencyMin, latencyMax]}.
 *
 * <p>Written as {@code rate=0.1; errors=-1,45011,http503,reset,hang,lost; latency=20ms..80ms} (each
 * part optional; {@code latency=100ms} is a fixed delay).
 */
public record FaultPlan(double rate, List<Fault> faults, Duration latencyMin, Duration latencyMax) {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)");
  public static final FaultPlan NONE = new FaultPlan(0, List.of(), Duration.ZERO, Duration.ZERO);

  public FaultPlan {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate is between 0 and 1, not " + rate);
    }
    if (rate > 0 && faults.isEmpty()) {
      throw new IllegalArgumentException("a rate needs errors=...");
    }
    if (latencyMax.compareTo(latencyMin) < 0) {
      throw new IllegalArgumentException("latency max below min");
    }
    faults = List.copyOf(faults);
  }

  public static FaultPlan parse(String spec) {
    double rate = 0;
    List<Fault> faults = new ArrayList<>();
    Duration min = Duration.ZERO;
    Duration max = Duration.ZERO;
    for (String part : spec.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value in '" + p + "'");
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = p.substring(eq + 1).trim();
      switch (key) {
        case "rate" -> rate = Double.parseDouble(value);
        case "errors" -> {
          for (String f : value.split(",")) {
            faults.add(Fault.parse(f));
          }
        }
        case "latency" -> {
          String[] range = value.split("\\.\\.");
          min = duration(range[0]);
          max = range.length > 1 ? duration(range[1]) : min;
        }
        default -> throw new IllegalArgumentException("unknown fault setting '" + key + "'");
      }
    }
    return new FaultPlan(rate, faults, min, max);
  }

  private static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("a latency is like 50ms or 2s, not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
  }
}
