package io.wxrelay.worker.plan;

import io.wxrelay.schemas.CloudEvent;
import java.util.List;

/** The command a plan is made for: its id, type and account (its subject). */
record CommandRef(String id, String type, String appid) {

  static CommandRef of(CloudEvent<?> command) {
    return new CommandRef(command.id(), command.type(), command.subject());
  }

  /** A plan of {@code sends} after {@code steps}. */
  CallPlan plan(List<ApiCall.Step> steps, Sends sends, boolean repeatable) {
    return CallPlan.of(id, type, appid, steps, sends, Repeatability.of(repeatable));
  }

  /** A plan of one call that sends {@code request}, repeatable as {@code repeat} says. */
  CallPlan one(Request request, Repeatability repeat) {
    return CallPlan.of(
        id, type, appid, List.of(), new Sends.One(new ApiCall.Plain(request)), repeat);
  }

  /** A plan of one call that sends {@code request}. */
  CallPlan one(Request request, boolean repeatable) {
    return plan(List.of(), new Sends.One(new ApiCall.Plain(request)), repeatable);
  }
}
