package io.wxrelay.schemas.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.networknt.schema.Error;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Ids;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractViolation.Kind;
import io.wxrelay.schemas.codec.ContractViolation.Problem;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes and decodes wxrelay record values: CloudEvents 1.0 structured JSON whose {@code data} is
 * validated against the JSON Schema of its {@code type} and bound to that type's record. What it
 * writes names that schema, with its version, in {@code dataschema}. Anything wrong ends in one
 * {@link ContractViolation}; a decoded event is always complete. Thread-safe; build one per
 * process.
 */
public final class ContractCodec {
  private static final int MAX_PROBLEMS = 20;

  /** The schema keywords that refuse a field the schema does not name. */
  private static final Set<String> UNKNOWN_FIELD =
      Set.of("additionalProperties", "unevaluatedProperties");

  private final JsonMapper mapper;
  private final SchemaCatalog schemas;

  private ContractCodec(JsonMapper mapper, SchemaCatalog schemas) {
    this.mapper = mapper;
    this.schemas = schemas;
  }

  /** Loads every schema now, so a missing or broken schema fails at startup. */
  public static ContractCodec create() {
    return new ContractCodec(newMapper(), new SchemaCatalog(true));
  }

  /**
   * A codec that loads each schema when a record is first checked against it (the envelope's when
   * the first record is read, a type's when a record of it is first written or read): for a
   * short-lived process that checks one type (the CLI writing one command), where loading all of
   * them would be most of its start-up. It accepts and refuses exactly what {@link #create()}'s
   * codec does.
   */
  public static ContractCodec lazy() {
    return new ContractCodec(newMapper(), new SchemaCatalog(false));
  }

  /**
   * The JSON mapper wxrelay uses for its contracts: strict on input (duplicate keys, trailing
   * tokens), nulls left out on output.
   */
  public static JsonMapper newMapper() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .changeDefaultPropertyInclusion(
            incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
        .build();
  }

  /** The mapper this codec reads and writes with. */
  public JsonMapper mapper() {
    return mapper;
  }

  /**
   * Validates {@code event} against its schemas and writes it as UTF-8 JSON. The envelope's rules
   * are checked in code ({@link OutgoingEnvelope}), the data against its JSON Schema.
   */
  public byte[] encode(CloudEvent<?> event) {
    ObjectNode tree = envelope(event);
    checkBody(tree, event.id(), event.type(), false);
    return mapper.writeValueAsBytes(tree);
  }

  /**
   * As {@link #encode}, the envelope checked in code, but the data not validated against its JSON
   * Schema: only for a producer whose mapping cannot build data its schema refuses, and whose tests
   * hold every record it builds to the schema (callback-gateway's modelled messages, decision
   * 0036). The same bytes as {@link #encode} when the data is valid.
   */
  public byte[] encodeTrusted(CloudEvent<?> event) {
    ObjectNode tree = envelope(event);
    return mapper.writeValueAsBytes(tree);
  }

  /** The record value's tree: the envelope (its rules checked), dataschema, extensions, data. */
  private ObjectNode envelope(CloudEvent<?> event) {
    List<Problem> envelopeProblems = OutgoingEnvelope.problems(event);
    if (!envelopeProblems.isEmpty()) {
      throw new ContractViolation(Kind.ENVELOPE, envelopeProblems, event.id(), event.type());
    }
    ObjectNode tree = mapper.valueToTree(event);
    JsonNode data = tree.remove("data");
    tree.put("dataschema", knownType(event.id(), event.type()).dataschema());
    event.extensions().forEach((name, value) -> tree.set(name, mapper.valueToTree(value)));
    tree.set("data", data);
    return tree;
  }

  /** Reads, validates and binds one record value. */
  public CloudEvent<?> decode(byte[] value) {
    return bind(check(parse(value)));
  }

