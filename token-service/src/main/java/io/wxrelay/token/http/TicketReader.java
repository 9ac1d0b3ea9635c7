package io.wxrelay.token.http;

import io.wxrelay.token.client.Ticket;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.TokenClient;

/** What the HTTP API asks of token-service's tickets: {@link TokenClient#ticket}. */
@FunctionalInterface
public interface TicketReader {
  /** See {@link TokenClient#ticket}. */
  Ticket ticket(String appid, TicketType type);
}
