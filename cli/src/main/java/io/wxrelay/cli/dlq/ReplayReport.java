package io.wxrelay.cli.dlq;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.dlq.ReplayPolicy.Decision;
import java.io.PrintWriter;

/** What {@code wxrelay dlq replay} prints: a line per letter, then the count, and its exit code. */
final class ReplayReport {
  private final PrintWriter out;
  private final boolean dryRun;
  private int replayed;
  private int refused;

  ReplayReport(PrintWriter out, boolean dryRun) {
    this.out = out;
    this.dryRun = dryRun;
  }

  /** Says what was decided on the letter of {@code id}, unless it is a plain replay. */
  void decided(String id, Decision decision) {
    switch (decision) {
      case Decision.Skip skip -> out.printf("skip    %s: %s%n", id, skip.why());
      case Decision.Refuse refuse -> {
        refused++;
        out.printf(
            "refuse  %s: not replayed because %s (--force sends it again)%n", id, refuse.why());
      }
      case Decision.Unheld unheld -> {
        refused++;
        out.printf(
            "skip    %s: the letter does not hold the command (too large for the DLQ); it is at"
                + " %s%n",
            id, unheld.where());
      }
      case Decision.Replay replay ->
          replay
              .overridden()
              .ifPresent(why -> out.printf("force   %s: replayed although %s%n", id, why));
    }
  }

  void wouldReplay(String id, String stored, String topic, String key) {
    replayed++;
    out.printf("would replay %s (stored result: %s) to %s, key %s%n", id, stored, topic, key);
  }

  void replayed(String id, String stored) {
    replayed++;
    out.printf("replayed %s (stored result was %s)%n", id, stored);
  }

  void changed(String id) {
    out.printf("skip    %s: its stored result changed while replaying; run again%n", id);
  }

  /** Prints the count; the exit code: not 0 when a letter was refused. */
  int finish() {
    out.printf("%d %s, %d refused%n", replayed, dryRun ? "would be replayed" : "replayed", refused);
    return refused > 0 ? CliError.NOT_SUCCEEDED : 0;
  }
}
