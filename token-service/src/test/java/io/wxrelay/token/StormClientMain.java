package io.wxrelay.token;

import io.wxrelay.token.client.TokenClient;

/**
 * One worker process of the storm test: {@code callers} threads report the same generation invalid
 * at once. Prints {@code ok=<n> generations=<set> slowestMs=<ms>}. Args: appid generation callers.
 */
public final class StormClientMain {
  private StormClientMain() {}

  public static void main(String[] args) throws Exception {
    String appid = args[0];
    long generation = Long.parseLong(args[1]);
    try (TokenClient client = StormCallers.client()) {
      System.out.println(
          StormCallers.run(
              Integer.parseInt(args[2]),
              () -> client.reportInvalid(appid, generation).generation()));
    }
  }
}
