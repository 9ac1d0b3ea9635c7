package io.wxrelay.cli.accounts;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.kit.accounts.Account;
import io.wxrelay.kit.accounts.AccountsFile;
import io.wxrelay.kit.accounts.Secrets;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wxrelay accounts}: what the accounts file configures, secrets hidden. */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    description = {
      "The accounts configured in WXRELAY_ACCOUNTS_FILE: appid, name, token endpoint, callback"
          + " mode, rate limits, and whether each secret is set. Secrets are never printed."
    },
    footer = {"", "Example:", "  ./wxrelay accounts"})
public final class AccountsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    if (settings.accounts().isEmpty()) {
      throw new CliError(
          AccountsFile.VARIABLE
              + " is not set: no accounts file to show (scripts/up.sh writes one)");
    }
    var out = spec.commandLine().getOut();
    out.printf("accounts from %s%n", settings.env().string(AccountsFile.VARIABLE, "?"));
    out.printf(
        "%-20s %-26s %-9s %-7s %-8s %-15s %-8s %s%n",
        "APPID", "NAME", "ENDPOINT", "MODE", "SECRET", "CALLBACK TOKEN", "AES KEY", "RATE LIMITS");
    for (Account a : settings.accounts(EnumSet.allOf(Secrets.class))) {
      out.printf(
          "%-20s %-26s %-9s %-7s %-8s %-15s %-8s %s%n",
          a.appid(),
          a.name(),
          a.tokenEndpoint(),
          a.mode(),
          set(a.secret()),
          set(a.callbackToken()),
          a.mode().equals("plain") ? "-" : set(a.encodingAesKey()),
          a.rateLimits().isEmpty() ? "-" : a.rateLimits().toString());
    }
    return 0;
  }

  private static String set(String secret) {
    return secret == null ? "MISSING" : "set";
  }
}
