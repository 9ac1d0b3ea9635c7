package io.wxrelay.testkit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands integration tests a real {@link KafkaEndpoint} and {@link
 * RedisEndpoint} as parameters (constructor, lifecycle or test methods):
 *
 * <pre>{@code
 * @ExtendWith(RealInfrastructure.class)
 * class SomethingIT {
 *   @Test void works(KafkaEndpoint kafka, RedisEndpoint redis) { ... }
 * }
 * }</pre>
 *
 * Addresses come from {@code KAFKA_BOOTSTRAP_SERVERS} and {@code REDIS_URL}; else Testcontainers
 * starts them when a Docker engine answers; else the test fails with how to start them.
 */
public final class RealInfrastructure implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaEndpoint.class || type == RedisEndpoint.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return parameter.getParameter().getType() == KafkaEndpoint.class
          ? Infrastructure.kafka(System.getenv())
          : Infrastructure.redis(System.getenv());
    } catch (IllegalStateException e) {
      throw new ExtensionConfigurationException(e.getMessage(), e);
    }
  }
}
