package io.wxrelay.worker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxrelay.kit.metrics.CataloguedMeter;
import io.wxrelay.kit.metrics.MeterDoc;
import io.wxrelay.schemas.EventType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every meter of send-worker (docs/architecture.md, convention 6); tags are bounded, never ids or
 * OpenIDs.
 */
public enum WorkerMeters implements CataloguedMeter {
  COMMANDS(
      "wxrelay.worker.commands",
      "counter",
      List.of("type", "outcome"),
      "Commands finished, by type (unknown for a type wxrelay does not know) and outcome: succeeded, failed, dead, unknown, replayed (a stored result published again)."),
  CALLS(
      "wxrelay.worker.calls",
      "counter",
      List.of("appid", "api", "class"),
      "WeChat calls by account, API and outcome class: ok, token, retryable, throttled (45011, the per-minute quota), quota, userWindow, permanent, unknown."),
  CALL_LATENCY(
      "wxrelay.worker.call.latency",
      "timer",
      List.of("api"),
      "Duration of one WeChat call, request to answer (or failure)."),
  RATE_WAIT(
      "wxrelay.worker.ratelimit.wait",
      "timer",
      List.of("api"),
      "Time a call waited for its rate-limit permit (or a 45011 pause)."),
  RETRIES(
      "wxrelay.worker.retries",
      "counter",
      List.of("type", "where"),
      "Attempts scheduled again: in_process (short waits) or parked (on wechat.commands.retry); behind: a command parked without a call behind an earlier parked command of its key."),
  DEAD_LETTERS(
      "wxrelay.worker.dlq",
      "counter",
      List.of("reason"),
      "Records sent to wechat.commands.dlq, by reason: malformed, unknownType, invalid, permanent, retriesExhausted, unknown."),
  QR_REPLIES(
      "wxrelay.worker.qr.replies",
      "counter",
      List.of("outcome"),
      "Scans of QR codes: sent (the reply was carried out as a command; its result says how), none (no reply for the scene)."),
  RULE_REPLIES(
      "wxrelay.worker.rule.replies",
      "counter",
      List.of("on"),
      "Replies sent by an account's reply rules (each a command; its result says how), by what they answered: follow, text, click."),
  RULES_LOADS(
      "wxrelay.worker.rules.reloads",
      "counter",
      List.of("outcome"),
      "Changed reply rules files: loaded, or refused (a problem in the file; the rules before stay in force)."),
  UNKNOWN_CLICKS(
      "wxrelay.worker.reply.rules.unknown.clicks",
      "gauge",
      List.of("appid"),
      "Click keys an account's reply rules answer that none of its known menus defines (the menus as wxrelay last saw them: after a menu command WeChat accepted), compared after each such command and each menu click; a WARN log names them when they change."),
  MASS_FINISHED(
      "wxrelay.worker.mass.finished",
      "counter",
      List.of("outcome"),
      "MASSSENDJOBFINISH events: matched (to a command) or unmatched (not sent by wxrelay, or forgotten)."),
  TEMPLATE_FINISHED(
      "wxrelay.worker.template.finished",
      "counter",
      List.of("outcome"),
      "TEMPLATESENDJOBFINISH events: succeeded or failed (matched to a command; WeChat's Status success, or anything else), unmatched (not sent by wxrelay, forgotten: WORKER_TEMPLATE_LINK_TTL, or come before its send's answer: then counted again when that send publishes it)."),
  PUBLISH_FINISHED(
      "wxrelay.worker.publish.finished",
      "counter",
      List.of("status"),
      "PUBLISHJOBFINISH events matched to their wechat.publish.submit, by WeChat's publish_status named: success, originality_failed, failed, rejected, deleted_by_user, banned (status_<n> for an undocumented one); unmatched (not submitted by wxrelay, forgotten: WORKER_PUBLISH_LINK_TTL, a submit that ended UNKNOWN, or come before its submit's answer: then counted again when that submit publishes it)."),
  MASS_RECIPIENTS(
      "wxrelay.worker.mass.recipients",
      "counter",
      List.of("outcome"),
      "Followers of wxrelay's broadcasts as WeChat's finish events count them: sent, or error (WeChat could not deliver)."),
  HANDLER_FAILURES(
      "wxrelay.worker.handler.failures",
      "counter",
      List.of("engine"),
      "Records whose handling hit broken infrastructure (Redis, Kafka) and will be tried again."),
  REDIS_ERRORS(
      "wxrelay.worker.redis.errors",
      "counter",
      List.of("kind", "reason"),
      "Redis errors met while handling records, by kind: transient (retried: connection, timeout, pool, loading, readonly, failover, busy, unknown), fatal (retrying cannot fix it, the command is held: noperm, auth, oom, script, wrongtype, misconf, client, other), or advisory (any reason, in bookkeeping that changes no outcome, such as the menus' click keys: logged and skipped)."),
  REDIS_BLOCKED(
      "wxrelay.worker.redis.blocked",
      "gauge",
      List.of(),
      "1 while a fatal Redis error holds commands (kept uncommitted, tried again every WORKER_REDIS_BLOCKED_RETRY; readiness is DOWN), 0 after they succeed."),
  IN_FLIGHT(
      "wxrelay.worker.in.flight",
      "gauge",
      List.of("engine"),
      "Records being handled now. Backlog: wxrelay_kafka_group_lag_records."),
  MATERIAL_COUNT(
      "wxrelay.worker.material.count",
      "gauge",
      List.of("appid", "kind"),
      "Permanent material the account holds, by kind (image, voice, video, news), as WeChat's last count said (wechat.material.count, or the count after a permanent upload). Missing until the first count."),
  MATERIAL_CAP(
      "wxrelay.worker.material.cap",
      "gauge",
      List.of("appid", "kind"),
      "The cap of the account's permanent material of that kind (WORKER_MATERIAL_CAP_*), exported with its count: alert WxrelayMaterialNearCap compares the two."),
  GROUP_LAG(
      "wxrelay.kafka.group.lag.records",
      "gauge",
      List.of("group", "topic", "partition"),
      "Records of the partition after the group's committed offset (or where auto.offset.reset starts it), read from the brokers every WORKER_LAG_INTERVAL: exported whether the group's consumers run, are paused, rebalance or are dead. Every worker exports the same series: take max by (group, topic, partition)."),
  GROUP_OLDEST_AGE(
      "wxrelay.kafka.group.oldest.age",
      "gauge (seconds)",
      List.of("group", "topic", "partition"),
      "Age of the oldest unfinished record of the partition (now minus its record timestamp); 0 when the lag is 0. Missing for a partition with lag whose record could not be read yet."),
  GROUP_LAG_ERRORS(
      "wxrelay.kafka.group.lag.errors",
      "counter",
      List.of("group"),
      "Reads of a group's lag that failed (brokers unreachable, timed out, not authorized); the group's gauges keep the last values read.");

