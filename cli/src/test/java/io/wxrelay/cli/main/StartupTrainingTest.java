package io.wxrelay.cli.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The training run that ./wxrelay records its start-up cache from: silent, self-contained. */
class StartupTrainingTest {
  @Test
  void runsTheCliPathsWithoutABrokerPrintingNothingAndLeavingNoFile() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before = trainingDirs(tmp);
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      StartupTraining.run();
    } finally {
      System.setOut(out);
    }

    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(trainingDirs(tmp)).isEqualTo(before);
  }

  private static long trainingDirs(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("wxrelay-training")).count();
    }
  }
}
