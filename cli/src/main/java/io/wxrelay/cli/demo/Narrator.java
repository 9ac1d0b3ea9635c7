package io.wxrelay.cli.demo;

import java.io.PrintWriter;

/** What the demo prints: a line a step, what went wrong, and the closing table. */
final class Narrator {
  private final PrintWriter out;
  private final Summary summary = new Summary();
  private boolean allGood = true;

  Narrator(PrintWriter out) {
    this.out = out;
  }

  void say(String format, Object... args) {
    out.println(args.length == 0 ? format : String.format(format, args));
    out.flush();
  }

  /** A result's or a broadcast's progress line, indented under its step. */
  void progress(String line) {
    say("   %s", line);
  }

  /** A step that did not do what it should: said with a mark, and the demo will not exit 0. */
  void fail(String format, Object... args) {
    allGood = false;
    say("   ! " + format, args);
  }

  boolean allGood() {
    return allGood;
  }

  /** A row of the summary: what, what was observed, and where. */
  void row(String what, String observed, String where) {
    summary.row(what, observed, where);
  }

  void printSummary() {
    summary.print(out);
    out.flush();
  }
}
