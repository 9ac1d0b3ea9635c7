package io.wxrelay.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a main class of this module's test classpath, for tests that need real
 * processes (kill -9, several clients). Closing it kills the process it started, by PID.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  public static ChildJvm start(Class<?> main, Map<String, String> env, String... args) {
    return start(main, List.of(), env, args);
  }

  /** As above, with JVM options after the default {@code -Xmx256m} (a later -Xmx wins). */
  public static ChildJvm start(
      Class<?> main, List<String> jvmOptions, Map<String, String> env, String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile("child-" + main.getSimpleName(), ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(env);
      return new ChildJvm(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM: the child's shutdown hooks run, as on a normal stop of a service. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: no shutdown hook, no finally block, locks left as they are. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          pid() + " still running after " + seconds + "s:\n" + output());
    }
    return process.exitValue();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** The last {@code lines} lines of the child's output (stdout and stderr). */
  public String outputTail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
    new File(output.toString()).delete();
  }
}
