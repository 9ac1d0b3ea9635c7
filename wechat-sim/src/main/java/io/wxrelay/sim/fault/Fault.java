package io.wxrelay.sim.fault;

/** One way a simulated API call can go wrong. */
public sealed interface Fault {
  /** WeChat answers HTTP 200 with this errcode; nothing happens. */
  record ErrCode(int code) implements Fault {}

  /** An HTTP error status (e.g. 502 from WeChat's gateway); nothing happens. */
  record HttpStatus(int status) implements Fault {}

  /** The connection is reset (TCP RST) before the request is handled; nothing happens. */
  record Reset() implements Fault {}

  /** No answer at all: the connection stays open and silent; nothing happens. */
  record Hang() implements Fault {}

  /**
   * The request is carried out (a message is delivered, a broadcast submitted), then the connection
   * is reset before the answer: the caller cannot tell whether it worked.
   */
  record Lost() implements Fault {}

  /**
   * Parses {@code -1}, {@code 45011}, {@code http503}, {@code reset}, {@code hang}, {@code lost}.
   */
  static Fault parse(String text) {
    String t = text.trim();
    if (t.equals("reset")) {
      return new Reset();
    }
    if (t.equals("hang")) {
      return new Hang();
    }
    if (t.equals("lost")) {
      return new Lost();
    }
    if (t.startsWith("http")) {
      int status = Integer.parseInt(t.substring(4));
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an HTTP fault is 4xx or 5xx, not " + status);
      }
      return new HttpStatus(status);
    }
    try {
      return new ErrCode(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "unknown fault '" + t + "' (an errcode, httpNNN, reset, hang or lost)");
    }
  }
}
