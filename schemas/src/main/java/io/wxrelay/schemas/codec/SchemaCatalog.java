package io.wxrelay.schemas.codec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.wxrelay.schemas.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of the envelope and of every {@link EventType}, loaded once from the classpath
 * ({@code https://wxrelay.io/schemas/...} ids resolve to {@code classpath:schemas/...}), validated
 * by networknt's draft 2020-12 implementation with format assertions on.
 */
final class SchemaCatalog {
  private static final String ID_PREFIX = EventType.SCHEMA_BASE;

  private final Schema envelope;
  private final Map<EventType, Schema> byType = new EnumMap<>(EventType.class);

  SchemaCatalog() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemaRegistryConfig(config)
                    .schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:schemas/")));
    envelope = load(registry, ID_PREFIX + "cloudevent.schema.json");
    for (EventType type : EventType.values()) {
      byType.put(type, load(registry, type.dataschema()));
    }
  }

  private static Schema load(SchemaRegistry registry, String id) {
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    schema.initializeValidators(); // resolve every $ref now, not on the first record
    return schema;
  }

  List<Error> validateEnvelope(JsonNode value) {
    return envelope.validate(value);
  }

  List<Error> validateData(EventType type, JsonNode data) {
    return byType.get(type).validate(data);
  }
}
