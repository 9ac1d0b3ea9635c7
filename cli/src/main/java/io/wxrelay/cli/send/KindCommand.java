package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * One {@code wxrelay send <kind>}: its own flags make the kind's {@code schemas} record (or {@code
 * --data} gives the whole data), which is checked, written and, with {@code --wait}, followed.
 */
abstract class KindCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SendOptions send;

  /** The command's data, from this kind's flags. */
  abstract CommandData data();

  /** The type of a command whose whole data came from {@code --data}. */
  abstract EventType typeOf(JsonNode data);

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    ContractCodec codec = ContractCodec.lazy(); // one command: only its type's schema is loaded
    CloudEvent<?> event = event(settings, codec);
    Duration timeout = send.timeout();
    CommandEvents.Outgoing command = new CommandEvents(codec).encode(event);
    Delivery delivery = new Delivery(settings, codec.mapper(), spec.commandLine().getOut());
    String key = send.key().orElseGet(command::key);
    return send.await()
        ? delivery.writeAndWait(command, key, timeout, send.timeoutText())
        : delivery.write(command, key);
  }

  private CloudEvent<?> event(CliSettings settings, ContractCodec codec) {
    Optional<JsonNode> whole = send.dataFile(codec.mapper());
    if (whole.isPresent()) {
      return send.envelope(typeOf(whole.get()), settings.appid(send.app()), whole.get());
    }
    CommandData data = data();
    return send.envelope(CommandEvents.typeOf(data), settings.appid(send.app()), data);
  }

  /** The command's name as the user types it: {@code send custom}, {@code tags create}, ... */
  String kind() {
    return spec.qualifiedName().substring(spec.root().name().length() + 1);
  }

  /** {@code value}, or the sentence that {@code flag} is missing. */
  <T> T need(T value, String flag) {
    return need(value, kind(), flag);
  }

  static <T> T need(T value, String kind, String flag) {
    if (value == null) {
      throw new CliError(kind + " needs " + flag + " (or the whole data with --data FILE)");
    }
    return value;
  }
}
