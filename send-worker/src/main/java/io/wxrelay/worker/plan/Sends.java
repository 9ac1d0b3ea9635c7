package io.wxrelay.worker.plan;

import java.util.List;

/**
 * What a plan sends once its steps are made: one call, a broadcast's chunks (whose result lists
 * them), a list split into calls whose answers add up to one response, or a walk whose every call
 * follows from the answer before it.
 */
public sealed interface Sends permits Sends.One, Sends.Broadcast, Sends.Parts, Sends.Walk {
  /** The calls known before the first is made, in order (a walk: its first page). */
  List<? extends ApiCall> calls();

  /** One call; its answer is the result's response. */
  record One(ApiCall.Plain call) implements Sends {
    @Override
    public List<ApiCall.Plain> calls() {
      return List.of(call);
    }
  }

  /** A broadcast: one call per chunk of its OpenIDs (sendall: one), each with its clientmsgid. */
  record Broadcast(List<ApiCall.Chunk> chunks) implements Sends {
    public Broadcast {
      if (chunks.isEmpty()) {
        throw new IllegalArgumentException("a broadcast makes at least one call");
      }
      chunks = List.copyOf(chunks);
    }

    @Override
    public List<ApiCall.Chunk> calls() {
      return chunks;
    }
  }

  /**
   * A list split into calls ({@code tags/members/batchtagging}: 50 OpenIDs a call, {@code
   * user/info/batchget}: 100), each repeatable; their answers add up to one response as {@code
   * merge} says.
   */
  record Parts(List<ApiCall.Part> parts, Merge merge) implements Sends {
    public Parts {
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("a split list makes at least one call");
      }
      parts = List.copyOf(parts);
    }

    @Override
    public List<ApiCall.Part> calls() {
      return parts;
    }

    /** How the parts' answers add up to the result's response. */
    public sealed interface Merge permits Merge.Counted, Merge.Listed {
      /**
       * {@code {"openidCount": N, "calls": k}}, and the OpenIDs WeChat could not change ({@code
       * fail_openid_list}, from 45171 answers) when there are some.
       */
      record Counted() implements Merge {}

      /** The answers' arrays under {@code field}, joined in the order of the parts. */
      record Listed(String field) implements Merge {}
    }
  }

  /**
   * A walk over WeChat's pages ({@code user/get}): each call's answer says where the next starts
   * ({@link ApiCall.Page#next}), and the walk ends at an empty page or an empty {@code
   * next_openid}. Dispatch publishes each page before reading the next. Repeatable, but a walk is
   * not resumed: one that fails midway starts again from {@code first} (its pages published again,
   * numbered from 0).
   */
  record Walk(ApiCall.Page first) implements Sends {
    @Override
    public List<ApiCall.Page> calls() {
      return List.of(first);
    }
  }
}
