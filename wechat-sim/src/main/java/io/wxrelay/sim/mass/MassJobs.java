package io.wxrelay.sim.mass;

import io.wxrelay.sim.account.AccountType;
import io.wxrelay.sim.account.Accounts;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.push.Push;
import io.wxrelay.sim.push.PushClient;
import io.wxrelay.sim.push.PushXml;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.rules.WeChatError;
import io.wxrelay.sim.truth.Delivery;
import io.wxrelay.sim.truth.Truth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broadcast jobs (docs/wechat-api.md §2–3): the 60-per-minute limit of the mass APIs, clientmsgid
 * dedupe over 24 hours (45065 with the existing msg_id, 45066 within a minute, 45067 too long),
 * delivery to each user once, the subscription account's one broadcast a day (45028), the service
 * account's 4 a month per follower, and MASSSENDJOBFINISH with consistent counts when the job ends.
 */
public final class MassJobs implements AutoCloseable {
  /** WeChat's limit today: a 36-character UUID was refused with 45067 (docs/wechat-api.md §2.2). */
  private static final int CLIENTMSGID_MAX_BYTES = 32;

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  /** A broadcast's message, as delivered. */
  public record Message(String msgtype, String summary, boolean mpnews) {}

  /** A broadcast's state for mass/get. */
  public enum Status {
    SENDING,
    SEND_SUCCESS,
    SEND_FAIL,
    DELETE
  }

  private static final class Job {
    final long msgId;
    final String appid;
    final String clientmsgid;
    final Message message;
    final List<String> targets;
    Status status = Status.SENDING;

    Job(long msgId, String appid, String clientmsgid, Message message, List<String> targets) {
      this.msgId = msgId;
      this.appid = appid;
      this.clientmsgid = clientmsgid;
      this.message = message;
      this.targets = targets;
    }
  }

  private record Seen(long msgId, Instant firstAt, Instant lastAttemptAt) {}

