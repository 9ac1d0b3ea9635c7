package io.wxrelay.worker.ratelimit;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.schemas.Ids;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which limit applies to which appid × bucket. A bucket is an API path ({@code qrcode/create}), or
 * {@value #MASS} for the broadcast calls that share WeChat's 60 a minute (sendall, send, preview).
 *
 * <p>Written as {@code WORKER_RATE_LIMITS}: comma-separated {@code <appid|*>:<bucket>=<n>/<period>
 * [/burst]}, e.g. {@code *:mass=60/1m,wx5823bf96d3bd56c7:message/custom/send=200/1s}. An appid's
 * own entry wins over {@code *}; without an entry a bucket is not limited by wxrelay.
 */
public final class RateLimits {
  public static final String MASS = "mass";

  /** WeChat's documented limit of the mass APIs (docs/wechat-api.md §2.1). */
  public static final String DEFAULT_SPEC = "*:" + MASS + "=60/1m";

  private static final Pattern ENTRY =
      Pattern.compile(
          "(\\*|" + Ids.APPID_REGEX + "):([a-z0-9_/]+)=(\\d+)/(\\d+)(ms|s|m|h)(?:/(\\d+))?");

  private final Map<String, Limit> limits;

  private RateLimits(Map<String, Limit> limits) {
    this.limits = Map.copyOf(limits);
  }

  public static RateLimits parse(String variable, String spec) {
    Map<String, Limit> limits = new LinkedHashMap<>();
    int n = 0;
    for (String raw : spec.split(",")) {
      n++;
      if (raw.isBlank()) {
        continue;
      }
      Matcher m = ENTRY.matcher(raw.trim());
      if (!m.matches()) {
        throw new ConfigException(
            variable, "entry " + n + " is not <appid|*>:<bucket>=<n>/<period>[/burst]");
      }
      long amount = Long.parseLong(m.group(4));
      Duration period =
          switch (m.group(5)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
          };
      int burst = m.group(6) == null ? 1 : Integer.parseInt(m.group(6));
      try {
        limits.put(
            m.group(1) + " " + m.group(2), new Limit(Integer.parseInt(m.group(3)), period, burst));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(variable, "entry " + n + ": " + e.getMessage());
      }
    }
    return new RateLimits(limits);
  }

  /** The bucket an API's calls count against. */
  public static String bucketOf(String api) {
    return switch (api) {
      case "message/mass/sendall", "message/mass/send", "message/mass/preview" -> MASS;
      default -> api;
    };
  }

  /** The limit for {@code appid} × {@code bucket}, if any. */
  public Optional<Limit> limitFor(String appid, String bucket) {
    Limit own = limits.get(appid + " " + bucket);
    return Optional.ofNullable(own != null ? own : limits.get("* " + bucket));
  }

  @Override
  public String toString() {
    return limits.toString();
  }
}
