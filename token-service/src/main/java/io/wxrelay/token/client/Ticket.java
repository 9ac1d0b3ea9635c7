package io.wxrelay.token.client;

import java.time.Instant;

/**
 * A JS-SDK ticket of one account and its generation (report that generation when WeChat refuses
 * it). Meant for signing on a server; a page gets a signature, never the ticket.
 */
public record Ticket(
    String appid, TicketType type, String value, long generation, Instant expiresAt) {

  /** Never prints the ticket. */
  @Override
  public String toString() {
    return "Ticket["
        + appid
        + " "
        + type.wire()
        + " gen "
        + generation
        + " expires "
        + expiresAt
        + "]";
  }
}
