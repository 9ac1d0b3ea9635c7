package io.wxrelay.worker.menus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MenuKeys} does: run against Redis ({@code RedisMenuKeysIT}) and in memory
 * ({@code InMemoryMenuKeysTest}).
 */
public abstract class MenuKeysContract {
  private static final String APP = "wx5823bf96d3bd56c7";
  private static final String OTHER_APP = "wx1111111111111111";

  /** Menu keys of their own for this case, empty. */
  protected abstract MenuKeys keys();

  @Test
  void menusArePutRemovedAndReplacedPerAccount() {
    MenuKeys keys = keys();
    assertThat(keys.all(APP)).isEmpty();

    keys.put(APP, MenuKeys.DEFAULT, Set.of("TODAY", "LIKE"));
    keys.put(APP, "208", Set.of("VIP"));
    keys.put(OTHER_APP, MenuKeys.DEFAULT, Set.of("OTHER"));
    assertThat(keys.all(APP))
        .isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of("TODAY", "LIKE"), "208", Set.of("VIP")));

    keys.remove(APP, "208");
    assertThat(keys.all(APP)).isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of("TODAY", "LIKE")));

    keys.replace(APP, Map.of(MenuKeys.DEFAULT, Set.of(), "209", Set.of("NEW")));
    assertThat(keys.all(APP)).isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of(), "209", Set.of("NEW")));

    keys.replace(APP, Map.of());
    assertThat(keys.all(APP)).isEmpty();
    assertThat(keys.all(OTHER_APP)).isEqualTo(Map.of(MenuKeys.DEFAULT, Set.of("OTHER")));
  }
}
