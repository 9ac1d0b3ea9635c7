package io.wxrelay.gateway.parse;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.inbound.InboundData;
import java.util.function.Function;

/**
 * One kind of push, as {@link EventMapper} builds its event: the event's type, how its id is
 * derived and how its data reads from the push's fields. The envelope around them is the same for
 * every kind.
 */
record PushKind(EventType type, IdRule id, Function<Fields, InboundData> data) {

  /** How a kind's event id follows from the push (see {@link EventIds}). */
  @FunctionalInterface
  interface IdRule {
    String of(String appid, Fields f);
  }
}
