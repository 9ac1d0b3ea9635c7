package io.wxrelay.worker.publish;

import static io.wxrelay.schemas.KafkaBinding.ERROR_MESSAGE_HEADER;
import static io.wxrelay.schemas.KafkaBinding.ERROR_OFFSET_HEADER;
import static io.wxrelay.schemas.KafkaBinding.ERROR_PARTITION_HEADER;
import static io.wxrelay.schemas.KafkaBinding.ERROR_REASON_HEADER;
import static io.wxrelay.schemas.KafkaBinding.ERROR_TOPIC_HEADER;
import static io.wxrelay.schemas.KafkaBinding.ORIGINAL_HEADER_PREFIX;

import io.wxrelay.kit.kafka.CloudEventRecords;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.codec.ContractViolation;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.schemas.outcome.MassFinished;
import io.wxrelay.schemas.outcome.PublishFinished;
import io.wxrelay.schemas.outcome.TemplateFinished;
import io.wxrelay.schemas.outcome.UsersPage;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.parking.Parked;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the worker decides: results, dead letters and parked retries. Every send waits for
 * Kafka's acknowledgement ({@code acks=all}) so that a record's offset is committed only after its
 * outcome is durable; a failure is an exception (the engine tries the record again).
 */
public final class OutcomePublisher {
  private static final Logger log = LoggerFactory.getLogger(OutcomePublisher.class);

  /**
   * The largest dead letter value written: under Kafka's default 1 MiB for a record (the producer's
   * {@code max.request.size}, the broker's {@code message.max.bytes}), with room for its headers.
   */
  static final int MAX_LETTER_BYTES = 900_000;

  private final Producer<String, byte[]> producer;
  private final ContractCodec codec;
  private final Topics topics;
  private final String source;
  private final Duration ackTimeout;
  private final Clock clock;

  /** Where each kind of outcome goes. */
  public record Topics(String results, String retry, String dlq) {}

