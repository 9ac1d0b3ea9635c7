package io.wxrelay.sim;

import io.wxrelay.kit.config.Configured;
import io.wxrelay.kit.lifecycle.Lifecycle;
import io.wxrelay.sim.account.AppConfig;

/** {@code scripts/sim.sh}: runs the simulator until stopped, configured by the SIM_* variables. */
public final class SimMain {
  private SimMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimConfig config = Configured.fromEnvironment("wechat-sim", SimConfig::fromEnv);
    WeChatSim sim = WeChatSim.start(config);
    System.out.println("wechat-sim listening on " + sim.baseUrl());
    for (AppConfig app : sim.accounts().all()) {
      System.out.printf(
          "  app %s (%s, %s mode), %d followers, callback %s%n",
          app.appid(),
          app.type(),
          app.mode(),
          sim.accounts().population(app.appid()).size(),
          app.callbackUrl() == null ? "none" : app.callbackUrl());
    }
    Lifecycle.serveUntilShutdown("wechat-sim", sim);
  }
}
