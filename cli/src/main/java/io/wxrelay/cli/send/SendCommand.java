package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.Durations;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code wxrelay send <type>}: one command on {@code wechat.commands}, checked before it is
 * written.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Write one command to wechat.commands and print its id.",
      "The command is checked against its schema first: a bad field is named by its JSON pointer"
          + " and nothing is written.",
      "Types: custom, qr, mass, preview, mass-get, mass-delete, speed-get, speed-set, media"
          + " (or the CloudEvents type, e.g. wechat.custom.send)."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay send custom --to oAlice --text \"hi\" --wait",
      "  ./wxrelay send qr --scene order-42 --expire 7d --reply-text \"Your order 42\" --wait",
      "  ./wxrelay send qr --scene order-42 --reply-title \"Your order\" --reply-url https://shop/o/42",
      "  ./wxrelay send mass --tag 100 --text \"Sale starts today\" --wait",
      "  ./wxrelay send mass --to oAlice,oBob --text \"VIP evening\" --wait",
      "  ./wxrelay send mass --all --news-title \"Autumn sale\" --news-thumb autumn.jpg"
          + " --news-content @autumn.html --wait",
      "  ./wxrelay send speed-set --speed 1",
      "  ./wxrelay send wechat.mass.sendall --data broadcast.json --id crm-2026-11-26-sale",
      "",
      "--wait exits 0 only on SUCCEEDED (and, for a broadcast, once every chunk finished)."
    })
public final class SendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TYPE", description = "custom, qr, mass, ... (see above)")
  String type;

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
      description = "the command's data as JSON ('-': stdin)")
  String dataFile;

  @Option(
      names = "--to",
      split = ",",
      paramLabel = "OPENID",
      description = "user(s); mass: 2 or more, or @FILE with one per line")
  List<String> to;

  @Option(names = "--text", description = "the text of a custom, preview or mass message")
  String text;

  @Option(names = "--tag", description = "mass: broadcast to the followers with this tag id")
  Integer tag;

  @Option(names = "--all", description = "mass: broadcast to every follower")
  boolean all;

  @Option(names = "--scene", description = "qr: scene, a number or a string (e.g. order-42)")
  String scene;

  @Option(
      names = "--expire",
      description = "qr: lifetime of a temporary code, e.g. 60s, 7d (at most 30d)")
  String expire;

  @Option(names = "--permanent", description = "qr: a permanent code")
  boolean permanent;

  @Option(names = "--reply-text", description = "qr: text sent to whoever scans it")
  String replyText;

  @Option(names = "--reply-title", description = "qr: a news article sent to whoever scans it")
  String replyTitle;

  @Option(names = "--reply-url", description = "qr: the article's link")
  String replyUrl;

  @Option(names = "--reply-description", description = "qr: the article's description")
  String replyDescription;

  @Option(names = "--reply-picurl", description = "qr: the article's picture")
  String replyPicUrl;

  @Mixin NewsFlags news;

  @Option(names = "--msg-id", description = "mass-get, mass-delete: the broadcast's msg_id")
  Long msgId;

  @Option(names = "--article-idx", description = "mass-delete: the article to delete (1-based)")
  Integer articleIdx;

  @Option(names = "--speed", description = "speed-set: 0 (fastest) to 4")
  Integer speed;

  @Option(names = "--wait", description = "follow the result (and a broadcast's finish events)")
  boolean await;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      description = "how long --wait waits (default ${DEFAULT-VALUE})")
  String timeout;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    CommandKind kind = CommandKind.parse(type);
    CommandOptions options = options();
    ContractCodec codec = ContractCodec.create();
    if (dataFile != null && options.any()) {
      throw new CliError("give the data either with --data or with flags, not both");
    }
    JsonNode data = dataFile != null ? readData(codec) : DataBuilder.build(kind, options);
    EventType eventType = DataBuilder.typeOf(kind, data);
    String appid = settings.appid(app);
    String commandId = id != null ? id : "cli-" + UUID.randomUUID();
    byte[] value =
        new CommandEvents(codec).encode(eventType, commandId, source, appid, Instant.now(), data);
    String recordKey = key != null ? key : CommandEvents.keyOf(eventType, appid, data);
    Duration waitFor = Durations.parse("--timeout", timeout);

    String commands = settings.topic(Topic.COMMANDS);
    var out = spec.commandLine().getOut();
    if (!await) {
      try (CommandWriter writer = new CommandWriter(settings.kafka())) {
        writer.write(commands, recordKey, value);
      }
      out.println(commandId);
      return 0;
    }
    try (TopicReader results =
            TopicReader.open(settings.kafka(), settings.topic(Topic.RESULTS), false);
        CommandWriter writer = new CommandWriter(settings.kafka())) {
      writer.write(commands, recordKey, value);
      out.println(commandId);
      out.printf("wrote %s (key %s); waiting for its result ...%n", eventType.value(), recordKey);
      out.flush();
      boolean broadcast = eventType == EventType.MASS_SEND || eventType == EventType.MASS_SENDALL;
      var outcome =
          new ResultWait(
                  results,
                  codec.mapper(),
                  line -> {
                    out.println(line);
                    out.flush();
                  })
              .await(commandId, broadcast, waitFor);
      if (outcome.isEmpty()) {
        throw new CliError(
            "no result for " + commandId + " within " + timeout + " (is a send-worker running?)",
            CliError.TIMED_OUT);
      }
      var ended = outcome.get();
      if ("SUCCEEDED".equals(ended.status()) && ended.finishes().size() < ended.chunks()) {
        throw new CliError(
            String.format(
                "%s was submitted, but WeChat reported the end of %d of its %d chunks within %s"
                    + " (follow the rest with: ./wxrelay tail results --id %s)",
                commandId, ended.finishes().size(), ended.chunks(), timeout, commandId),
            CliError.TIMED_OUT);
      }
      return ended.succeeded() ? 0 : CliError.NOT_SUCCEEDED;
    }
  }

  private CommandOptions options() {
    return new CommandOptions(
        recipients(),
        text,
        tag,
        all,
        scene,
        expire == null ? null : Durations.parse("--expire", expire),
        permanent,
        replyText,
        replyTitle,
        replyUrl,
        replyDescription,
        replyPicUrl,
        msgId,
        articleIdx,
        speed,
        news);
  }

  /** {@code --to a,b} or {@code --to @file} (one OpenID a line). */
  private List<String> recipients() {
    if (to == null || to.size() != 1 || !to.get(0).startsWith("@")) {
      return to;
    }
    Path file = Path.of(to.get(0).substring(1));
    try {
      return Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new CliError("cannot read the OpenIDs of --to from " + file);
    }
  }

  private JsonNode readData(ContractCodec codec) {
    byte[] bytes;
    try {
      bytes =
          dataFile.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(dataFile));
    } catch (IOException e) {
      throw new CliError("cannot read --data " + dataFile);
    }
    try {
      JsonNode data = codec.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
      if (data == null || !data.isObject()) {
        throw new CliError("--data " + dataFile + " must hold a JSON object (the command's data)");
      }
      return data;
    } catch (JacksonException e) {
      throw new CliError(
          "--data "
              + dataFile
              + " is not valid JSON: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }
}
