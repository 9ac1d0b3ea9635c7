package io.wxrelay.schemas.codec;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractViolation.Problem;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a record's {@code dataschema} may say. A URI of wxrelay's ({@link EventType#SCHEMA_BASE})
 * must name the record's own type and a version of its schema this release reads: data written to a
 * newer, incompatible schema is refused, not misread. Any other URI (an upstream team's own
 * registry) is the producer's business and is accepted as it is.
 */
final class DataSchemaRule {
  private static final Pattern OURS =
      Pattern.compile(
          Pattern.quote(EventType.SCHEMA_BASE)
              + "(wechat\\.[a-z0-9_.]+)\\.v(\\d{1,9})\\.schema\\.json");

  private DataSchemaRule() {}

  /** What is wrong with {@code dataschema} on a record of {@code type}; empty when nothing. */
  static Optional<Problem> problem(EventType type, String dataschema) {
    if (dataschema == null || !dataschema.startsWith(EventType.SCHEMA_BASE)) {
      return Optional.empty();
    }
    Matcher named = OURS.matcher(dataschema);
    if (!named.matches()) {
      return Optional.of(
          wrong("is no schema of wxrelay's; " + type.value() + " has " + type.dataschema()));
    }
    if (!named.group(1).equals(type.value())) {
      return Optional.of(wrong("is the schema of " + named.group(1) + ", not of " + type.value()));
    }
    int version = Integer.parseInt(named.group(2));
    if (version != type.schemaVersion()) {
      return Optional.of(
          wrong(
              "names version "
                  + version
                  + " of "
                  + type.value()
                  + "'s schema; this wxrelay reads version "
                  + type.schemaVersion()));
    }
    return Optional.empty();
  }

  private static Problem wrong(String message) {
    return new Problem("/dataschema", message);
  }
}
