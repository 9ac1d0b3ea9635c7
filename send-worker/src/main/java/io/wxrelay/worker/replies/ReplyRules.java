package io.wxrelay.worker.replies;

import io.wxrelay.kit.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply rules in force, from a file read again when it changes (looked at most every {@code
 * checkEvery}, when an event asks): an operator edits the file and the next events follow it,
 * without a restart. A changed file with a problem is refused whole and the rules before it stay in
 * force; the log names every problem. Thread-safe.
 */
public final class ReplyRules {
  private static final Logger log = LoggerFactory.getLogger(ReplyRules.class);

  /**
   * Where the rules are and how often a change is looked for.
   *
   * @param file {@code WORKER_REPLY_RULES}, a JSON file ({@link RulesFile}); empty: no rules
   * @param checkEvery {@code WORKER_REPLY_RULES_CHECK}: a changed file is in force this long after
   *     the change at most (once an event asks)
   */
  public record Settings(Optional<Path> file, Duration checkEvery) {
    public static Settings fromEnv(Env env) {
      return new Settings(
          env.optional("WORKER_REPLY_RULES").map(Path::of),
          env.duration("WORKER_REPLY_RULES_CHECK", Duration.ofSeconds(5)));
    }
  }

  /** No rules file: no account answers anything by rule. */
  public static final ReplyRules NONE =
      new ReplyRules(null, null, Duration.ZERO, Clock.systemUTC(), ok -> {}, Map.of());

  private final @Nullable Path file;
  private final @Nullable RulesFile parser;
  private final Duration checkEvery;
  private final Clock clock;
  private final Consumer<Boolean> loaded;
  private volatile Map<String, AccountRules> rules;
  private @Nullable FileTime seen;
  private Instant checked = Instant.MIN;

  private ReplyRules(
      @Nullable Path file,
      @Nullable RulesFile parser,
      Duration checkEvery,
      Clock clock,
      Consumer<Boolean> loaded,
      Map<String, AccountRules> rules) {
    this.file = file;
    this.parser = parser;
    this.checkEvery = checkEvery;
    this.clock = clock;
    this.loaded = loaded;
    this.rules = rules;
  }

  /**
   * The rules of {@code file}, which must be readable and valid now (a worker does not start with a
   * broken file: {@link RulesFile.Refused} or {@link IOException}); {@code loaded} hears of each
   * reload, true when taken, false when refused.
   */
  public static ReplyRules fromFile(
      Path file, RulesFile parser, Duration checkEvery, Clock clock, Consumer<Boolean> loaded)
      throws IOException {
    ReplyRules rules = new ReplyRules(file, parser, checkEvery, clock, loaded, Map.of());
    rules.seen = Files.getLastModifiedTime(file);
    rules.rules = parser.parse(Files.readAllBytes(file));
    rules.checked = clock.instant();
    log.info("reply rules from {}: {} account(s)", file, rules.rules.size());
    return rules;
  }

  /** The rules of {@code appid}, after picking up a changed file. */
  public Optional<AccountRules> of(String appid) {
    reloadIfChanged();
    return Optional.ofNullable(rules.get(appid));
  }

  private synchronized void reloadIfChanged() {
    if (file == null || parser == null || clock.instant().isBefore(checked.plus(checkEvery))) {
      return;
    }
    checked = clock.instant();
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(seen)) {
        return;
      }
      seen = modified;
      rules = parser.parse(Files.readAllBytes(file));
      loaded.accept(true);
      log.info("reply rules reloaded from {}: {} account(s)", file, rules.size());
    } catch (IOException | RulesFile.Refused e) {
      loaded.accept(false);
      log.error(
          "reply rules in {} refused, the rules before stay in force: {}", file, e.getMessage());
    }
  }
}
