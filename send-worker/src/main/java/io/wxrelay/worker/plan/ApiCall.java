package io.wxrelay.worker.plan;

import java.util.Map;

/**
 * One WeChat call of a {@link CallPlan}: a {@link Step} whose answer later calls use, the {@link
 * Plain} call of a command that is no broadcast, or one {@link Chunk} of a broadcast. Each wraps
 * the {@link Request} it sends.
 */
public sealed interface ApiCall permits ApiCall.Step, ApiCall.Plain, ApiCall.Chunk {
  /** What this call sends. */
  Request request();

  /** The path under {@code cgi-bin/}. */
  default String api() {
    return request().api();
  }

  /** This call with what it takes from earlier steps filled in ({@link Request#filledFrom}). */
  ApiCall filledFrom(Map<String, String> made);

  /**
   * A prerequisite: what it makes (a media_id; an article image's URL) is remembered under {@code
   * name} (in the ledger too, so that a later processing does not make it again), and the later
   * calls' {@link Fill}s take it.
   */
  record Step(String name, Request request) implements ApiCall {
    @Override
    public Step filledFrom(Map<String, String> made) {
      return new Step(name, request.filledFrom(made));
    }
  }

  /** The one call of a command that is no broadcast: WeChat's answer is the result's response. */
  record Plain(Request request) implements ApiCall {
    @Override
    public Plain filledFrom(Map<String, String> made) {
      return new Plain(request.filledFrom(made));
    }
  }

  /**
   * One call of a broadcast, which makes it at most once whatever the retries.
   *
   * @param index this call among the broadcast's calls, from 0
   * @param clientmsgid the call's clientmsgid (its body carries it too)
   * @param openidCount OpenIDs in this call of {@code message/mass/send}; 0 for sendall
   */
  record Chunk(int index, String clientmsgid, int openidCount, Request.Json request)
      implements ApiCall {
    @Override
    public Chunk filledFrom(Map<String, String> made) {
      return new Chunk(index, clientmsgid, openidCount, request.filledFrom(made));
    }
  }
}
