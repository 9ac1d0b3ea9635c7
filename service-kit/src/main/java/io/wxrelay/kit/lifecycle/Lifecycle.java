package io.wxrelay.kit.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a service's long-lived parts and closes them in reverse order of registration: what was
 * started last (the consumer) stops first, what everything needs (the producer, Redis pool, admin
 * server) stops last. Closing is idempotent, survives a part that fails to close, and can be tied
 * to JVM shutdown with {@link #closeOnShutdown()}.
 */
public final class Lifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  private final String name;
  private final Deque<Part> parts = new ArrayDeque<>();
  private boolean closed;

  private record Part(String name, AutoCloseable closeable) {}

  public Lifecycle(String name) {
    this.name = name;
  }

  /** Registers {@code part} to be closed before everything registered earlier; returns it. */
  public synchronized <T extends AutoCloseable> T register(String partName, T part) {
    if (closed) {
      throw new IllegalStateException(name + " is closed; cannot add " + partName);
    }
    parts.push(new Part(partName, part));
    return part;
  }

  /** Closes this lifecycle when the JVM shuts down (SIGTERM, Ctrl-C, end of main). */
  public Lifecycle closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, name + "-shutdown"));
    return this;
  }

  /**
   * The end of a service's {@code main}: closes {@code service} when the JVM shuts down (SIGTERM,
   * Ctrl-C) and blocks the calling thread until then.
   */
  public static void serveUntilShutdown(String name, AutoCloseable service)
      throws InterruptedException {
    new Lifecycle(name).closeOnShutdown().register(name, service);
    Thread.currentThread().join();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!parts.isEmpty()) {
      Part part = parts.pop();
      try {
        part.closeable().close();
        log.info("{}: closed {}", name, part.name());
      } catch (Exception e) {
        log.warn("{}: closing {} failed; going on with the rest", name, part.name(), e);
      }
    }
  }
}
