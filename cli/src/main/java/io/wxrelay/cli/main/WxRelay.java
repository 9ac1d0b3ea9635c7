package io.wxrelay.cli.main;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.CommandGroup;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.accounts.AccountsCommand;
import io.wxrelay.cli.demo.DemoCommand;
import io.wxrelay.cli.dlq.DlqCommand;
import io.wxrelay.cli.send.MaterialCommand;
import io.wxrelay.cli.send.MenuCommand;
import io.wxrelay.cli.send.PublishCommand;
import io.wxrelay.cli.send.SendCommand;
import io.wxrelay.cli.send.TagsCommand;
import io.wxrelay.cli.send.TemplateCommand;
import io.wxrelay.cli.send.UsersCommand;
import io.wxrelay.cli.send.Verbs;
import io.wxrelay.cli.show.TailCommand;
import io.wxrelay.cli.token.TokenCommand;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./wxrelay}: the command line of wxrelay. Every subcommand reads where the relay is from
 * the environment ({@link CliSettings}); errors are one sentence on stderr and a non-zero exit
 * code, never a stack trace.
 */
@Command(
    name = "wxrelay",
    mixinStandardHelpOptions = true,
    version = "wxrelay 0.1.0",
    description =
        "Drive a wxrelay: send commands (messages, tags, template messages, followers), follow"
            + " its topics, replay dead letters.",
    footer = {
      "",
      "Examples:",
      "  ./wxrelay send custom --to oAlice --text \"Your order has shipped\" --wait",
      "  ./wxrelay tags add --tag 101 --to @buyers.txt --wait",
      "  ./wxrelay users sync --wait",
      "  ./wxrelay tail results",
      "  ./wxrelay dlq list",
      "",
      "It finds the relay through KAFKA_BOOTSTRAP_SERVERS, REDIS_URL and WXRELAY_ACCOUNTS_FILE,"
          + " which scripts/up.sh writes to .run/relay/relay.env for it.",
      "Exit codes: 0 done, 1 the command did not succeed, 2 bad input (nothing written),"
          + " 3 Kafka/Redis/the relay unreachable, 4 no answer in time."
    })
public final class WxRelay implements Runnable, RelayContext, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        SendCommand.class,
        TagsCommand.class,
        TemplateCommand.class,
        UsersCommand.class,
        PublishCommand.class,
        MaterialCommand.class,
        MenuCommand.class,
        TailCommand.class,
        DlqCommand.class,
        TokenCommand.class,
        AccountsCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class);
  }

  private final Map<String, String> environment;
  private CliSettings settings;

  @CommandLine.Spec CommandSpec spec;

  public WxRelay(Map<String, String> environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(run(System.getenv(), args));
  }

  /** Runs one command line; returns its exit code. */
  public static int run(Map<String, String> environment, String... args) {
    return forLine(environment, args).execute(args);
  }

  /** The command line for {@code args}: only the commands they name built ({@link CommandTree}). */
  static CommandLine forLine(Map<String, String> environment, String... args) {
    return configured(CommandTree.forWords(new WxRelay(environment), args));
  }

  /**
   * The whole command line, every command built, its errors handled as everywhere in wxrelay. A run
   * builds only the commands its line names ({@link CommandTree}).
   */
  public static CommandLine commandLine(Map<String, String> environment) {
    return configured(CommandTree.whole(new WxRelay(environment)));
  }

  private static CommandLine configured(CommandLine cli) {
    cli.setExecutionExceptionHandler(WxRelay::handle);
    cli.setParameterExceptionHandler(WxRelay::handleUsage);
    // @FILE is the value of an option (--to @openids.txt, --news-content @news.html), not picocli's
    // argument file, which would split the file into arguments.
    cli.setExpandAtFiles(false);
    // A command type is named as the schemas name it: wechat.custom.send, WECHAT.CUSTOM.SEND.
    cli.getSubcommands().get("send").setSubcommandsCaseInsensitive(true);
    return cli;
  }

  /** The settings of this run, read once. */
  @Override
  public CliSettings settings() {
    if (settings == null) {
      try {
        settings = CliSettings.fromEnv(Env.of(environment));
      } catch (ConfigException e) {
        throw new CliError(e.getMessage());
      }
    }
    return settings;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof CliError error) {
      err.println("error: " + error.getMessage());
      return error.exitCode();
    }
    if (e instanceof ConfigException config) {
      err.println("error: " + config.getMessage());
      return CliError.USAGE;
    }
    String message =
        e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    err.println("error: " + e.getClass().getSimpleName() + message);
    return CliError.NOT_SUCCEEDED;
  }

  private static int handleUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && Verbs.isGroup(cli.getCommandSpec())
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      String name = unmatched.getUnmatched().get(0);
      cli.getErr()
          .println(
              "error: "
                  + (cli.getCommand() instanceof SendCommand
                      ? SendCommand.unknownType(cli.getCommandSpec(), name)
                      : Verbs.unknown(cli.getCommandSpec(), name)));
      return CliError.USAGE;
    }
    cli.getErr()
        .println(
            "error: "
                + e.getMessage().strip()
                + " (see: "
                + cli.getCommandSpec().qualifiedName()
                + " --help)");
    return CliError.USAGE;
  }
}
