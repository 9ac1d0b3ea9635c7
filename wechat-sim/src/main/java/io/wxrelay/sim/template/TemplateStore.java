package io.wxrelay.sim.template;

import io.wxrelay.sim.rules.WeChatError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One account's template messages (docs/wechat-api.md §9): its added templates (25 at most, one
 * added from the start), its industries, the daily send quota and the client_msg_id memory.
 * Thread-safe: every method holds this store's lock.
 */
public final class TemplateStore {
  /** WeChat's default daily quota of template messages per account. */
  public static final int DEFAULT_DAILY_QUOTA = 100_000;

  /** How long WeChat promises one message per openid + client_msg_id. */
  public static final Duration CLIENT_MSG_ID_MEMORY = Duration.ofMinutes(10);

  private static final int MAX_TEMPLATES = 25;
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final Pattern KEY = Pattern.compile("\\{\\{(\\w+)\\.DATA}}");

  /** An added template; {@code keys} are the names in its content's placeholders. */
  public record Template(
      String id,
      String title,
      String primaryIndustry,
      String deputyIndustry,
      String content,
      String example,
      Set<String> keys) {}

  /** The msgid a send answers with; {@code duplicate} when nothing is to be sent. */
  public record Admission(long msgId, boolean duplicate) {}

  private record Sent(long msgId, Instant firstAt) {}

  private final String appid;
  private final Map<String, Template> templates = new LinkedHashMap<>();
  private final Map<String, Sent> clientMsgIds = new LinkedHashMap<>();
  private final String builtInId;
  private int added;
  private String industry1 = "1";
  private String industry2 = "2";
  private int dailyQuota = DEFAULT_DAILY_QUOTA;
  private LocalDate quotaDay = LocalDate.MIN;
  private int sentToday;

  public TemplateStore(String appid) {
    this.appid = appid;
    this.builtInId = add(TemplateLibrary.BUILT_IN, List.of()).id();
  }

  /** The id of the template the account starts with ({@link TemplateLibrary#BUILT_IN}). */
  public String builtInId() {
    return builtInId;
  }

  /** Adds library template {@code shortId}: 40037 unknown, 45026 over 25 templates. */
  public synchronized Template add(String shortId, List<String> keywordNames) {
    TemplateLibrary.Entry entry =
        TemplateLibrary.find(shortId).orElseThrow(WeChatError.INVALID_TEMPLATE_ID::exception);
    if (templates.size() >= MAX_TEMPLATES) {
      throw WeChatError.TEMPLATE_LIMIT.exception();
    }
    String content = TemplateLibrary.select(entry, keywordNames);
    Industries.Industry industry = Industries.of(industry1);
    Template template =
        new Template(
            newId(++added),
            entry.title(),
            industry.firstClass(),
            industry.secondClass(),
            content,
            entry.example(),
            keys(content));
    templates.put(template.id(), template);
    return template;
  }

  public synchronized List<Template> list() {
    return List.copyOf(templates.values());
  }

  public synchronized Optional<Template> find(String id) {
    return Optional.ofNullable(id == null ? null : templates.get(id));
  }

  /** Deletes template {@code id} (40037 when the account has no such template). */
  public synchronized void delete(String id) {
    if (id == null || templates.remove(id) == null) {
      throw WeChatError.INVALID_TEMPLATE_ID.exception();
    }
  }

  /** Sets the two industries, codes "1".."41" (47003 otherwise). */
  public synchronized void setIndustry(String first, String second) {
    if (!Industries.valid(first) || !Industries.valid(second)) {
      throw WeChatError.ARGUMENT_INVALID.exception();
    }
    industry1 = first;
    industry2 = second;
  }

  /** The primary and secondary industry. */
  public synchronized List<Industries.Industry> industry() {
    return List.of(Industries.of(industry1), Industries.of(industry2));
  }

  public synchronized void setDailyQuota(int quota) {
    dailyQuota = quota;
  }

  /**
   * Admits a message to {@code openid}: the msgid of the one already sent with the same {@code
   * clientMsgId} in the last 10 minutes (a duplicate, not counted), else a new msgid from {@code
   * nextMsgId} counted against today's quota (China time; 45009 when it is used up).
   */
  public synchronized Admission admit(
      String openid, String clientMsgId, Instant now, LongSupplier nextMsgId) {
    String key = clientMsgId == null || clientMsgId.isEmpty() ? null : openid + "|" + clientMsgId;
    clientMsgIds.values().removeIf(s -> !now.isBefore(s.firstAt().plus(CLIENT_MSG_ID_MEMORY)));
    Sent first = key == null ? null : clientMsgIds.get(key);
    if (first != null) {
      return new Admission(first.msgId(), true);
    }
    LocalDate today = LocalDate.ofInstant(now, CHINA);
    if (!today.equals(quotaDay)) {
      quotaDay = today;
      sentToday = 0;
    }
    if (sentToday >= dailyQuota) {
      throw WeChatError.DAILY_QUOTA.exception();
    }
    sentToday++;
    long msgId = nextMsgId.getAsLong();
    if (key != null) {
      clientMsgIds.put(key, new Sent(msgId, now));
    }
    return new Admission(msgId, false);
  }

  private static Set<String> keys(String content) {
    Set<String> keys = new LinkedHashSet<>();
    Matcher m = KEY.matcher(content);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return Collections.unmodifiableSet(keys); // in the content's order, for 47003's key
  }

  /** A stable id for the account's n-th added template, like WeChat's 43-character ones. */
  private String newId(int n) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((appid + ":" + n).getBytes(StandardCharsets.UTF_8));
      return "tpl-" + n + "-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
