package io.wxrelay.worker;

import io.wxrelay.worker.publish.PublishFailedException;
import io.wxrelay.worker.store.RedisStores;
import java.io.UncheckedIOException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which handler failures are broken infrastructure (Redis, Kafka, the network): tried again for as
 * long as they last, because the record is fine and nothing may be lost. Anything else is the
 * record's own doing (a bug it triggers) and is given up after a bound; so is a Kafka refusal of
 * what the record made (too large, not valid for the topic), which no retry changes. Redis errors
 * that only a human can fix (NOPERM, OOM...) are told apart before this, by {@code RedisTrouble}
 * (decision 0026).
 */
final class InfrastructureFailures {
  private InfrastructureFailures() {}

  static boolean test(Exception failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof RecordTooLargeException
          || t instanceof RecordBatchTooLargeException
          || t instanceof InvalidRecordException
          || t instanceof SerializationException) {
        return false;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (RedisStores.isRedisFailure(t)
          || t instanceof KafkaException
          || t instanceof PublishFailedException
          || t instanceof UncheckedIOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
