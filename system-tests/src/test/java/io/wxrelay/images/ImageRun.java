package io.wxrelay.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process started from an image's own unpacked root filesystem as a container runtime would: its
 * entrypoint, its user, its environment plus the test's, in mount and PID namespaces of its own
 * ({@code unshare}) with {@code /proc} and {@code /dev} mounted, and the root changed ({@code
 * chroot}). The network is the host's, so it reaches the test's Kafka and Redis on loopback.
 * Unprivileged, it maps the caller to root in a user namespace and cannot switch to the image's
 * user. Closing it sends SIGTERM to the process it started (by PID, and to that PID's children).
 */
final class ImageRun implements AutoCloseable {
  private static final String START =
      "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && exec chroot $WXRELAY_USERSPEC \"$0\" \"$@\"";

  private final Process process;
  private final Path output;

  private ImageRun(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ImageRun start(ImageTarball image, Path root, Map<String, String> env, String... args) {
    try {
      Files.createDirectories(root.resolve("proc"));
      Files.createDirectories(root.resolve("dev"));
      boolean privileged = privileged();
      List<String> command = new ArrayList<>(List.of("unshare"));
      if (!privileged) {
        command.add("--map-root-user");
      }
      // Private propagation: the mounts stay inside the namespace, never under the test's folder.
      command.addAll(
          List.of(
              "--mount",
              "--propagation",
              "private",
              "--pid",
              "--fork",
              "--kill-child",
              "--",
              "/bin/sh",
              "-c",
              START));
      command.add(root.toString());
      command.addAll(image.entrypoint());
      command.addAll(List.of(args));
      Path output = Files.createTempFile("image-run-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().clear();
      builder.environment().putAll(image.env());
      builder.environment().putAll(env);
      builder.environment().put("WXRELAY_USERSPEC", privileged ? "--userspec=" + image.user() : "");
      return new ImageRun(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether this test runs as root (then the service runs as the image's user). */
  static boolean privileged() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The user the entrypoint runs as: the image's as root, else this test's own (unprivileged). */
  static String expectedUid(ImageTarball image) {
    if (privileged()) {
      return image.user().split(":")[0];
    }
    try {
      return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself; its exit code, or -1 if it is still running. */
  int waitFor(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /** The user ids of the entrypoint's process, as {@code /proc/<pid>/status} reports them. */
  String uidLine() throws IOException {
    for (ProcessHandle child : process.descendants().toList()) {
      if (child.info().command().orElse("").endsWith("/java")) {
        return Files.readAllLines(Path.of("/proc", child.pid() + "", "status")).stream()
            .filter(l -> l.startsWith("Uid:"))
            .findFirst()
            .orElse("");
      }
    }
    return "(no java process under " + process.pid() + ")";
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    for (ProcessHandle child : children) {
      child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
      if (child.isAlive()) {
        child.destroyForcibly(); // past any drain: it is not left running behind the test
      }
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try {
      Files.deleteIfExists(output);
    } catch (IOException e) {
      // a log left in /tmp is harmless
    }
  }
}