  /**
   * Reads a record in either mode of the CloudEvents Kafka binding: structured (the value is the
   * envelope; what {@link #decode(byte[])} reads) or binary ({@code ce_} headers hold the
   * attributes, the value is the data). {@code headers}: the last value of each header.
   */
  public CloudEvent<?> decode(byte[] value, Map<String, byte[]> headers) {
    if (!BinaryMode.applies(headers)) {
      return decode(value);
    }
    ObjectNode data;
    try {
      data = parse(value);
    } catch (ContractViolation v) {
      throw new ContractViolation(
          v.kind(),
          v.problems().stream().map(p -> new Problem("/data" + p.pointer(), p.message())).toList(),
          BinaryMode.attribute(headers, "id"),
          BinaryMode.attribute(headers, "type"));
    }
    return bind(check(BinaryMode.envelope(mapper, headers, data)));
  }

  /**
   * The subject of a record that did not decode, in either mode, when it is a well-formed appid:
   * what its dead letter and result are published under. Empty when it cannot be read.
   */
  public Optional<String> readableSubject(byte[] value, Map<String, byte[]> headers) {
    return Optional.ofNullable(readableAttribute(value, headers, "subject")).filter(Ids::isAppid);
  }

  /**
   * The trace context ({@link CloudEvent#TRACE_CONTEXT}) of a record that did not decode, in either
   * mode, as far as it can be read: what its result carries on.
   */
  public Map<String, Object> readableTraceContext(byte[] value, Map<String, byte[]> headers) {
    Map<String, Object> trace = new LinkedHashMap<>();
    for (String name : CloudEvent.TRACE_CONTEXT) {
      String attribute = readableAttribute(value, headers, name);
      if (attribute != null) {
        trace.put(name, attribute);
      }
    }
    return trace;
  }

  private String readableAttribute(byte[] value, Map<String, byte[]> headers, String name) {
    if (BinaryMode.applies(headers)) {
      return BinaryMode.attribute(headers, name);
    }
    try {
      return textOrNull(mapper.readTree(value).get(name));
    } catch (RuntimeException e) {
      return null; // not JSON, or empty
    }
  }

  /** As {@link #decode(byte[])}, and checks that the data is a {@code dataClass}. */
  public <T> CloudEvent<T> decode(byte[] value, Class<T> dataClass) {
    CloudEvent<?> event = decode(value);
    if (!dataClass.isInstance(event.data())) {
      throw new ContractViolation(
          Kind.UNKNOWN_TYPE,
          List.of(new Problem("/type", "expected a type carrying " + dataClass.getSimpleName())),
          event.id(),
          event.type());
    }
    @SuppressWarnings("unchecked") // checked by isInstance above
    CloudEvent<T> typed = (CloudEvent<T>) event;
    return typed;
  }

  private ObjectNode parse(byte[] value) {
    if (value == null || value.length == 0) {
      throw new ContractViolation(
          Kind.MALFORMED, List.of(problem("empty record value")), null, null);
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(value);
    } catch (JacksonException e) {
      throw new ContractViolation(Kind.MALFORMED, List.of(problem(describe(e))), null, null);
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new ContractViolation(
          Kind.ENVELOPE,
          List.of(problem("must be a JSON object, is " + tree.getNodeType())),
          null,
          null);
    }
    return object;
  }

  private Checked check(JsonNode tree) {
    String id = textOrNull(tree.get("id"));
    String typeName = textOrNull(tree.get("type"));
    List<Error> envelopeErrors = schemas.validateEnvelope(tree);
    if (!envelopeErrors.isEmpty()) {
      throw new ContractViolation(Kind.ENVELOPE, problems(envelopeErrors, ""), id, typeName);
    }
    return checkBody(tree, id, typeName, true);
  }

