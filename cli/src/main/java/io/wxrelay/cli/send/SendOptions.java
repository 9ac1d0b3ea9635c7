package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.Durations;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The options every {@code wxrelay send <kind>} shares (a picocli mixin): the account, the id and
 * key, the whole data from a file instead of the kind's flags, and whether to wait for the result.
 */
public final class SendOptions {
  /** The mixin's own options, to tell them from the kind's. */
  @Spec CommandSpec self;

  /** The {@code send <kind>} command this mixin is part of. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--app", description = "appid (default: the only configured account)")
  String app;

  @Option(names = "--id", description = "command id, the idempotency key (default: generated)")
  String id;

  @Option(names = "--source", defaultValue = "/wxrelay/cli", description = "CloudEvents source")
  String source;

  @Option(
      names = "--key",
      description = "record key (default: appid:openid for one user, else appid)")
  String key;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "the command's whole data as JSON instead of the flags ('-': stdin)")
  String dataFile;

  @Option(names = "--wait", description = "follow the result (and a broadcast's finish events)")
  boolean await;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      description = "how long --wait waits (default ${DEFAULT-VALUE})")
  String timeout;

  private String commandId;

  /** The {@code --app} given, or null for the only configured account. */
  String app() {
    return app;
  }

  /** The {@code --key} given, if any. */
  Optional<String> key() {
    return Optional.ofNullable(key);
  }

  boolean await() {
    return await;
  }

  /** The {@code --timeout} as text, as the user wrote it (for messages). */
  String timeoutText() {
    return timeout;
  }

  Duration timeout() {
    return Durations.parse("--timeout", timeout);
  }

  /** The command's envelope around {@code data}, under the given or a generated id. */
  <T> CloudEvent<T> envelope(EventType type, String appid, T data) {
    if (commandId == null) {
      commandId = id != null ? id : "cli-" + UUID.randomUUID();
    }
    return new CloudEvent<>(
        CloudEvent.SPEC_VERSION,
        commandId,
        source,
        type.value(),
        Instant.now(),
        appid,
        CloudEvent.JSON,
        data);
  }

  /**
   * The data read from {@code --data}, or empty when the kind's flags make it. A {@link CliError}
   * when both are given, or the file cannot be read or holds no JSON object.
   */
  Optional<JsonNode> dataFile(JsonMapper mapper) {
    if (dataFile == null) {
      return Optional.empty();
    }
    if (kindFlagsGiven()) {
      throw new CliError("give the data either with --data or with flags, not both");
    }
    try {
      JsonNode data = mapper.readTree(new String(readData(), StandardCharsets.UTF_8));
      if (data == null || !data.isObject()) {
        throw new CliError("--data " + dataFile + " must hold a JSON object (the command's data)");
      }
      return Optional.of(data);
    } catch (JacksonException e) {
      throw new CliError(
          "--data "
              + dataFile
              + " is not valid JSON: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }

  private byte[] readData() {
    try {
      return dataFile.equals("-")
          ? System.in.readAllBytes()
          : Files.readAllBytes(Path.of(dataFile));
    } catch (IOException e) {
      throw new CliError("cannot read --data " + dataFile);
    }
  }

  /** Whether an option of the kind itself (not one of these) was given. */
  private boolean kindFlagsGiven() {
    Set<String> shared =
        self.options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
    return command.commandLine().getParseResult().matchedOptions().stream()
        .anyMatch(o -> !shared.contains(o.longestName()));
  }
}
