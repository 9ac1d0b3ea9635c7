package io.wxrelay.worker;

import io.wxrelay.testkit.ChildJvm;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * What a test that waits for every result says when some never came: the open commands, and for the
 * first of them what the ledger holds (the claim, the key's order and its due times), so that a
 * liveness failure names its cause instead of only timing out.
 */
final class OpenCommands {
  private static final int DETAILED = 15;

  private OpenCommands() {}

  /** The report for the {@code ids} of {@code f} without a result; empty when none is open. */
  static String report(WorkerFixture f, List<String> ids, Map<String, String> keyOf) {
    List<String> open = ids.stream().filter(id -> !f.results.has(id)).toList();
    if (open.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append(open.size()).append(" commands without a result; by key: ");
    out.append(
        open.stream()
            .collect(Collectors.groupingBy(keyOf::get, Collectors.counting()))
            .entrySet()
            .stream()
            .limit(20)
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ")));
    try (Jedis jedis = new Jedis(f.redisUrl)) {
      long now = Long.parseLong(jedis.time().getFirst()) * 1000;
      out.append("\nRedis time ").append(now);
      for (String id : open.subList(0, Math.min(DETAILED, open.size()))) {
        String key = keyOf.get(id);
        out.append("\n  ")
            .append(id)
            .append(" key ")
            .append(key)
            .append(" claim ")
            .append(jedis.hgetAll(f.workerPrefix + "cmd:" + id))
            .append(" order ")
            .append(jedis.lrange(f.workerPrefix + "order:" + key, 0, 5))
            .append(" due/seen ")
            .append(jedis.hgetAll(f.workerPrefix + "order-due:" + key));
      }
    }
    return out.toString();
  }

  /** The warnings and errors the workers logged, the last of each. */
  static String logs(List<ChildJvm> workers) {
    StringBuilder out = new StringBuilder();
    for (ChildJvm worker : workers) {
      List<String> lines =
          worker.output().lines().filter(l -> l.contains("WARN") || l.contains("ERROR")).toList();
      out.append("\nworker ").append(worker.pid()).append(": ").append(lines.size());
      out.append(" warnings and errors, the last:");
      lines
          .subList(Math.max(0, lines.size() - 15), lines.size())
          .forEach(l -> out.append("\n    ").append(l));
    }
    return out.toString();
  }
}
