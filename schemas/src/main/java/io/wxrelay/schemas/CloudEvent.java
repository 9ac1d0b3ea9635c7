package io.wxrelay.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record value on any wxrelay topic: a CloudEvents 1.0 structured-mode envelope around a typed
 * {@code data} record.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique per event; for commands it is the idempotency key
 * @param source URI-reference of the producer, e.g. {@code /crm}
 * @param type one of {@link EventType}'s values
 * @param time when the producer created the event; optional in what wxrelay reads (CloudEvents
 *     makes it optional), always set in what it writes
 * @param subject the WeChat appid the event is about (absent only on dead letters of unreadable
 *     records)
 * @param datacontenttype {@value #JSON} or absent
 * @param data the payload, an instance of {@link EventType#dataClass()} of {@code type}
 * @param extensions extension attributes (CloudEvents §3: lower-case names of letters and digits,
 *     string, number or boolean values), e.g. {@code traceparent}; written beside the others
 * @param <T> the payload's record type
 */
public record CloudEvent<T>(
    String specversion,
    String id,
    String source,
    String type,
    Instant time,
    String subject,
    String datacontenttype,
    T data,
    @JsonIgnore Map<String, Object> extensions) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  /** The envelope schema's limit on {@code id}, in characters. */
  public static final int ID_MAX_LENGTH = 128;

  /**
   * The envelope's own attributes; any other is an extension attribute. {@code dataschema} is not a
   * component: the codec writes the type's own ({@link EventType#dataschema()}) and checks the one
   * it reads.
   */
  public static final Set<String> ATTRIBUTES =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "time",
          "subject",
          "datacontenttype",
          "dataschema",
          "data");

  /** Extension attributes wxrelay carries from a command to its result (W3C Trace Context). */
  public static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate");

  public CloudEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  /** An event without extension attributes. */
  public CloudEvent(
      String specversion,
      String id,
      String source,
      String type,
      Instant time,
      String subject,
      String datacontenttype,
      T data) {
    this(specversion, id, source, type, time, subject, datacontenttype, data, Map.of());
  }

  /** This event with {@code extensions} (replacing any it had). */
  public CloudEvent<T> withExtensions(Map<String, Object> extensions) {
    return new CloudEvent<>(
        specversion, id, source, type, time, subject, datacontenttype, data, extensions);
  }

  /** Its trace context ({@link #TRACE_CONTEXT}) as extension attributes, to carry on. */
  public Map<String, Object> traceContext() {
    Map<String, Object> trace = new LinkedHashMap<>();
    TRACE_CONTEXT.forEach(
        name -> {
          if (extensions.get(name) instanceof String value) {
            trace.put(name, value);
          }
        });
    return trace;
  }

  /** A new event of {@code type}; checks that {@code data} is that type's record. */
  public static <T> CloudEvent<T> of(
      EventType type, String id, String source, String subject, Instant time, T data) {
    if (!type.dataClass().isInstance(data)) {
      throw new IllegalArgumentException(
          type.value()
              + " carries "
              + type.dataClass().getSimpleName()
              + ", not "
              + data.getClass());
    }
    return new CloudEvent<>(SPEC_VERSION, id, source, type.value(), time, subject, JSON, data);
  }

  /** Whether {@code id} can be an envelope's id: 1 to {@link #ID_MAX_LENGTH} characters. */
  public static boolean isValidId(String id) {
    return id != null && !id.isEmpty() && id.length() <= ID_MAX_LENGTH;
  }

  /**
   * The id of an event derived from another ({@code result-<command id>}): {@code prefix + id} when
   * that fits {@link #ID_MAX_LENGTH}, else {@code prefix + "sha256-"} and the id's SHA-256 in hex,
   * as deterministic and as unique. A command id may use all 128 characters, so the prefixed id
   * does not always fit.
   */
  public static String derivedId(String prefix, String id) {
    return prefix.length() + id.length() <= ID_MAX_LENGTH
        ? prefix + id
        : prefix + "sha256-" + Ids.sha256Hex(id);
  }

  /** The {@link EventType} named by {@link #type()}. */
  public EventType eventType() {
    return EventType.byValue(type).orElseThrow();
  }

  /** This event's data as {@code clazz}, or an exception naming both types. */
  public <D> D dataAs(Class<D> clazz) {
    if (!clazz.isInstance(data)) {
      throw new IllegalStateException(type + " carries " + data.getClass().getSimpleName());
    }
    return clazz.cast(data);
  }
}
