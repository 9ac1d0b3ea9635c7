package io.wxrelay.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's own scripts ({@code ./wxrelay}, {@code scripts/up.sh}) as a user would: a
 * child process in the repository root, with the test's environment added, output captured, and a
 * bound on its time (a process past it is killed, by its PID, and the test fails).
 */
public final class Shell {
  private Shell() {}

  /** What a finished command printed and how it exited. */
  public record Run(List<String> command, int exitCode, String out, String err) {
    /** For assertion messages: the command and everything it printed. */
    public String transcript() {
      return "$ " + String.join(" ", command) + " (exit " + exitCode + ")\n" + out + err;
    }
  }

  /** The repository root: the nearest folder up from the working directory with {@code mvnw}. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Runs {@code command} from the repository root with {@code env} added to this environment. */
  public static Run run(Map<String, String> env, Duration timeout, String... command) {
    Path out = temp("out");
    Path err = temp("err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command)
                + " did not end within "
                + timeout
                + ":\n"
                + read(out)
                + read(err));
      }
      return new Run(List.of(command), process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  private static Path temp(String what) {
    try {
      return Files.createTempFile("wxrelay-shell-", "." + what);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file left behind is harmless
    }
  }
}