  private final SimRules rules;
  private final InstantSource clock;
  private final Accounts accounts;
  private final PushClient pushes;
  private final Truth truth;
  private final AtomicLong msgIds = new AtomicLong(1_000_000_000L);
  private final Map<Long, Job> jobs = new HashMap<>();
  private final Map<String, Seen> clientmsgids = new HashMap<>();
  private final Map<String, long[]> minuteCounts = new HashMap<>();
  private final Map<String, LocalDate> lastBroadcastDay = new HashMap<>();
  private final ScheduledExecutorService finisher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("sim-mass").factory());

  public MassJobs(
      SimRules rules, InstantSource clock, Accounts accounts, PushClient pushes, Truth truth) {
    this.rules = rules;
    this.clock = clock;
    this.accounts = accounts;
    this.pushes = pushes;
    this.truth = truth;
  }

  /** Counts a call of a mass API against the app's per-minute limit (45011 over it). */
  public synchronized void admit(String appid) {
    long minute = clock.instant().getEpochSecond() / 60;
    long[] count = minuteCounts.computeIfAbsent(appid, a -> new long[] {minute, 0});
    if (count[0] != minute) {
      count[0] = minute;
      count[1] = 0;
    }
    if (count[1] >= rules.massPerMinute()) {
      throw WeChatError.MINUTE_QUOTA.exception();
    }
    count[1]++;
  }

  /**
   * Submits a broadcast to {@code targets}; returns its msg_id. Without a clientmsgid WeChat
   * dedupes on a digest of scope and content, so {@code scope} must describe the audience.
   */
  public synchronized long submit(
      String appid, String clientmsgid, String scope, Message message, List<String> targets) {
    Instant now = clock.instant();
    if (clientmsgid != null
        && clientmsgid.getBytes(StandardCharsets.UTF_8).length > CLIENTMSGID_MAX_BYTES) {
      throw WeChatError.CLIENTMSGID_TOO_LONG.exception();
    }
    String key =
        appid
            + "|"
            + (clientmsgid != null ? "id:" + clientmsgid : "digest:" + scope + "|" + message);
    clientmsgids.values().removeIf(s -> !now.isBefore(s.firstAt().plus(rules.clientmsgidMemory())));
    Seen seen = clientmsgids.get(key);
    if (seen != null) {
      clientmsgids.put(key, new Seen(seen.msgId(), seen.firstAt(), now));
      if (Duration.between(seen.lastAttemptAt(), now).compareTo(rules.clientmsgidRetryGap()) < 0) {
        throw WeChatError.CLIENTMSGID_TOO_FAST.exception();
      }
      throw WeChatError.CLIENTMSGID_EXISTS.exception().with(Map.of("msg_id", seen.msgId()));
    }
    takeDailyBroadcast(appid, now);
    long msgId = msgIds.incrementAndGet();
    clientmsgids.put(key, new Seen(msgId, now, now));
    Job job = new Job(msgId, appid, clientmsgid, message, List.copyOf(targets));
    jobs.put(msgId, job);
    finisher.schedule(() -> finish(job), rules.massFinishDelay().toMillis(), TimeUnit.MILLISECONDS);
    return msgId;
  }

  /**
   * A subscription account broadcasts once a day (China time): a second broadcast that day is
   * refused with 45028. A service account's limit is per follower instead ({@link #finish}).
   */
  private void takeDailyBroadcast(String appid, Instant now) {
    if (accounts.app(appid).orElseThrow().type() != AccountType.SUBSCRIPTION) {
      return;
    }
    LocalDate today = LocalDate.ofInstant(now, CHINA);
    if (today.equals(lastBroadcastDay.get(appid))) {
      throw WeChatError.NO_MASS_QUOTA.exception();
    }
    lastBroadcastDay.put(appid, today);
  }

  /** A preview: delivered at once to one user, no job, no push. */
  public long preview(String appid, String openid, Message message) {
    long msgId = msgIds.incrementAndGet();
    truth.delivered(
        new Delivery(
            appid,
            openid,
            "preview",
            msgId,
            null,
            message.msgtype(),
            message.summary(),
            clock.instant()));
    return msgId;
  }

  public synchronized Optional<Status> status(String appid, long msgId) {
    Job job = jobs.get(msgId);
    return job == null || !job.appid.equals(appid) ? Optional.empty() : Optional.of(job.status);
  }

  /** Deletes a sent mpnews/video broadcast (40059 for anything else). */
  public synchronized void delete(String appid, long msgId) {
    Job job = jobs.get(msgId);
    if (job == null || !job.appid.equals(appid) || job.status != Status.SEND_SUCCESS) {
      throw WeChatError.INVALID_MSG_ID.exception();
    }
    job.status = Status.DELETE;
  }

  private void finish(Job job) {
    AppConfig app = accounts.app(job.appid).orElseThrow();
    var population = accounts.population(job.appid);
    String month = YearMonth.from(clock.instant().atOffset(CHINA)).toString();
    int cap =
        app.type() == AccountType.SERVICE ? rules.serviceMonthlyBroadcasts() : Integer.MAX_VALUE;
    Instant now = clock.instant();
    long sent = 0;
    for (String openid : job.targets) {
      if (population.takeBroadcast(openid, month, cap)) {
        sent++;
        truth.delivered(
            new Delivery(
                job.appid,
                openid,
                "mass",
                job.msgId,
                job.clientmsgid,
                job.message.msgtype(),
                job.message.summary(),
                now));
      }
    }
    synchronized (this) {
      job.status = Status.SEND_SUCCESS;
    }
    pushes.send(app, finishedPush(app, job, sent, now));
  }

  private static Push finishedPush(AppConfig app, Job job, long sent, Instant now) {
    PushXml xml =
        PushXml.of(app.originalId(), "mphelper", now.getEpochSecond(), "event")
            .text("Event", "MASSSENDJOBFINISH")
            .number("MsgID", job.msgId)
            .text("Status", "send success")
            .number("TotalCount", job.targets.size())
            .number("FilterCount", sent)
            .number("SentCount", sent)
            .number("ErrorCount", 0);
    if (job.message.mpnews()) {
      PushXml check =
          xml.child().number("Count", 0).element("ResultList", xml.child()).number("CheckState", 1);
      xml.element("CopyrightCheckResult", check);
    }
    return new Push(
        app.appid(), "mphelper", "event:MASSSENDJOBFINISH", Long.toString(job.msgId), xml.build());
  }

  @Override
  public void close() {
    finisher.shutdownNow();
  }
}
