package io.wxrelay.kit.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * Running a step in a span of its own, and marking a span failed the way every wxrelay span is:
 * status ERROR and the semantic conventions' {@code error.type}, never an exception's message (it
 * could quote what a log or a trace must not hold).
 */
public final class Spans {
  /** The semantic conventions' {@code error.type}: the class of the failure. */
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private Spans() {}

  /** A step that returns a value and may throw. */
  @FunctionalInterface
  public interface Step<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Runs {@code step} with {@code span} current, ends the span, and marks it failed when the step
   * throws.
   */
  public static <T, E extends Exception> T within(Span span, Step<T, E> step) throws E {
    try (Scope ignored = span.makeCurrent()) {
      return step.run();
    } catch (Throwable e) {
      failed(span, e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }

  /** A step that returns nothing and may throw. */
  @FunctionalInterface
  public interface Action<E extends Exception> {
    void run() throws E;
  }

  /** As {@link #within}, for a step that returns nothing. */
  public static <E extends Exception> void run(Span span, Action<E> action) throws E {
    within(
        span,
        () -> {
          action.run();
          return Boolean.TRUE;
        });
  }

  /** Marks {@code span} failed with {@code errorType} (a class name, or a stable reason). */
  public static void failed(Span span, String errorType) {
    span.setStatus(StatusCode.ERROR, errorType);
    span.setAttribute(ERROR_TYPE, errorType);
  }
}
