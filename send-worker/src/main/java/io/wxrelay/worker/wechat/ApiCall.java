package io.wxrelay.worker.wechat;

import tools.jackson.databind.node.ObjectNode;

/**
 * One WeChat API call of a command.
 *
 * @param api the path under {@code cgi-bin/}, e.g. {@code message/custom/send}
 * @param body the JSON body as WeChat spells it
 * @param chunk index of this call among a split broadcast's calls, else 0
 * @param clientmsgid the broadcast's clientmsgid, or null
 * @param openidCount OpenIDs in this call of {@code message/mass/send}, else 0
 */
public record ApiCall(String api, ObjectNode body, int chunk, String clientmsgid, int openidCount) {
  public static ApiCall of(String api, ObjectNode body) {
    return new ApiCall(api, body, 0, null, 0);
  }
}
