package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;

import io.wxrelay.testkit.ChildJvm;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ticket storm (bench/ticket-storm.sh): 3 web-app processes × 200 callers ask for the jsapi
 * ticket at once while 3 token-service replicas start on an empty Redis, then the same callers
 * report its generation invalid at once; counts the getticket calls the simulator saw. Prints a
 * Markdown table and writes it to the file named by the first argument. Bounded: fixed callers, a
 * 60 s limit per process, loopback Redis, an in-process wechat-sim.
 */
public final class TicketStormBenchmark {
  private static final int PROCESSES = 3;
  private static final int CALLERS = 200;
  private static final int REPLICAS = 3;

  private TicketStormBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (TokenFixture f = TokenFixture.forBench()) {
      List<ChildJvm> pages = start(f, "get");
      for (int i = 0; i < REPLICAS; i++) {
        f.replica("stable", Map.of("TOKEN_TICKETS", "jsapi", "TOKEN_REPLICA_ID", "bench-" + i));
      }
      String cold = finish(pages);
      long coldCalls = f.sim.truth().calls("ticket/getticket", APPID);
      long coldIssued = f.sim.truth().tokensIssued("ticket/jsapi", APPID);

      TokenClient client = f.client(Duration.ofSeconds(10));
      long generation = client.ticket(APPID, TicketType.JSAPI).generation();
      String reported = finish(start(f, "report", Long.toString(generation)));
      long reportCalls = f.sim.truth().calls("ticket/getticket", APPID) - coldCalls;

      String table =
          "# JS-SDK ticket storm\n\n"
              + f.machine()
              + ", wechat-sim in process.\n"
              + "Command: bench/ticket-storm.sh\n\n"
              + "| storm | getticket calls | tickets issued | what the callers got |\n"
              + "|---|---:|---:|---|\n"
              + "| 3 processes × 200 callers ask for the jsapi ticket while 3 replicas start"
              + " on an empty Redis | "
              + coldCalls
              + " | "
              + coldIssued
              + " | "
              + cold
              + " |\n"
              + "| the same 3 × 200 report generation "
              + generation
              + " invalid at once | "
              + reportCalls
              + " | 0 new (WeChat answers the same ticket while valid) | "
              + reported
              + " |\n\n"
              + "A report costs two calls: getticket answers the ticket in use, then the forced"
              + " fetch (one of the day's TOKEN_FORCE_DAILY_LIMIT) writes it as the next generation,"
              + " which releases every waiting caller. slowestMs: the longest one caller of the"
              + " process waited from its first ask; the processes are started just before the"
              + " replicas, so a process whose JVM came up after the ticket was written finds it"
              + " at once.\n";
      System.out.print(table);
      if (args.length > 0) {
        Files.writeString(Path.of(args[0]), table);
      }
    }
  }

  private static List<ChildJvm> start(TokenFixture f, String... mode) {
    List<ChildJvm> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      List<String> args = new ArrayList<>(List.of(APPID, Integer.toString(CALLERS)));
      args.addAll(List.of(mode));
      processes.add(
          f.closeLater(
              ChildJvm.start(
                  TicketStormClientMain.class,
                  Map.of("REDIS_URL", f.redisUrl, "TOKEN_REDIS_PREFIX", f.prefix),
                  args.toArray(String[]::new))));
    }
    return processes;
  }

  /** Waits for every process (at most 60 s each); their lines joined. */
  private static String finish(List<ChildJvm> processes) throws Exception {
    List<String> lines = new ArrayList<>();
    for (ChildJvm process : processes) {
      if (process.waitFor(60) != 0) {
        throw new IllegalStateException("storm process failed:\n" + process.output());
      }
      lines.add(process.output().lines().filter(l -> l.startsWith("ok=")).findFirst().orElse("?"));
    }
    return String.join("; ", lines);
  }
}
