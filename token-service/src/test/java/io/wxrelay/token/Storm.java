package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;

import io.wxrelay.testkit.ChildJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The storm scenario: worker processes × callers report one generation invalid at once. */
final class Storm {
  private Storm() {}

  /** Runs it and returns the workers, all finished (their output says what each got). */
  static List<ChildJvm> run(TokenFixture f, long generation, int processes, int callers)
      throws Exception {
    List<ChildJvm> workers = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      workers.add(
          f.closeLater(
              ChildJvm.start(
                  StormClientMain.class,
                  Map.of("REDIS_URL", f.redisUrl, "TOKEN_REDIS_PREFIX", f.prefix),
                  APPID,
                  Long.toString(generation),
                  Integer.toString(callers))));
    }
    for (ChildJvm worker : workers) {
      if (worker.waitFor(60) != 0) {
        throw new IllegalStateException("storm worker failed:\n" + worker.output());
      }
    }
    return workers;
  }
}
