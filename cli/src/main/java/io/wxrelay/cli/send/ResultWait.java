package io.wxrelay.cli.send;

import io.wxrelay.cli.consume.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows {@code wechat.results} for one command: its {@code wechat.result}, and for a broadcast
 * that succeeded, one {@code wechat.mass.finished} per chunk, printing a line as each arrives.
 */
public final class ResultWait {
  /** How a wait ended. */
  public record Outcome(String status, JsonNode result, int chunks, List<JsonNode> finishes) {
    public Outcome {
      finishes = List.copyOf(finishes);
    }

    /** The result is SUCCEEDED: WeChat took the command (a broadcast's chunks may still run). */
    public boolean submitted() {
      return "SUCCEEDED".equals(status);
    }

    /** SUCCEEDED, and for a broadcast every chunk finished with success. */
    public boolean succeeded() {
      return submitted()
          && finishes.size() == chunks
          && finishes.stream().allMatch(f -> f.path("succeeded").asBoolean());
    }

    /** Messages WeChat reported sent over every finished chunk. */
    public long sent() {
      return finishes.stream().mapToLong(f -> f.path("sentCount").asLong()).sum();
    }

    /** Followers the finished chunks were meant for. */
    public long total() {
      return finishes.stream().mapToLong(f -> f.path("totalCount").asLong()).sum();
    }
  }

  private final TopicReader results;
  private final JsonMapper mapper;
  private final Consumer<String> progress;

  /** {@code results} must have been opened before the command was written. */
  public ResultWait(TopicReader results, JsonMapper mapper, Consumer<String> progress) {
    this.results = results;
    this.mapper = mapper;
    this.progress = progress;
  }

  /**
   * Waits until the command's result (and, if {@code broadcast}, every chunk's finish) arrived or
   * {@code timeout} passed; empty when no result came.
   */
  public Optional<Outcome> await(String commandId, boolean broadcast, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode result = null;
    int chunks = 0;
    TreeMap<Integer, JsonNode> finished = new TreeMap<>();
    while (Instant.now().isBefore(deadline)) {
      for (var record : results.poll(Duration.ofMillis(200))) {
        JsonNode event = mapper.readTree(record.value());
        JsonNode data = event.path("data");
        if (!commandId.equals(data.path("commandId").asString(""))) {
          continue;
        }
        String type = event.path("type").asString("");
        if (type.equals("wechat.result") && result == null) {
          result = data;
          chunks =
              broadcast && "SUCCEEDED".equals(data.path("status").asString()) ? chunks(data) : 0;
          progress.accept("result: " + ResultLines.describe(data));
        } else if (type.equals("wechat.mass.finished")) {
          finished.put(data.path("chunkIndex").asInt(0), data);
          progress.accept("finished: " + ResultLines.progress(finished.values(), chunks));
        }
      }
      if (result != null && finished.size() >= chunks) {
        break;
      }
    }
    if (result != null) {
      return Optional.of(
          new Outcome(
              result.path("status").asString(), result, chunks, List.copyOf(finished.values())));
    }
    return Optional.empty();
  }

  /** A broadcast's chunks: one per entry of {@code chunks}, one for a sendall without them. */
  private static int chunks(JsonNode result) {
    JsonNode chunks = result.path("chunks");
    return chunks.isArray() && !chunks.isEmpty() ? chunks.size() : 1;
  }
}
