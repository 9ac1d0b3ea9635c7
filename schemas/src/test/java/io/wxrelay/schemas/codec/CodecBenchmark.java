package io.wxrelay.schemas.codec;

import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * bench/codec.sh: microseconds per encode and decode of three contracts' examples (an inbound text
 * message, a customer-service command, a result), one thread, after warm-up rounds, and the encode
 * as it was before the envelope was checked in code (envelope also through its JSON Schema). Prints
 * a Markdown table and writes it to the file named by the first argument. Bounded: fixed rounds of
 * a fixed count.
 */
public final class CodecBenchmark {
  private static final int PER_ROUND = 50_000;
  private static final int WARM_ROUNDS = 5;
  private static final int MEASURED_ROUNDS = 9;

  private CodecBenchmark() {}

  public static void main(String[] args) throws Exception {
    ContractCodec codec = ContractCodec.create();
    SchemaCatalog schemas = new SchemaCatalog();
    StringBuilder table =
        new StringBuilder("# codec benchmark\n\n")
            .append(Instant.now())
            .append(", ")
            .append(Runtime.getRuntime().availableProcessors())
            .append(" cores, Java ")
            .append(Runtime.version())
            .append(". One thread; ")
            .append(WARM_ROUNDS)
            .append(" warm-up rounds, then the best and the median of ")
            .append(MEASURED_ROUNDS)
            .append(" rounds of ")
            .append(PER_ROUND)
            .append(
                " calls; a row's three calls take turns, round by round.\nCommand: bench/codec.sh\n\n")
            .append(
                "| contract | encode µs (best / median) | encode with the envelope's JSON Schema too"
                    + " (before) | decode µs (best / median) |\n|---|---:|---:|---:|\n");
    for (EventType type :
        List.of(EventType.MESSAGE_TEXT, EventType.CUSTOM_SEND, EventType.RESULT)) {
      byte[] example = Examples.bytes(type);
      CloudEvent<?> event = codec.decode(example);
      Runnable encode = () -> codec.encode(event);
      Runnable before = // what encode did: one tree, both schemas, then the bytes
          () -> {
            var tree = codec.mapper().valueToTree(event);
            schemas.validateEnvelope(tree);
            schemas.validateData(type, tree.get("data"));
            codec.mapper().writeValueAsBytes(tree);
          };
      Runnable decode = () -> codec.decode(example);
      List<String> cells = interleaved(List.of(encode, before, decode));
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s |%n",
              type.value(),
              cells.get(0),
              cells.get(1),
              cells.get(2)));
    }
    System.out.print(table);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), table.toString());
    }
  }

  /**
   * Rounds of each call in turn (so that the JIT's state and the machine's phase are the same for
   * all of them), warm-up rounds first; "best / median" of the measured rounds of each.
   */
  private static List<String> interleaved(List<Runnable> calls) {
    List<List<Double>> rounds = new ArrayList<>();
    calls.forEach(c -> rounds.add(new ArrayList<>()));
    for (int r = 0; r < WARM_ROUNDS + MEASURED_ROUNDS; r++) {
      for (int c = 0; c < calls.size(); c++) {
        double micros = round(calls.get(c));
        if (r >= WARM_ROUNDS) {
          rounds.get(c).add(micros);
        }
      }
    }
    return rounds.stream()
        .map(
            measured -> {
              List<Double> sorted = measured.stream().sorted().toList();
              return String.format(
                  Locale.ROOT, "%.2f / %.2f", sorted.getFirst(), sorted.get(sorted.size() / 2));
            })
        .toList();
  }

  private static double round(Runnable call) {
    long start = System.nanoTime();
    for (int i = 0; i < PER_ROUND; i++) {
      call.run();
    }
    return (System.nanoTime() - start) / 1e3 / PER_ROUND;
  }
}
