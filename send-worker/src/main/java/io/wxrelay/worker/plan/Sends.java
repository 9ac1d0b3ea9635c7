package io.wxrelay.worker.plan;

import java.util.List;

/**
 * What a plan sends once its steps are made: one call, or a broadcast's chunks (whose result lists
 * them).
 */
public sealed interface Sends permits Sends.One, Sends.Broadcast {
  /** The calls, in order. */
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
}
