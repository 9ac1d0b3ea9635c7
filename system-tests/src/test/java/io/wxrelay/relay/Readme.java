package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The README's command blocks, as a new user copies them. */
final class Readme {
  private Readme() {}

  /** The first {@code bash} block after the sentence {@code after}. */
  static String bashBlockAfter(String after) throws IOException {
    String readme = Files.readString(Shell.root().resolve("README.md"));
    int at = readme.indexOf(after);
    assertThat(at).as("README: " + after).isPositive();
    int start = readme.indexOf("```bash\n", at) + 8;
    return readme.substring(start, readme.indexOf("```\n", start));
  }

  /** A command line split as a shell splits it: on spaces, outside double quotes. */
  static String[] words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words.toArray(String[]::new);
  }
}
