package io.wxrelay.sim.account;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every simulated account and its users. */
public final class Accounts {
  private final Map<String, AppConfig> apps = new LinkedHashMap<>();
  private final Map<String, Population> populations = new LinkedHashMap<>();

  public synchronized void add(AppConfig app, Population population) {
    apps.put(app.appid(), app);
    populations.put(app.appid(), population);
  }

  public synchronized Optional<AppConfig> app(String appid) {
    return Optional.ofNullable(appid == null ? null : apps.get(appid));
  }

  /** Replaces an app's configuration (e.g. its callback URL), keeping its users. */
  public synchronized void update(AppConfig app) {
    if (!apps.containsKey(app.appid())) {
      throw new IllegalArgumentException("no app " + app.appid());
    }
    apps.put(app.appid(), app);
  }

  public synchronized Population population(String appid) {
    Population population = populations.get(appid);
    if (population == null) {
      throw new IllegalArgumentException("no app " + appid);
    }
    return population;
  }

  public synchronized Collection<AppConfig> all() {
    return java.util.List.copyOf(apps.values());
  }
}
