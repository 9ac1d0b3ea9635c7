package io.wxrelay.sim.api;

import java.util.Map;

/**
 * One HTTP request as the simulator's handlers see it.
 *
 * @param path the path without the query, e.g. {@code /cgi-bin/message/custom/send}
 * @param query decoded query parameters (first value of each)
 * @param remoteIp the caller's address, for IP whitelists
 */
public record SimRequest(
    String method,
    String path,
    Map<String, String> query,
    byte[] body,
    String contentType,
    String remoteIp) {

  public String param(String name) {
    return query.get(name);
  }
}