  private final MeterDoc doc;

  WorkerMeters(String name, String type, List<String> tags, String description) {
    this.doc = new MeterDoc(name, type, tags, description);
  }

  @Override
  public MeterDoc doc() {
    return doc;
  }

  /** The table of docs/metrics.md's section for this service. */
  public static String markdown() {
    return MeterDoc.markdown(Arrays.stream(values()).map(m -> m.doc).toList());
  }

  /** Records the meters on a registry. */
  public static final class Recorder {
    /** The {@code type} label of every command whose type wxrelay does not know. */
    public static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;
    private final Map<List<String>, AtomicLong> material = new ConcurrentHashMap<>();

    public Recorder(MeterRegistry registry) {
      this.registry = registry;
    }

    /** {@code type} as written by upstream: one that is no wxrelay type counts as "unknown". */
    public void command(String type, String outcome) {
      COMMANDS.counter(registry, "type", known(type), "outcome", outcome).increment();
    }

    public void call(String appid, String api, String outcomeClass, Duration took) {
      CALLS.counter(registry, "appid", appid, "api", api, "class", outcomeClass).increment();
      CALL_LATENCY.timer(registry, "api", api).record(took);
    }

    public void rateWait(String api, Duration waited) {
      RATE_WAIT.timer(registry, "api", api).record(waited);
    }

