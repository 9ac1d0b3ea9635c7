package io.wxrelay.worker.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One WeChat call of a {@link CallPlan}: a {@link Step} whose answer later calls use, the {@link
 * Plain} call of a command that is no broadcast, one {@link Chunk} of a broadcast, one {@link Part}
 * of a list split into calls, or one {@link Page} of a walk. Each wraps the {@link Request} it
 * sends.
 */
public sealed interface ApiCall
    permits ApiCall.Step, ApiCall.Plain, ApiCall.Chunk, ApiCall.Part, ApiCall.Page {
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

  /**
   * One call of a command whose list is split into calls ({@link Sends.Parts}); repeating it has no
   * second effect, and one already answered is not made again within a run.
   *
   * @param index this call among the command's calls, from 0
   * @param count the list's items (OpenIDs) in this call
   */
  record Part(int index, int count, Request.Json request) implements ApiCall {
    @Override
    public Part filledFrom(Map<String, String> made) {
      return this;
    }
  }

  /**
   * One call of a walk ({@link Sends.Walk}): the read of page {@code index}, whose answer names
   * where the next one starts.
   *
   * @param index this page's number in the walk, from 0
   */
  record Page(int index, Request.Query request) implements ApiCall {
    /** WeChat's query parameter naming where a page starts: the last OpenID of the page before. */
    public static final String CURSOR = "next_openid";

    @Override
    public Page filledFrom(Map<String, String> made) {
      return this;
    }

    /** The read of the page after this one, which starts after {@code cursor}. */
    public Page next(String cursor) {
      Map<String, String> params = new LinkedHashMap<>(request.params());
      params.put(CURSOR, cursor);
      return new Page(index + 1, new Request.Query(request.api(), params));
    }
  }
}
