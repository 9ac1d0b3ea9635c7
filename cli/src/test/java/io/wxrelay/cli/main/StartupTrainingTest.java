package io.wxrelay.cli.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The training run that ./wxrelay records its start-up cache from: silent, self-contained. */
class StartupTrainingTest {
  @ParameterizedTest
  @EnumSource(StartupTraining.Kind.class)
  void runsTheCliPathsTheWholeWayPrintingNothingAndLeavingNoFile(
      StartupTraining.Kind kind, @TempDir Path tmp) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = StartupTraining.run(tmp, kind);
    } finally {
      System.setOut(out);
    }

    assertThat(exit)
        .as("the full training's send custom --wait against its training broker")
        .isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("what the training left in its folder").isEmpty();
    }
  }
}
