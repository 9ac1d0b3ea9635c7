package io.wxrelay.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The plans of commands that are one WeChat call, for tests: made, and their one request. */
final class OneCallPlans {
  static final String APPID = "wx5823bf96d3bd56c7";

  private final CommandCalls calls;

  OneCallPlans(JsonMapper mapper) {
    this.calls = new CommandCalls(mapper, 10_000);
  }

  /** The plan of command {@code c1} of {@code type} for the test account. */
  CallPlan plan(EventType type, Object data) {
    return calls.plan(
        CloudEvent.of(type, "c1", "/test", APPID, Instant.parse("2026-12-06T10:00:00Z"), data));
  }

  /** The one request of {@code plan}, which has no steps. */
  static Request request(CallPlan plan) {
    assertThat(plan.steps()).isEmpty();
    return switch (plan.sends()) {
      case Sends.One one -> one.call().request();
      default -> throw new AssertionError("not one call: " + plan.sends());
    };
  }

  /** The JSON body {@code plan} sends to {@code api}. */
  static JsonNode body(CallPlan plan, String api) {
    Request.Json json = (Request.Json) request(plan);
    assertThat(json.api()).isEqualTo(api);
    return json.body();
  }
}
