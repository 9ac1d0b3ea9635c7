package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.cli.main.WxRelay;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine;

/** {@code wxrelay send ...} in this process: parsed to its kind's record, or run for its output. */
final class SendRun {
  static final String APPID = "wx5823bf96d3bd56c7";

  /** What a run printed, and its exit code. */
  record Ran(int exitCode, String out, String err) {}

  private SendRun() {}

  /** The data the kind's flags make, as {@code ./wxrelay args} would write it. */
  static CommandData data(String... args) {
    return kind(args).data();
  }

  /** The kind command {@code args} select, its flags set. */
  static KindCommand kind(String... args) {
    CommandLine cli = WxRelay.commandLine(Map.of());
    var parsed = cli.parseArgs(args).subcommand().subcommand();
    return (KindCommand) parsed.commandSpec().userObject();
  }

  /** The command checked and encoded with the worker's codec, for the account. */
  static CommandEvents.Outgoing encoded(CommandData data) {
    return new CommandEvents(ContractCodec.create())
        .encode(CommandEvents.command("cli-test-1", "/wxrelay/cli", APPID, Instant.now(), data));
  }

  /** The data as it goes on the wire. */
  static String json(CommandData data) {
    CloudEvent<CommandData> event = encoded(data).event();
    return ContractCodec.newMapper().valueToTree(event.data()).toString();
  }

  /** Runs {@code ./wxrelay args} without a relay (nothing it gets to may need one). */
  static Ran run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = WxRelay.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Ran(code, out.toString(), err.toString());
  }

  /** Runs {@code args} and checks they end as bad input: one sentence, exit code 2, no output. */
  static void expectUsageError(String sentence, String... args) {
    Ran ran = run(args);
    assertThat(ran.exitCode()).as(ran.err()).isEqualTo(2);
    assertThat(ran.err()).startsWith(sentence);
    assertThat(ran.err().lines().count()).as(ran.err()).isEqualTo(1);
    assertThat(ran.out()).isEmpty();
  }
}
