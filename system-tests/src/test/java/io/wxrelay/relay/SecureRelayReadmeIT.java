package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's secure block, as a new user runs it: {@code WXRELAY_SECURE=1 scripts/up.sh} starts a
 * SASL_SSL broker with ACLs and a TLS Redis with ACL users of its own and the whole relay on them,
 * each service as its own Kafka principal and Redis user; a QR code goes through from the CLI's
 * principal, the token status reads Redis as the CLI's user, no password shows in any output or
 * command line, and {@code scripts/down.sh} stops every process, the secure broker and Redis too.
 */
@ExtendWith(RealInfrastructure.class)
class SecureRelayReadmeIT {
  private static final int OFFSET = 18000;
  private static final int KAFKA_PORT = 9192 + OFFSET;
  private static final int REDIS_PORT = 6391 + OFFSET;

  @Test
  void theReadmesSecureBlockRunsAsWritten(RedisEndpoint redis) throws Exception {
    LocalRelay relay = secure(LocalRelay.withItsOwnKafka(redis, OFFSET));
    List<String> lines =
        Readme.bashBlockAfter("With TLS and ACLs, these run as written:").lines().toList();
    assertThat(lines).first().asString().startsWith("WXRELAY_SECURE=1 scripts/up.sh");
    assertThat(lines).last().asString().isEqualTo("scripts/down.sh");
    List<Shell.Run> runs = new ArrayList<>();
    Map<String, Long> pids = new LinkedHashMap<>();
    try {
      long start = System.nanoTime();
      Shell.Run up = run(relay, lines.getFirst());
      System.out.printf(
          "WXRELAY_SECURE=1 scripts/up.sh: ready after %d s%n",
          (System.nanoTime() - start) / 1_000_000_000);
      runs.add(up);
      pids.putAll(startedPids(relay));
      assertThat(up.exitCode()).as(up.transcript()).isZero();
      assertThat(up.out())
          .contains("127.0.0.1:" + KAFKA_PORT + " (SASL_SSL, ACLs)")
          .contains("rediss://127.0.0.1:" + REDIS_PORT + " (TLS, ACL users)");
      assertThat(pids).containsKeys("kafka", "redis", "gateway", "worker-1", "token-1");
      assertThat(Files.getPosixFilePermissions(relay.runDir.resolve("relay/relay.env")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertEachServiceRunsAsItsOwn(pids);
      assertNoPasswordIn(relay, commandLines(pids), "a process' command line");

      for (String line : lines.subList(1, lines.size() - 1)) {
        Shell.Run cli = run(relay, line);
        runs.add(cli);
        assertThat(cli.exitCode()).as(cli.transcript()).isZero();
        if (line.contains("--wait")) {
          assertThat(cli.out()).as(cli.transcript()).contains("result: SUCCEEDED");
        }
      }
    } finally {
      Shell.Run down = run(relay, lines.getLast());
      runs.add(down);
      assertThat(down.exitCode()).as(down.transcript()).isZero();
      pids.forEach(
          (name, pid) ->
              ProcessHandle.of(pid)
                  .ifPresent(
                      p ->
                          assertThat(p.isAlive())
                              .as("%s (pid %d) after down", name, pid)
                              .isFalse()));
      relay.downLeavingNothing();
    }
    for (Shell.Run run : runs) {
      assertNoPasswordIn(relay, run.out() + run.err(), "the output of " + run.command());
    }
  }

  /** The relay's own secure broker and Redis on ports of this test, under their default names. */
  private static LocalRelay secure(LocalRelay relay) {
    relay.env.put("KAFKA_PORT", Integer.toString(KAFKA_PORT));
    relay.env.put("KAFKA_CONTROLLER_PORT", Integer.toString(KAFKA_PORT + 1));
    relay.env.put("REDIS_SECURE_PORT", Integer.toString(REDIS_PORT));
    // Not the test command's Redis (every service gets its own user there), and the default key
    // prefixes, which the Redis ACLs name.
    for (String variable :
        List.of(
            "REDIS_URL", "TOKEN_REDIS_PREFIX", "WORKER_REDIS_PREFIX", "GATEWAY_DEDUPE_PREFIX")) {
      relay.env.put(variable, "");
    }
    return relay;
  }

  /** Runs one README line, its leading {@code NAME=value} words as its environment. */
  private static Shell.Run run(LocalRelay relay, String line) {
    List<String> words = new ArrayList<>(Arrays.asList(Readme.words(line)));
    Map<String, String> env = new HashMap<>(relay.env);
    while (!words.isEmpty() && words.getFirst().matches("[A-Z_]+=.*")) {
      String[] assignment = words.removeFirst().split("=", 2);
      env.put(assignment[0], assignment[1]);
    }
    return Shell.run(env, LocalRelay.BOUND, words.toArray(String[]::new));
  }

  /** Every process up.sh started, by name: the services, Prometheus, the broker and Redis. */
  private static Map<String, Long> startedPids(LocalRelay relay) throws Exception {
    Map<String, Long> pids = new LinkedHashMap<>();
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("kafka", relay.runDir.resolve("kafka-" + KAFKA_PORT + "/broker.pid"));
    files.put("redis", relay.runDir.resolve("redis-secure-" + REDIS_PORT + "/redis.pid"));
    try (var list = Files.list(relay.runDir.resolve("relay"))) {
      list.filter(f -> f.toString().endsWith(".pid"))
          .forEach(f -> files.put(f.getFileName().toString().replace(".pid", ""), f));
    }
    for (var file : files.entrySet()) {
      if (Files.exists(file.getValue())) {
        pids.put(file.getKey(), Long.parseLong(Files.readString(file.getValue()).strip()));
      }
    }
    return pids;
  }

  /**
   * Each service's Redis user and Kafka client settings, from the environment it was started with
   * (Linux' /proc): token-service has no Kafka, the gateway and the workers their own principal.
   */
  private static void assertEachServiceRunsAsItsOwn(Map<String, Long> pids) throws Exception {
    Map<String, String> expected =
        Map.of(
            "token-1", "token-service -",
            "token-2", "token-service -",
            "gateway", "gateway gateway.properties",
            "worker-1", "worker worker.properties",
            "worker-2", "worker worker.properties",
            "wechat-sim", "- -");
    for (var service : expected.entrySet()) {
      Path environ = Path.of("/proc/" + pids.get(service.getKey()) + "/environ");
      String user = "-";
      String kafka = "-";
      for (String variable : Files.readString(environ).split("\0")) {
        if (variable.startsWith("REDIS_URL=")) {
          user = variable.replaceFirst("^REDIS_URL=rediss://([^:@]+):.*$", "$1");
        } else if (variable.startsWith("KAFKA_CLIENT_CONFIG_FILE=")) {
          kafka = Path.of(variable.substring(variable.indexOf('=') + 1)).getFileName().toString();
        }
      }
      assertThat(user + " " + kafka).as(service.getKey()).isEqualTo(service.getValue());
    }
  }

  private static String commandLines(Map<String, Long> pids) {
    StringBuilder all = new StringBuilder();
    pids.values()
        .forEach(
            pid ->
                ProcessHandle.of(pid)
                    .flatMap(p -> p.info().commandLine())
                    .ifPresent(c -> all.append(c).append('\n')));
    assertThat(all).as("the started processes' command lines").isNotEmpty();
    return all.toString();
  }

  /**
   * Every password the secure broker and Redis made (their files), none of which {@code text} may
   * hold; a failure names the file, never the password.
   */
  private static void assertNoPasswordIn(LocalRelay relay, String text, String what)
      throws Exception {
    Map<String, String> passwords = new LinkedHashMap<>();
    try (var files = Files.list(relay.runDir.resolve("kafka-" + KAFKA_PORT + "/secrets"))) {
      for (Path file : files.toList()) {
        passwords.put(file.toString(), Files.readString(file).strip());
      }
    }
    try (var files = Files.list(relay.runDir.resolve("redis-secure-" + REDIS_PORT + "/users"))) {
      for (Path file : files.toList()) {
        passwords.put(
            file.toString(),
            Files.readString(file).strip().replaceFirst("^.*://[^:]+:(.*)@.*$", "$1"));
      }
    }
    assertThat(passwords.keySet())
        .as("broker, tls and 4 principals' passwords; 5 Redis users'")
        .hasSize(11);
    for (var password : passwords.entrySet()) {
      assertThat(password.getValue().length()).as(password.getKey()).isGreaterThanOrEqualTo(32);
      assertThat(text.contains(password.getValue()))
          .as("the password of %s in %s", password.getKey(), what)
          .isFalse();
    }
  }
}
