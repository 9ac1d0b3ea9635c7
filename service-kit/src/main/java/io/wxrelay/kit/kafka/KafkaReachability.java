package io.wxrelay.kit.kafka;

import io.wxrelay.kit.admin.Health;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the brokers answer, for a readiness check: a metadata request (describe cluster) that
 * must come back within {@link #TIMEOUT}. A producer or consumer alone cannot tell: an idle
 * producer has nothing to be refused, and a consumer keeps polling an empty fetch while its broker
 * is gone. Answers are reused for {@link #FRESH}, so frequent probes cost one request.
 */
public final class KafkaReachability implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final Duration FRESH = Duration.ofSeconds(1);

  private final Admin admin;
  private Health last = Health.down("not checked yet");
  private long checkedAt = System.nanoTime() - FRESH.toNanos();

  public KafkaReachability(Admin admin) {
    this.admin = admin;
  }

  /** Reachability through an admin client of its own, named {@code clientId}. */
  public static KafkaReachability of(KafkaClients kafka, String clientId) {
    return new KafkaReachability(kafka.admin(clientId));
  }

  /** Up with the number of brokers that answered, or down with why. */
  public synchronized Health health() {
    if (System.nanoTime() - checkedAt < FRESH.toNanos()) {
      return last;
    }
    last = probe();
    checkedAt = System.nanoTime();
    return last;
  }

  private Health probe() {
    try {
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
              .nodes()
              .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
              .size();
      return Health.ok(brokers + (brokers == 1 ? " broker answers" : " brokers answer"));
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      return Health.down(
          "Kafka does not answer within "
              + TIMEOUT.toSeconds()
              + " s ("
              + cause.getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down("interrupted while asking Kafka");
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
