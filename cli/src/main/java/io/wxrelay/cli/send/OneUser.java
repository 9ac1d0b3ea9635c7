package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import java.util.List;

/** The {@code --to} of a command for one user: exactly one OpenID. */
final class OneUser {
  private OneUser() {}

  static String of(List<String> to, String kind) {
    if (to == null || to.size() != 1) {
      throw new CliError(kind + " needs exactly one --to OPENID");
    }
    return to.get(0);
  }
}
