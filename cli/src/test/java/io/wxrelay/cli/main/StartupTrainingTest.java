package io.wxrelay.cli.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run that ./wxrelay records its start-up cache from: silent, self-contained. */
class StartupTrainingTest {
  @Test
  void runsTheCliPathsWithoutABrokerPrintingNothingAndLeavingNoFile(@TempDir Path tmp)
      throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      StartupTraining.run(tmp);
    } finally {
      System.setOut(out);
    }

    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("what the training left in its folder").isEmpty();
    }
  }
}
