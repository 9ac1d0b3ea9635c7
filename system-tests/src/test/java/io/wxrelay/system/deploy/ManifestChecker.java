package io.wxrelay.system.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every rule over one overlay's rendering; no problem means the overlay passes. */
final class ManifestChecker {
  private ManifestChecker() {}

  /**
   * @param version the project's version (image tags)
   * @param retagged the images the overlay retags ({@link Project#retagged})
   */
  static List<String> problems(ManifestSet set, String version, Set<String> retagged) {
    List<String> problems = new ArrayList<>(set.problems());
    for (Check check :
        List.of(
            new EnvCheck(),
            new PortCheck(),
            new ReferenceCheck(),
            new SelectorCheck(),
            new BackendCheck(),
            new ImageCheck(version, retagged),
            new SecurityContextCheck())) {
      problems.addAll(check.problems(set));
    }
    return problems;
  }
}
