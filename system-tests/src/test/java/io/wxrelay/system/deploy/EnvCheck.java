package io.wxrelay.system.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * (a) Every variable a container sets is one its service reads, and the service's own reader
 * accepts the container's configuration. The JVM's own variables are allowed.
 */
final class EnvCheck implements Check {
  static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  @Override
  public List<String> problems(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (ServiceContainers sc : ServiceContainers.in(set)) {
      ContainerRead read = sc.read(set);
      Where where = sc.where();
      if (read.refused().isPresent()) {
        // What it read before it stopped is not all it reads: one problem, the reader's.
        problems.add(
            where.problem(
                sc.service().image() + " refuses its configuration: " + read.refused().get()));
        continue;
      }
      read.env()
          .origins()
          .forEach(
              (name, origin) -> {
                if (!read.namesRead().contains(name) && !JVM_VARIABLES.contains(name)) {
                  problems.add(
                      where.problem(
                          origin
                              + " sets "
                              + name
                              + ", which "
                              + sc.service().image()
                              + " does not read"));
                }
              });
    }
    return problems;
  }
}