  public OutcomePublisher(
      Producer<String, byte[]> producer,
      ContractCodec codec,
      Topics topics,
      String source,
      Duration ackTimeout,
      Clock clock) {
    this.producer = producer;
    this.codec = codec;
    this.topics = topics;
    this.source = source;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  /**
   * The record value of {@code result}: its event id is derived from the command id. A result that
   * does not fit its own schema (WeChat answered with a value the contract does not allow, or a bug
   * of ours) is published without WeChat's fields and with a reason that says so: failing here
   * would retry the record forever and hold its partition.
   */
  public byte[] encodeResult(String appid, CommandResult result) {
    return encodeResult(appid, result, Map.of());
  }

  /** As {@link #encodeResult(String, CommandResult)}, with the command's trace context. */
  public byte[] encodeResult(String appid, CommandResult result, Map<String, Object> trace) {
    return encodeOrFallBack(
        resultEvent(appid, result).withExtensions(trace),
        "the result of command",
        result.commandId(),
        violation ->
            resultEvent(appid, withoutWeChatFields(result, violation)).withExtensions(trace));
  }

  /**
   * Encodes {@code event}; one that breaks its schema is logged (as {@code what whose}) and
   * replaced by {@code fallback}'s event, which leaves out the fields that may have broken it.
   */
  private byte[] encodeOrFallBack(
      CloudEvent<?> event,
      String what,
      Object whose,
      Function<ContractViolation, CloudEvent<?>> fallback) {
    try {
      return codec.encode(event);
    } catch (ContractViolation violation) {
      log.error(
          "{} {} does not fit {} ({}); publishing it without the fields that may break it",
          what,
          whose,
          event.type(),
          violation.problems());
      return codec.encode(fallback.apply(violation));
    }
  }

  private CloudEvent<CommandResult> resultEvent(String appid, CommandResult result) {
    return CloudEvent.of(
        EventType.RESULT,
        CloudEvent.derivedId("result-", result.commandId()),
        source,
        appid,
        result.completedAt(),
        result);
  }

  private static CommandResult withoutWeChatFields(
      CommandResult result, ContractViolation violation) {
    String why =
        "the result did not fit wechat.result ("
            + violation.problems()
            + "); WeChat's response fields were left out";
    return new CommandResult(
        result.commandId(),
        result.commandType(),
        result.status(),
        result.attempts(),
        result.errcode(),
        null,
        result.errorClass(),
        result.reason() == null ? why : result.reason() + "; " + why,
        null,
        null,
        result.completedAt());
  }

  /** Publishes a result value (from {@link #encodeResult}, or as the ledger stored it). */
  public void result(String commandId, byte[] value) {
    send(CloudEventRecords.structured(topics.results(), commandId, value));
  }

  /**
   * Publishes {@code letter} for {@code original} to the DLQ. Besides the envelope, the record
   * carries where the original was and why it is dead in Kafka Connect's error headers (what
   * generic DLQ tooling shows), and the original's own headers under {@link
   * io.wxrelay.schemas.KafkaBinding#ORIGINAL_HEADER_PREFIX} (a binary-mode command's attributes are
   * there).
   */
  public void deadLetter(InboundRecord original, String appid, DeadLetter letter) {
    ProducerRecord<String, byte[]> record =
        CloudEventRecords.structured(
            topics.dlq(), original.key(), encodeDeadLetter(original, appid, letter));
    record.headers().add(header(ERROR_TOPIC_HEADER, original.topic()));
    record.headers().add(header(ERROR_PARTITION_HEADER, Integer.toString(original.partition())));
    record.headers().add(header(ERROR_OFFSET_HEADER, Long.toString(original.offset())));
    record.headers().add(header(ERROR_REASON_HEADER, letter.errorClass().json()));
    if (letter.reason() != null) {
      record.headers().add(header(ERROR_MESSAGE_HEADER, letter.reason()));
    }
    original
        .headers()
        .forEach((name, value) -> record.headers().add(ORIGINAL_HEADER_PREFIX + name, value));
    send(record);
  }

  /**
   * The record value of {@code letter} for {@code original}. A letter that does not fit its schema
   * (a bug of ours) goes without the fields read from the command, with a reason that says so: the
   * original bytes are in it, and failing here would retry the record forever.
   */
  public byte[] encodeDeadLetter(InboundRecord original, String appid, DeadLetter letter) {
    String id =
        CloudEvent.derivedId(
            "dead-",
            letter.commandId() != null
                ? letter.commandId()
                : original.topic() + "-" + original.partition() + "-" + original.offset());
    byte[] value = encodeLetter(id, appid, letter, original);
    if (value.length <= MAX_LETTER_BYTES) {
      return value;
    }
    // Base64 makes a record of up to Kafka's 1 MiB too large for a letter: Kafka would refuse it
    // on every try. The letter then says where the record is instead of holding it.
    return encodeLetter(
        id,
        appid,
        letter.withoutOriginalValue(
            "the original value ("
                + (original.value() == null ? 0 : original.value().length)
                + " bytes) is too large for a dead letter and is left out: it is at "
                + original.topic()
                + "-"
                + original.partition()
                + "@"
                + original.offset()
                + " while the topic keeps it"),
        original);
  }

  private byte[] encodeLetter(String id, String appid, DeadLetter letter, InboundRecord original) {
    return encodeOrFallBack(
        deadLetterEvent(id, appid, letter),
        "the dead letter of",
        original,
        violation ->
            deadLetterEvent(
                id,
                appid,
                letter.withoutCommandFields(
                    "the dead letter did not fit wechat.command.deadletter ("
                        + violation.problems()
                        + "); the command's own fields were left out")));
  }

  private CloudEvent<DeadLetter> deadLetterEvent(String id, String appid, DeadLetter letter) {
    return CloudEvent.of(
        EventType.COMMAND_DEADLETTER, id, source, appid, letter.failedAt(), letter);
  }

  /** Parks {@code original} on the retry topic, in the state {@code parked}. */
  public void park(InboundRecord original, Parked parked) {
    // The record as it came, headers included (a binary-mode command's attributes are there),
    // marked structured when it came without a content-type; its earlier parking replaced.
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topics.retry(), original.key(), original.value());
    original
        .headers()
        .forEach(
            (name, value) -> {
              if (!Parked.isHeader(name)) {
                record.headers().add(name, value);
              }
            });
    CloudEventRecords.markStructured(record.headers());
    parked.writeTo(record.headers());
    send(record);
  }

  /** Publishes {@code finished}, keyed by its command id; its id derived from the event's. */
  public void massFinished(String appid, MassFinished finished) {
    finished(EventType.MASS_FINISHED, appid, finished.commandId(), finished.eventId(), finished);
  }

  /** Publishes {@code finished}, keyed by its command id; its id derived from the event's. */
  public void templateFinished(String appid, TemplateFinished finished) {
    finished(
        EventType.TEMPLATE_FINISHED, appid, finished.commandId(), finished.eventId(), finished);
  }

  /** Publishes a publish task's finish joined to its command, keyed by the command id. */
  public void publishFinished(String appid, PublishFinished finished) {
    finished(EventType.PUBLISH_FINISHED, appid, finished.commandId(), finished.eventId(), finished);
  }

  private void finished(
      EventType type, String appid, String commandId, String eventId, Object finished) {
    byte[] value =
        codec.encode(
            CloudEvent.of(
                type,
                CloudEvent.derivedId("finished-", eventId),
                source,
                appid,
                clock.instant(),
                finished));
    send(CloudEventRecords.structured(topics.results(), commandId, value));
  }

  /**
   * Publishes page {@code page} of a follower walk as {@code wechat.users.page} under {@code
   * eventId}, keyed by its command id and carrying the command's {@code trace} context, as a result
   * is.
   */
  public void usersPage(String appid, String eventId, UsersPage page, Map<String, Object> trace) {
    byte[] value =
        codec.encode(
            CloudEvent.of(EventType.USERS_PAGE, eventId, source, appid, clock.instant(), page)
                .withExtensions(trace));
    send(CloudEventRecords.structured(topics.results(), page.commandId(), value));
  }

  private static RecordHeader header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new PublishFailedException(
          "publishing to " + record.topic() + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new PublishFailedException(
          "no acknowledgement from " + record.topic() + " within " + ackTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + record.topic());
    }
  }
}
