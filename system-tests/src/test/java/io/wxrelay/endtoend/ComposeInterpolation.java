package io.wxrelay.endtoend;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's interpolation of {@code $$}, {@code ${VAR}}, {@code ${VAR:?message}}, {@code
 * ${VAR?message}}, {@code ${VAR:-default}} and {@code ${VAR-default}} from a map of variables (what
 * Compose reads from the shell and the .env beside the file), for tests that read
 * docker-compose.yml without Compose. A {@code ${VAR}} the map does not hold is an error here
 * (Compose would put an empty string and warn), so that a test cannot silently run with one.
 */
final class ComposeInterpolation {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])([^}]*))?}");

  private ComposeInterpolation() {}

  static String interpolate(String text, Map<String, String> variables) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m, variables)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String value(Matcher m, Map<String, String> variables) {
    if (m.group(0).equals("$$")) {
      return "$";
    }
    String name = m.group(1);
    String operator = m.group(2);
    String value = variables.get(name);
    boolean unset = operator != null && operator.startsWith(":") ? isEmpty(value) : value == null;
    if (operator == null) {
      if (value == null) {
        throw new IllegalArgumentException("${" + name + "} is not among " + variables.keySet());
      }
      return value;
    }
    if (!unset) {
      return value;
    }
    if (operator.endsWith("?")) {
      throw new IllegalArgumentException("required variable " + name + ": " + m.group(3));
    }
    return m.group(3);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
