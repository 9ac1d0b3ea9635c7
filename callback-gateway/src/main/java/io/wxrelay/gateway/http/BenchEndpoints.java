package io.wxrelay.gateway.http;

import io.wxrelay.gateway.callback.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * The benchmark's floors ({@code GATEWAY_BARE_ENDPOINT}, never in production), each beside the push
 * it is compared with in {@code bench/gateway.sh}. {@code /bench/publish} writes whatever it is
 * sent to the events topic, unsigned: a gateway serving it must be out of anyone else's reach (it
 * warns at start). Other methods than POST get 405.
 *
 * <ul>
 *   <li>{@code POST /bench/success} answers {@code success} and does nothing else: HTTP alone.
 *   <li>{@code POST /bench/publish} publishes its body as it is, with the push's producer
 *       (acks=all) and on the event loop, and answers {@code success} once Kafka has it: the least
 *       any push costs with this producer, before it is verified, parsed, encoded or deduped. Keys
 *       spread over 5,000 users, as the benchmark's pushes do.
 * </ul>
 */
public final class BenchEndpoints {
  static final String PATH = "/bench/";
  private static final int USERS = 5_000;

  private final BiFunction<String, byte[], CompletableFuture<Void>> publish;

  /** {@code publish} sends a value under a key and completes when Kafka acknowledged it. */
  public BenchEndpoints(BiFunction<String, byte[], CompletableFuture<Void>> publish) {
    this.publish = publish;
  }

  CompletableFuture<Reply> serve(String method, String path, byte[] body) {
    if (!method.equals("POST")) {
      return CompletableFuture.completedFuture(Reply.refused(405, "bad_method"));
    }
    return switch (path) {
      case "/bench/success" -> CompletableFuture.completedFuture(Reply.SUCCESS);
      case "/bench/publish" ->
          publish
              .apply("bench:o" + ThreadLocalRandom.current().nextInt(USERS), body)
              .thenApply(acked -> Reply.SUCCESS);
      default -> CompletableFuture.completedFuture(Reply.refused(404, "unknown_path"));
    };
  }
}
