package io.wxrelay.schemas.codec;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.Ids;
import io.wxrelay.schemas.codec.ContractViolation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of {@code cloudevent.schema.json}, checked in code on an event about to be encoded. A
 * {@link CloudEvent} record fixes the envelope's shape (no other properties, a {@code time} that is
 * an instant), so only its values need checking, and that costs a few string tests instead of a
 * JSON Schema run (~2.4 µs of an encode's ~6, bench/codec.sh). Records read from Kafka are still
 * validated against the schema itself; {@code OutgoingEnvelopeTest} holds the two to the same
 * answers.
 */
final class OutgoingEnvelope {
  static final int SOURCE_MAX_LENGTH = 256;
  private static final Pattern TYPE = Pattern.compile("^wechat\\.[a-z0-9_.]+$");

  /** CloudEvents' rule for attribute names (§3.1.1); the envelope schema's propertyNames. */
  private static final Pattern EXTENSION_NAME = Pattern.compile("^[a-z0-9]{1,20}$");

  private OutgoingEnvelope() {}

  /** What breaks the envelope schema in {@code event}, by JSON pointer; empty when nothing. */
  static List<Problem> problems(CloudEvent<?> event) {
    List<Problem> problems = new ArrayList<>(0);
    if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
      problems.add(new Problem("/specversion", "must be " + CloudEvent.SPEC_VERSION));
    }
    if (!CloudEvent.isValidId(event.id())) {
      problems.add(
          new Problem("/id", "must have 1 to " + CloudEvent.ID_MAX_LENGTH + " characters"));
    }
    String source = event.source();
    if (source == null || source.isEmpty() || source.length() > SOURCE_MAX_LENGTH) {
      problems.add(new Problem("/source", "must have 1 to " + SOURCE_MAX_LENGTH + " characters"));
    }
    if (!TYPE.matcher(event.type()).matches()) {
      problems.add(new Problem("/type", "must match " + TYPE.pattern()));
    }
    if (event.time() == null) {
      problems.add(new Problem("/time", "is required"));
    }
    if (event.subject() != null && !Ids.isAppid(event.subject())) {
      problems.add(new Problem("/subject", "must be an appid (" + Ids.APPID_REGEX + ")"));
    }
    if (event.datacontenttype() != null && !CloudEvent.JSON.equals(event.datacontenttype())) {
      problems.add(new Problem("/datacontenttype", "must be " + CloudEvent.JSON));
    }
    event
        .extensions()
        .forEach(
            (name, value) -> {
              if (!EXTENSION_NAME.matcher(name).matches() || CloudEvent.ATTRIBUTES.contains(name)) {
                problems.add(new Problem("/" + name, "is not an extension attribute name"));
              } else if (!(value instanceof String
                  || value instanceof Number
                  || value instanceof Boolean)) {
                problems.add(new Problem("/" + name, "must be a string, number or boolean"));
              }
            });
    return problems;
  }
}
