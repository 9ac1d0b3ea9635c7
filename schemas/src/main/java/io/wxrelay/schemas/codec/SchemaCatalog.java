package io.wxrelay.schemas.codec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.wxrelay.schemas.EventType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of the envelope and of every {@link EventType}, loaded once from the classpath
 * ({@code https://wxrelay.io/schemas/...} ids resolve to {@code classpath:schemas/...}), validated
 * by networknt's draft 2020-12 implementation with format assertions on. Eager (every schema now,
 * so a broken one fails at start-up: the services) or lazy (the envelope's and each type's schema
 * when a record is first checked against it: a short-lived process that checks one type, the CLI,
 * which checks the envelope of what it writes in code and reads none back).
 */
final class SchemaCatalog {
  private static final String ID_PREFIX = EventType.SCHEMA_BASE;
  private static final String ENVELOPE = ID_PREFIX + "cloudevent.schema.json";

  private final SchemaRegistry registry;
  private volatile Schema envelope;
  private final Map<EventType, Schema> byType = new ConcurrentHashMap<>();

  /** Every schema loaded now. */
  SchemaCatalog() {
    this(true);
  }

  SchemaCatalog(boolean eager) {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemaRegistryConfig(config)
                    .schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:schemas/")));
    if (eager) {
      envelope = load(registry, ENVELOPE);
      for (EventType type : EventType.values()) {
        byType.put(type, load(registry, type.dataschema()));
      }
    }
  }

  private static Schema load(SchemaRegistry registry, String id) {
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    schema.initializeValidators(); // resolve every $ref now, not on the first record
    return schema;
  }

  List<Error> validateEnvelope(JsonNode value) {
    Schema schema = envelope; // loaded: no lock taken
    if (schema == null) {
      synchronized (this) {
        if (envelope == null) {
          envelope = load(registry, ENVELOPE);
        }
        schema = envelope;
      }
    }
    return schema.validate(value);
  }

  List<Error> validateData(EventType type, JsonNode data) {
    return schemaOf(type).validate(data);
  }

  private Schema schemaOf(EventType type) {
    Schema schema = byType.get(type); // loaded: no lock taken
    return schema != null
        ? schema
        : byType.computeIfAbsent(type, t -> load(registry, t.dataschema()));
  }
}
