package io.wxrelay.sim.fault;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The fault plans in force, per API (e.g. {@code message/custom/send}) or for all ({@code *}). */
public final class Faults {
  /**
   * What happens to one call: wait {@code delay}, then fail with {@code fault} (null: no fault).
   */
  public record Decision(Duration delay, Fault fault) {}

  private final Map<String, FaultPlan> plans = new ConcurrentHashMap<>();
  private final Random random;

  public Faults(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Applies a configuration like {@code message/custom/send: rate=0.1; errors=-1 | *: latency=5ms}.
   */
  public void configure(String spec) {
    for (String entry : spec.split("\\|")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("expected '<api>: <plan>' in '" + entry.trim() + "'");
      }
      set(entry.substring(0, colon).trim(), FaultPlan.parse(entry.substring(colon + 1)));
    }
  }

  public void set(String api, FaultPlan plan) {
    plans.put(api, plan);
  }

  public void clear() {
    plans.clear();
  }

  public Map<String, FaultPlan> plans() {
    return new TreeMap<>(plans);
  }

  public Decision decide(String api) {
    FaultPlan plan = plans.getOrDefault(api, plans.getOrDefault("*", FaultPlan.NONE));
    if (plan.equals(FaultPlan.NONE)) {
      return new Decision(Duration.ZERO, null);
    }
    synchronized (random) {
      long span = plan.latencyMax().toNanos() - plan.latencyMin().toNanos();
      Duration delay =
          plan.latencyMin().plusNanos(span == 0 ? 0 : (long) (random.nextDouble() * span));
      Fault fault =
          random.nextDouble() < plan.rate()
              ? plan.faults().get(random.nextInt(plan.faults().size()))
              : null;
      return new Decision(delay, fault);
    }
  }
}
