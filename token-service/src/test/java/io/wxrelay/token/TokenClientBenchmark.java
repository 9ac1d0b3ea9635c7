package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;

import io.wxrelay.token.client.TokenClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Measures the token client (bench/token-client.sh): {@code current()} from the pub/sub-fed cache,
 * a fresh Redis read, and the upstream fetches of a reportInvalid storm (3 processes × 200
 * callers). Prints a Markdown table and writes it to the file named by the first argument. Bounded:
 * fixed call counts, loopback Redis and an in-process wechat-sim.
 */
public final class TokenClientBenchmark {
  private static final int CACHE_CALLS = 2_000_000;
  private static final int REDIS_READS = 20_000;

  private TokenClientBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (TokenFixture f = TokenFixture.forBench()) {
      f.replica("classic", Map.of());
      f.replica("classic", Map.of());
      TokenClient client = f.client(Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (client.read(APPID).isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      long[] cache = time(CACHE_CALLS, () -> client.current(APPID));
      long[] redis = time(REDIS_READS, () -> client.read(APPID));
      long storm = storm(f, client);

      String table =
          "# token client: current() and the reportInvalid storm\n\n"
              + f.machine()
              + ".\n"
              + "Command: bench/token-client.sh\n\n"
              + "| measurement | calls | p50 | p99 | max |\n|---|---:|---:|---:|---:|\n"
              + row("current() from the cache", cache)
              + row("fresh read from Redis (HGETALL)", redis)
              + "\n| storm: 3 processes × 200 concurrent reportInvalid of one generation | upstream fetches |\n"
              + "|---|---:|\n| classic endpoint, 2 token-service replicas | "
              + storm
              + " |\n";
      System.out.print(table);
      if (args.length > 0) {
        Files.writeString(Path.of(args[0]), table);
      }
    }
  }

  private static long storm(TokenFixture f, TokenClient client) throws Exception {
    long generation = client.read(APPID).orElseThrow().generation();
    long before = f.sim.truth().calls("token", APPID);
    Storm.run(f, generation, 3, 200);
    return f.sim.truth().calls("token", APPID) - before;
  }

  private static long[] time(int calls, Runnable call) {
    for (int i = 0; i < Math.min(calls, 100_000); i++) {
      call.run(); // warm-up
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static String row(String what, long[] sorted) {
    return "| "
        + what
        + " | "
        + sorted.length
        + " | "
        + fmt(sorted[(int) (sorted.length * 0.50)])
        + " | "
        + fmt(sorted[(int) (sorted.length * 0.99)])
        + " | "
        + fmt(sorted[sorted.length - 1])
        + " |\n";
  }

  private static String fmt(long nanos) {
    return nanos < 10_000 ? nanos + " ns" : String.format("%.1f µs", nanos / 1000.0);
  }
}
