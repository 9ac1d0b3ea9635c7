package io.wxrelay.sim.template;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link TemplateStore} of every account, made when first needed. */
public final class TemplateStores {
  private final Map<String, TemplateStore> stores = new ConcurrentHashMap<>();

  /** The templates of {@code appid}'s account. */
  public TemplateStore of(String appid) {
    return stores.computeIfAbsent(appid, TemplateStore::new);
  }
}
