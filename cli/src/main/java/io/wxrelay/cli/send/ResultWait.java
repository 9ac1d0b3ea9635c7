package io.wxrelay.cli.send;

import io.wxrelay.cli.consume.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows {@code wechat.results} for one command: its {@code wechat.result}, what follows it when
 * it succeeded (one {@code wechat.mass.finished} per chunk of a broadcast, the {@code
 * wechat.template.finished} of a template message) and a follower sync's {@code
 * wechat.users.page}s, printing a line as each arrives.
 */
public final class ResultWait {
  /**
   * How a wait ended: {@code chunks} is how many follow-up records the result calls for (a
   * broadcast's chunks, 1 for a template message's delivery), {@code finishes} those that came.
   */
  public record Outcome(
      String status, JsonNode result, int chunks, List<JsonNode> finishes, List<JsonNode> pages) {
    public Outcome {
      finishes = List.copyOf(finishes);
      pages = List.copyOf(pages);
    }

    /** The result is SUCCEEDED: WeChat took the command (a broadcast's chunks may still run). */
    public boolean submitted() {
      return "SUCCEEDED".equals(status);
    }

    /** SUCCEEDED, and every follow-up (chunk, delivery) finished with success. */
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
    return await(commandId, broadcast ? FollowUp.CHUNKS : FollowUp.NOTHING, timeout);
  }

  /**
   * Waits until the command's result and what {@code follow} says comes after it arrived or {@code
   * timeout} passed; empty when no result came.
   */
  public Optional<Outcome> await(String commandId, FollowUp follow, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    ResultTrail trail = new ResultTrail(commandId, follow, progress);
    while (Instant.now().isBefore(deadline) && !trail.complete()) {
      for (var record : results.poll(Duration.ofMillis(200))) {
        trail.accept(mapper.readTree(record.value()));
      }
    }
    return trail.outcome();
  }
}
