package io.wxrelay.faults;

import io.wxrelay.testkit.OwnCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a cluster scenario a three-node {@link OwnCluster} of its test class's own: started by the
 * first test of the class that asks, stopped when the class ends. A fresh cluster per scenario
 * keeps its nodes' restarts short (no other scenario's partitions to load and recover), and no
 * cluster idles beside the rest of the suite on two cores.
 */
final class SharedCluster implements ParameterResolver {
  private static final int NODES = 3;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OwnCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext =
        context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    return classContext
        .getStore(ExtensionContext.Namespace.create(SharedCluster.class))
        .computeIfAbsent(OwnCluster.class, k -> OwnCluster.start(NODES), OwnCluster.class);
  }
}
