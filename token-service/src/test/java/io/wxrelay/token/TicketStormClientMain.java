package io.wxrelay.token;

import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenClient;
import io.wxrelay.token.client.TokenUnavailableException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One web-app process of the ticket storm: {@code callers} threads at once either ask for the jsapi
 * ticket until there is one ({@code get}: a page load retrying every 10 ms, for at most 30 s) or
 * report one generation invalid ({@code report}). Prints {@code ok=<n> generations=<set>
 * slowestMs=<ms>}. Args: appid callers get|report [generation].
 */
public final class TicketStormClientMain {
  private static final Duration GIVE_UP = Duration.ofSeconds(30);

  private TicketStormClientMain() {}

  public static void main(String[] args) throws Exception {
    String appid = args[0];
    boolean report = args[2].equals("report");
    long generation = report ? Long.parseLong(args[3]) : 0;
    try (TokenClient client = StormCallers.client()) {
      System.out.println(
          StormCallers.run(
              Integer.parseInt(args[1]),
              () ->
                  report
                      ? client.reportTicketInvalid(appid, TicketType.JSAPI, generation).generation()
                      : firstTicket(client, appid)));
    }
  }

  private static long firstTicket(TokenClient client, String appid) {
    long start = System.nanoTime();
    while (true) {
      try {
        return client.ticket(appid, TicketType.JSAPI).generation();
      } catch (TokenUnavailableException e) {
        if (System.nanoTime() - start > GIVE_UP.toNanos()) {
          throw e;
        }
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // a page retrying, not a sync
      }
    }
  }
}