  /**
   * The checks after the envelope's: a known type, its subject, its data's schema. {@code reading}
   * a record of a type wxrelay produces (an event, a result), fields its schema does not know are
   * tolerated: a newer producer may have added them (docs/contracts.md, "Evolution"). Commands and
   * everything wxrelay writes stay strict.
   */
  private Checked checkBody(JsonNode tree, String id, String typeName, boolean reading) {
    EventType type = knownType(id, typeName);
    if (type.requiresSubject() && !tree.has("subject")) {
      throw new ContractViolation(
          Kind.ENVELOPE,
          List.of(new Problem("/subject", typeName + " needs the appid as subject")),
          id,
          typeName);
    }
    DataSchemaRule.problem(type, textOrNull(tree.get("dataschema")))
        .ifPresent(
            problem -> {
              throw new ContractViolation(Kind.ENVELOPE, List.of(problem), id, typeName);
            });
    List<Error> dataErrors = schemas.validateData(type, tree.get("data"));
    if (reading && type.topic() != Topic.COMMANDS) {
      dataErrors =
          dataErrors.stream().filter(e -> !UNKNOWN_FIELD.contains(e.getKeyword())).toList();
    }
    if (!dataErrors.isEmpty()) {
      throw new ContractViolation(Kind.SCHEMA, problems(dataErrors, "/data"), id, typeName);
    }
    List<Problem> rules = new ArrayList<>(ReplyPlaceholdersRule.problems(type, tree.path("data")));
    rules.addAll(MenuShapeRule.problems(type, tree.path("data")));
    if (!rules.isEmpty()) {
      throw new ContractViolation(Kind.SCHEMA, rules, id, typeName);
    }
    return new Checked(tree, type, id);
  }

  private static EventType knownType(String id, String typeName) {
    return EventType.byValue(typeName)
        .orElseThrow(
            () ->
                new ContractViolation(
                    Kind.UNKNOWN_TYPE,
                    List.of(new Problem("/type", "no wxrelay type is called '" + typeName + "'")),
                    id,
                    typeName));
  }

  private CloudEvent<?> bind(Checked checked) {
    JsonNode tree = checked.tree();
    Object data;
    try {
      data = mapper.treeToValue(tree.get("data"), checked.type().dataClass());
    } catch (DatabindException e) {
      // The schema accepted it, so this is a schema/record mismatch: still the caller's answer.
      throw new ContractViolation(
          Kind.SCHEMA,
          List.of(new Problem("/data" + pointerOf(e), e.getOriginalMessage())),
          checked.id(),
          checked.type().value());
    }
    return new CloudEvent<>(
        tree.get("specversion").asString(),
        checked.id(),
        tree.get("source").asString(),
        checked.type().value(),
        tree.has("time") ? OffsetDateTime.parse(tree.get("time").asString()).toInstant() : null,
        textOrNull(tree.get("subject")),
        textOrNull(tree.get("datacontenttype")),
        data,
        extensions(tree));
  }

  /** The attributes of {@code tree} that are not the envelope's own: its extensions. */
  private Map<String, Object> extensions(JsonNode tree) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    for (var field : tree.properties()) {
      if (!CloudEvent.ATTRIBUTES.contains(field.getKey())) {
        extensions.put(field.getKey(), mapper.treeToValue(field.getValue(), Object.class));
      }
    }
    return extensions;
  }

  private record Checked(JsonNode tree, EventType type, String id) {}

  private static List<Problem> problems(List<Error> errors, String prefix) {
    // unevaluatedProperties echoes every failure of a subschema; the real cause reads better first.
    return errors.stream()
        .sorted(Comparator.comparing(e -> "unevaluatedProperties".equals(e.getKeyword())))
        .limit(MAX_PROBLEMS)
        .map(e -> new Problem(prefix + e.getInstanceLocation().toString(), e.getMessage()))
        .toList();
  }

  private static Problem problem(String message) {
    return new Problem("", message);
  }

  private static String describe(JacksonException e) {
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)) + where;
  }

  private static String pointerOf(DatabindException e) {
    StringBuilder pointer = new StringBuilder();
    for (var ref : e.getPath()) {
      pointer.append('/');
      pointer.append(ref.getPropertyName() != null ? ref.getPropertyName() : ref.getIndex());
    }
    return pointer.toString();
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }
}
