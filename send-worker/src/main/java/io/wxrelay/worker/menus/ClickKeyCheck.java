package io.wxrelay.worker.menus;

import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.replies.AccountRules;
import io.wxrelay.worker.replies.ReplyRules;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares an account's reply rules' {@code clicks} with the click keys of its known menus: a rule
 * for a key no menu defines is never used (a typo, or a menu changed under it), and a menu button
 * no rule answers gets no reply. The rules' unknown keys are logged once per change (a WARN naming
 * them) and counted in a gauge per account. The check is advisory: {@link #tryCheck} logs and
 * counts a failure to read the keys ({@link KeysTrouble}) instead of throwing it. Thread-safe.
 */
public final class ClickKeyCheck {
  private static final Logger log = LoggerFactory.getLogger(ClickKeyCheck.class);

  /**
   * What a comparison found, each sorted.
   *
   * @param clickKeysWithoutRule keys of the menus' click buttons that no rule answers
   * @param ruleKeysNotInMenu keys the rules answer that no known menu defines
   * @param warned whether {@code ruleKeysNotInMenu} changed since the last check to a set not
   *     empty, and so was logged
   */
  public record Comparison(
      Set<String> clickKeysWithoutRule, Set<String> ruleKeysNotInMenu, boolean warned) {}

  private final MenuKeys menus;
  private final ReplyRules rules;
  private final WorkerMeters.Recorder meters;
  private final KeysTrouble trouble;
  private final Map<String, Set<String>> warned = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> unknown = new ConcurrentHashMap<>();

  public ClickKeyCheck(MenuKeys menus, ReplyRules rules, WorkerMeters.Recorder meters) {
    this.menus = menus;
    this.rules = rules;
    this.meters = meters;
    this.trouble = new KeysTrouble(meters);
  }

  /**
   * {@link #check}, best-effort: empty when the menu keys could not be read (logged and counted),
   * so that a click is answered and a menu call's result goes out whatever the store does.
   */
  public Optional<Comparison> tryCheck(String appid) {
    try {
      return Optional.of(check(appid));
    } catch (RuntimeException e) {
      trouble.failed(appid, "check against the reply rules", e);
      return Optional.empty();
    }
  }

  /** How a failure of the keys' bookkeeping is reported. */
  KeysTrouble trouble() {
    return trouble;
  }

  /**
   * Compares {@code appid}'s rules with its known menus now; warns when the unknown keys changed.
   */
  public Comparison check(String appid) {
    Set<String> menuKeys = new TreeSet<>();
    menus.all(appid).values().forEach(menuKeys::addAll);
    Set<String> ruleKeys =
        new TreeSet<>(rules.of(appid).map(AccountRules::clicks).orElse(Map.of()).keySet());
    Set<String> withoutRule = new TreeSet<>(menuKeys);
    withoutRule.removeAll(ruleKeys);
    Set<String> notInMenu = new TreeSet<>(ruleKeys);
    notInMenu.removeAll(menuKeys);
    gauge(appid).set(notInMenu.size());
    Set<String> before = warned.put(appid, Set.copyOf(notInMenu));
    boolean warn = !notInMenu.equals(before == null ? Set.of() : before) && !notInMenu.isEmpty();
    if (warn) {
      log.warn(
          "reply rules of {} answer click keys no known menu defines: {} (menus' keys: {})",
          appid,
          notInMenu,
          menuKeys);
    }
    return new Comparison(Set.copyOf(withoutRule), Set.copyOf(notInMenu), warn);
  }

  private AtomicInteger gauge(String appid) {
    return unknown.computeIfAbsent(
        appid,
        a -> {
          AtomicInteger value = new AtomicInteger();
          meters.unknownClicks(a, value::get);
          return value;
        });
  }
}