    public void retry(String type, String where) {
      RETRIES.counter(registry, "type", known(type), "where", where).increment();
    }

    /**
     * A type label that cannot explode: upstream writes the {@code type} of a command, and a label
     * value per typo would grow the series without bound.
     */
    static String known(String type) {
      return EventType.byValue(type).isPresent() ? type : UNKNOWN_TYPE;
    }

    public void deadLetter(String reason) {
      DEAD_LETTERS.counter(registry, "reason", reason).increment();
    }

    public void qrReply(String outcome) {
      QR_REPLIES.counter(registry, "outcome", outcome).increment();
    }

    public void ruleReply(String on) {
      RULE_REPLIES.counter(registry, "on", on).increment();
    }

    public void rulesReloaded(boolean loaded) {
      RULES_LOADS.counter(registry, "outcome", loaded ? "loaded" : "refused").increment();
    }

    public void massFinished(String outcome) {
      MASS_FINISHED.counter(registry, "outcome", outcome).increment();
    }

    /** A template message's finish: succeeded, failed or unmatched. */
    public void templateFinished(String outcome) {
      TEMPLATE_FINISHED.counter(registry, "outcome", outcome).increment();
    }

    /** A publish task's finish: its status's name when matched, else unmatched. */
    public void publishFinished(String status) {
      PUBLISH_FINISHED.counter(registry, "status", status).increment();
    }

    /** A matched broadcast finish: how many followers WeChat delivered it to, and failed to. */
    public void massRecipients(long sent, long errors) {
      MASS_RECIPIENTS.counter(registry, "outcome", "sent").increment(sent);
      MASS_RECIPIENTS.counter(registry, "outcome", "error").increment(errors);
    }

    public void handlerFailure(String engine) {
      HANDLER_FAILURES.counter(registry, "engine", engine).increment();
    }

    /** A Redis error of {@code kind} (transient, fatal) and {@code reason} (a bounded word). */
    public void redisError(String kind, String reason) {
      REDIS_ERRORS.counter(registry, "kind", kind, "reason", reason).increment();
    }

    /** The account's permanent material of {@code kind}: {@code count} of {@code cap}. */
    public void material(String appid, String kind, long count, long cap) {
      gaugeValue(MATERIAL_COUNT, appid, kind).set(count);
      gaugeValue(MATERIAL_CAP, appid, kind).set(cap);
    }

    private AtomicLong gaugeValue(WorkerMeters meter, String appid, String kind) {
      return material.computeIfAbsent(
          List.of(meter.name(), appid, kind),
          key -> {
            AtomicLong value = new AtomicLong();
            meter.gauge(registry, value::get, "appid", appid, "kind", kind);
            return value;
          });
    }

    /** The gauge of {@code appid}'s rule click keys that no known menu defines. */
    public void unknownClicks(String appid, Supplier<Number> value) {
      UNKNOWN_CLICKS.gauge(registry, value, "appid", appid);
    }

    /** The gauge of commands held by a fatal Redis error (1 or 0). */
    public void redisBlocked(Supplier<Number> value) {
      REDIS_BLOCKED.gauge(registry, value);
    }

    /**
     * The gauge of an engine's records in flight; also registers its handler-failure counter at 0,
     * so that dashboards and alerts see the series before the first failure.
     */
    public void inFlight(String engine, Supplier<Number> value) {
      IN_FLIGHT.gauge(registry, value, "engine", engine);
      HANDLER_FAILURES.counter(registry, "engine", engine);
    }
  }
}
