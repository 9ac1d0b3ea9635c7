package io.wxrelay.faults;

import io.wxrelay.testkit.OwnCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the cluster scenarios one three-node {@link OwnCluster}, started by the first that asks and
 * stopped when the test run ends: a scenario that takes a node away brings it back before it ends,
 * so the next one finds the cluster whole (and each uses topics and groups of its own).
 */
final class SharedCluster implements ParameterResolver {
  private static final int NODES = 3;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OwnCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SharedCluster.class))
        .computeIfAbsent(OwnCluster.class, k -> OwnCluster.start(NODES), OwnCluster.class);
  }
}
