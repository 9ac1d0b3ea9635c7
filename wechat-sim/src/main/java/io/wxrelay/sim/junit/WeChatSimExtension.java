package io.wxrelay.sim.junit;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link WeChatSim} in-process on a free port for a test class and stops it after.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WeChatSimExtension SIM = new WeChatSimExtension(SimConfig.forTests());
 * // or @ExtendWith(WeChatSimExtension.class) and a WeChatSim parameter
 * }</pre>
 */
public final class WeChatSimExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private final SimConfig config;
  private WeChatSim sim;

  public WeChatSimExtension() {
    this(SimConfig.forTests());
  }

  public WeChatSimExtension(SimConfig config) {
    this.config = config;
  }

  /** The running simulator. */
  public WeChatSim sim() {
    if (sim == null) {
      throw new IllegalStateException("the simulator starts before all tests of the class");
    }
    return sim;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sim = WeChatSim.start(config);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sim != null) {
      sim.close();
      sim = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == WeChatSim.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sim();
  }
}
