package io.wxrelay.sim.publish;

import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.push.Push;
import io.wxrelay.sim.push.PushClient;
import io.wxrelay.sim.push.PushXml;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.truth.Publication;
import io.wxrelay.sim.truth.Truth;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishing (docs/wechat-api.md §13): the drafts draft/add made (their titles), the publish tasks
 * freepublish/submit started and the articles they published. A task finishes shortly after its
 * submit and PUBLISHJOBFINISH is pushed to the account in its mode. What a draft's titles hold
 * triggers WeChat's failures: {@value #CHECK_FAIL} refuses the submit with 53503, {@value
 * #ORIGINALITY} ends the task with status 2 and {@value #REJECTED} with 4, each with the fail_idx
 * of the articles that carry it.
 */
public final class PublishDesk implements AutoCloseable {
  /** In a title: the submit is refused, 53503 (the draft fails the publish check). */
  public static final String CHECK_FAIL = "[sim:check-fail]";

  /** In a title: the task ends with status 2 (originality check failed) for that article. */
  public static final String ORIGINALITY = "[sim:originality]";

  /** In a title: the task ends with status 4 (rejected by the platform's review). */
  public static final String REJECTED = "[sim:rejected]";

  /** A publish task: running (status 1) until it finishes. */
  public record Task(String appid, long publishId, String draftMediaId, Publication finished) {}

  /** A published article of a group; {@code deleted} once freepublish/delete removed it. */
  public record Article(String title, String url, boolean deleted) {}

  private final SimRules rules;
  private final InstantSource clock;
  private final Accounts accounts;
  private final PushClient pushes;
  private final Truth truth;
  private final AtomicLong publishIds = new AtomicLong(2_247_503_050L);
  private final Map<String, List<String>> drafts = new ConcurrentHashMap<>();
  private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
  private final Map<String, List<Article>> articles = new ConcurrentHashMap<>();
  private final List<String> order = new ArrayList<>();
  private final ScheduledExecutorService finisher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("sim-publish").factory());

  public PublishDesk(
      SimRules rules, InstantSource clock, Accounts accounts, PushClient pushes, Truth truth) {
    this.rules = rules;
    this.clock = clock;
    this.accounts = accounts;
    this.pushes = pushes;
    this.truth = truth;
  }

  /** draft/add made draft {@code mediaId} of {@code appid} with these article titles. */
  public void drafted(String appid, String mediaId, List<String> titles) {
    drafts.put(appid + " " + mediaId, List.copyOf(titles));
  }

  /**
   * Starts publishing draft {@code mediaId}: 40007 for no draft of the account, 53503 for one that
   * fails the check; else its publish_id, and the finish is pushed shortly.
   */
  public long submit(String appid, String mediaId) {
    List<String> titles = drafts.get(appid + " " + mediaId);
    if (titles == null) {
      throw WeChatError.INVALID_MEDIA_ID.exception();
    }
    if (titles.stream().anyMatch(t -> t.contains(CHECK_FAIL))) {
      throw WeChatError.PUBLISH_CHECK_FAILED.exception();
    }
    long publishId = publishIds.incrementAndGet();
    tasks.put(publishId, new Task(appid, publishId, mediaId, null));
    finisher.schedule(
        () -> finish(appid, publishId, mediaId, titles),
        rules.massFinishDelay().toMillis(),
        TimeUnit.MILLISECONDS);
    return publishId;
  }

  /** Task {@code publishId} of {@code appid}, running or finished. */
  public Optional<Task> task(String appid, long publishId) {
    Task task = tasks.get(publishId);
    return task != null && task.appid().equals(appid) ? Optional.of(task) : Optional.empty();
  }

  /** The articles of group {@code articleId} of {@code appid}; 53600 for an unknown id. */
  public List<Article> group(String appid, String articleId) {
    List<Article> group = articles.get(appid + " " + articleId);
    if (group == null) {
      throw WeChatError.INVALID_ARTICLE_ID.exception();
    }
    return group;
  }

  /** Deletes article {@code index} (1-based) of a group, or the whole group for 0. */
  public void delete(String appid, String articleId, int index) {
    List<Article> group = group(appid, articleId);
    if (index < 0 || index > group.size()) {
      throw WeChatError.INVALID_ARGUMENT.exception();
    }
    List<Article> after = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      Article a = group.get(i);
      after.add(index == 0 || index == i + 1 ? new Article(a.title(), a.url(), true) : a);
    }
    articles.put(appid + " " + articleId, List.copyOf(after));
  }

  /** The article ids of {@code appid}'s published groups, newest first. */
  public synchronized List<String> published(String appid) {
    String prefix = appid + " ";
    return order.reversed().stream()
        .filter(k -> k.startsWith(prefix))
        .map(k -> k.substring(prefix.length()))
        .toList();
  }

  private void finish(String appid, long publishId, String mediaId, List<String> titles) {
    List<Integer> failIdx = new ArrayList<>();
    int status = 0;
    for (int i = 0; i < titles.size(); i++) {
      String title = titles.get(i);
      if (title.contains(ORIGINALITY) || title.contains(REJECTED)) {
        failIdx.add(i + 1);
        status = title.contains(REJECTED) ? 4 : Math.max(status, 2);
      }
    }
    String articleId = status == 0 ? UUID.randomUUID().toString().replace("-", "") : null;
    List<String> urls = new ArrayList<>();
    if (articleId != null) {
      List<Article> group = new ArrayList<>();
      for (int i = 0; i < titles.size(); i++) {
        String url = "http://mp.weixin.qq.com/s/sim-" + articleId + "-" + (i + 1);
        urls.add(url);
        group.add(new Article(titles.get(i), url, false));
      }
      articles.put(appid + " " + articleId, List.copyOf(group));
      synchronized (this) {
        order.add(appid + " " + articleId);
      }
    }
    var done =
        new Publication(
            appid, publishId, mediaId, status, articleId, urls, failIdx, clock.instant());
    tasks.put(publishId, new Task(appid, publishId, mediaId, done));
    truth.published(done);
    push(done);
  }

  /** PUBLISHJOBFINISH as WeChat writes it: lower-case fields in PublishEventInfo (§13.2). */
  private void push(Publication done) {
    AppConfig app = accounts.app(done.appid()).orElseThrow();
    PushXml info =
        new PushXml()
            .number("publish_id", done.publishId())
            .number("publish_status", done.publishStatus());
    if (done.articleId() != null) {
      info.text("article_id", done.articleId());
      PushXml detail = new PushXml().number("count", done.articleUrls().size());
      for (int i = 0; i < done.articleUrls().size(); i++) {
        detail.element(
            "item",
            new PushXml().number("idx", i + 1).text("article_url", done.articleUrls().get(i)));
      }
      info.element("article_detail", detail);
    }
    done.failIdx().forEach(idx -> info.number("fail_idx", idx));
    String from = "mphelper";
    String xml =
        PushXml.of(app.originalId(), from, clock.instant().getEpochSecond(), "event")
            .text("Event", "PUBLISHJOBFINISH")
            .element("PublishEventInfo", info)
            .build();
    String key = Long.toString(done.publishId());
    pushes.send(app, new Push(done.appid(), from, "event:PUBLISHJOBFINISH", key, xml));
  }

  @Override
  public void close() {
    finisher.shutdownNow();
  }
}
