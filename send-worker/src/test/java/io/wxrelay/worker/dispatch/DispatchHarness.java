package io.wxrelay.worker.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.TemplateSend;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TokenUnavailableException;
import io.wxrelay.token.client.Tokens;
import io.wxrelay.worker.consume.Failures;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.correlation.InMemoryCorrelations;
import io.wxrelay.worker.events.EventReactor;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.ledger.InMemoryCommandLedger;
import io.wxrelay.worker.ledger.UnreachableLedger;
import io.wxrelay.worker.library.MaterialCaps;
import io.wxrelay.worker.library.MaterialLibrary;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.media.MediaFetcher;
import io.wxrelay.worker.media.MediaFiles;
import io.wxrelay.worker.menus.BreakableMenuKeys;
import io.wxrelay.worker.menus.ClickKeyCheck;
import io.wxrelay.worker.menus.InMemoryMenuKeys;
import io.wxrelay.worker.menus.MenuWatch;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.plan.Request;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.ratelimit.InMemoryRateLimiter;
import io.wxrelay.worker.ratelimit.RateLimits;
import io.wxrelay.worker.ratelimit.Throttle;
import io.wxrelay.worker.replies.ReplyRules;
import io.wxrelay.worker.time.Sleeper;
import io.wxrelay.worker.tracing.WorkerSpans;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.Classifier;
import io.wxrelay.worker.wechat.WeChat;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dispatch package wired as SendWorker wires it, with everything outside the process replaced:
 * WeChat answers from a script (classified by the real {@link Classifier}), tokens of a counting
 * source, the in-memory ledger, limiter and correlations, Kafka's {@link MockProducer}, a fixed
 * clock and a sleeper that only records. A unit test drives {@link #processor} or {@link #run} and
 * reads what was published.
 */
final class DispatchHarness {
  static final String APPID = "wx5823bf96d3bd56c7";
  static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  static final int MAX_ATTEMPTS = 4;

  /** The retry horizon of the commands this harness runs. */
  static final Duration HORIZON = Duration.ofMinutes(30);

  final ContractCodec codec = ContractCodec.create();
  final SteppingClock clock = new SteppingClock();
  final ScriptedWeChat wechat = new ScriptedWeChat(new Classifier(Duration.ofMinutes(1)));
  final CountingTokens tokens = new CountingTokens();
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  /** What else happens during a sleep (a test's interrupt, or a worker's death). */
  volatile Sleeper duringSleep = d -> {};

  /** Sleeps take no time: they are recorded, and move the clock on. */
  final Sleeper sleeper =
      d -> {
        sleeps.add(d);
        clock.advance(d);
        duringSleep.sleep(d);
      };

  final InMemoryCommandLedger ledger = new InMemoryCommandLedger(clock, Duration.ofMinutes(15));

  /** The ledger as the run sees it: a test can make it unreachable for a few writes. */
  final UnreachableLedger store = new UnreachableLedger(ledger);

  final InMemoryCorrelations correlations = new InMemoryCorrelations(clock);
  final InMemoryMenuKeys menuKeys = new InMemoryMenuKeys();

  /** The menu keys as the run and the click check see them: a test can make them fail. */
  final BreakableMenuKeys menuStore = new BreakableMenuKeys(menuKeys);

  final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock, 0);
  final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final OutcomePublisher publisher;
  final CallExecutor calls;
  final CommandRun run;
  final CommandProcessor processor;

  DispatchHarness() {
    this("");
  }

  /** With {@code rateLimits} ({@code WORKER_RATE_LIMITS}' form) on the in-memory limiter. */
  DispatchHarness(String rateLimits) {
    WorkerMeters.Recorder meters = new WorkerMeters.Recorder(registry);
    publisher =
        new OutcomePublisher(
            producer,
            codec,
            new OutcomePublisher.Topics("results", "retry", "dlq"),
            "/test/worker",
            Duration.ofSeconds(1),
            clock);
    LedgerWrites writes =
        new LedgerWrites(
            Failures.of(e -> e instanceof UnreachableLedger.Unreachable),
            sleeper,
            Duration.ofMillis(50),
            Duration.ofSeconds(1));
    CommandEnd end = new CommandEnd(store, writes, publisher, meters, WorkerSpans.off());
    calls = new CallExecutor(wechat, tokens, throttle(rateLimits), meters);
    run =
        new CommandRun(
            calls,
            new MediaFiles(
                new MediaFetcher(new MediaFetcher.Settings(Duration.ofSeconds(20), Set.of()))),
            new RetryPolicy(
                new RetryPolicy.Settings(
                    MAX_ATTEMPTS,
                    Duration.ofMillis(100),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    HORIZON)),
            store,
            writes,
            new Links(
                correlations,
                codec.mapper(),
                new Links.Settings(
                    Duration.ofDays(7),
                    Duration.ofDays(365),
                    Duration.ofDays(3),
                    Duration.ofDays(7)),
                new MenuWatch(menuStore, clickKeys(ReplyRules.NONE), codec.mapper())),
            end,
            new MaterialLibrary(MaterialCaps.DEFAULTS, meters),
            new CommandRun.Settings(
                Duration.ofSeconds(30), "https://mp.example/showqrcode", "test-worker"),
            clock,
            sleeper);
    processor =
        new CommandProcessor(
            codec,
            new CommandCalls(codec.mapper(), CommandCalls.MAX_OPENIDS_PER_CALL),
            run,
            end,
            clock,
            sleeper,
            WorkerSpans.off());
  }

  /** {@code rateLimits} and 45011 pauses, on the in-memory limiter. */
  private Throttle throttle(String rateLimits) {
    return new Throttle(
        limiter,
        RateLimits.parse("test", rateLimits),
        Duration.ofMinutes(1),
        Duration.ofSeconds(24),
        clock,
        sleeper);
  }

  /**
   * A claim of {@code plan}, under {@code key}, for {@code owner}, with a {@code lease}, on this
   * harness's ledger, clock and sleeper (not the run's own lease clock): as if its calls had all
   * been answered, and the plan could not be repeated.
   */
  Claims claims(CallPlan plan, String key, String owner, Duration lease) {
    return claims(ledger, plan, key, owner, lease);
  }

  /** As above, on {@code ledger}. */
  Claims claims(CommandLedger ledger, CallPlan plan, String key, String owner, Duration lease) {
    LedgerWrites writes =
        new LedgerWrites(
            Failures.of(e -> false), sleeper, Duration.ofMillis(50), Duration.ofSeconds(1));
    return new Claims(
        ledger, writes, lease, clock, sleeper, plan, key, owner, () -> false, clean -> false);
  }

  /** A check of {@code rules} against this harness's menu keys. */
  ClickKeyCheck clickKeys(ReplyRules rules) {
    return new ClickKeyCheck(menuStore, rules, new WorkerMeters.Recorder(registry));
  }

  /** The events consumer wired to this harness, answering by {@code rules}. */
  EventReactor reactor(ReplyRules rules) {
    return new EventReactor(
        codec,
        correlations,
        rules,
        clickKeys(rules),
        processor,
        publisher,
        new WorkerMeters.Recorder(registry),
        "/test/worker",
        clock,
        sleeper,
        WorkerSpans.off());
  }

  /** A template message {@code id} to oUser1, written now. */
  CloudEvent<TemplateSend> templateSend(String id) {
    return command(
        EventType.TEMPLATE_SEND,
        id,
        new TemplateSend(
            "oUser1",
            "tplIdXyz",
            null,
            null,
            Map.of("thing1", new TemplateSend.Value("ok", null))));
  }

  /** A command of {@code type} for the test account, written now. */
  <T extends CommandData> CloudEvent<T> command(EventType type, String id, T data) {
    return CloudEvent.of(type, id, "/test", APPID, clock.instant(), data);
  }

  /** {@code command} as the record it arrives in, at offset {@code offset} of partition 0. */
  InboundRecord record(CloudEvent<?> command, String key) {
    return record(codec.encode(command), key, Map.of());
  }

  InboundRecord record(byte[] value, String key, Map<String, byte[]> headers) {
    return new InboundRecord("wechat.commands", 0, producer.history().size(), key, value, headers);
  }

  /** {@code published}, as the consumer of its topic receives it: value, key and headers. */
  InboundRecord received(ProducerRecord<String, byte[]> published) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    published.headers().forEach(h -> headers.put(h.key(), h.value()));
    return record(published.value(), published.key(), headers);
  }

  /** The records published to {@code topic}, in order. */
  List<ProducerRecord<String, byte[]>> published(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /** A header of {@code record} as text, or null. */
  static String header(ProducerRecord<String, byte[]> record, String name) {
    var value = record.headers().lastHeader(name);
    return value == null ? null : new String(value.value(), StandardCharsets.UTF_8);
  }

  List<CommandResult> results() {
    return published("results").stream()
        .map(r -> codec.decode(r.value()))
        .filter(event -> event.eventType() == EventType.RESULT)
        .map(event -> event.dataAs(CommandResult.class))
        .toList();
  }

  /** The events published to the results topic, in order: results, pages, finished jobs. */
  List<CloudEvent<?>> resultEvents() {
    return published("results").stream().<CloudEvent<?>>map(r -> codec.decode(r.value())).toList();
  }

  CommandResult onlyResult() {
    List<CommandResult> results = results();
    if (results.size() != 1) {
      throw new AssertionError("expected one result, got " + results);
    }
    return results.getFirst();
  }

  List<DeadLetter> deadLetters() {
    return published("dlq").stream()
        .map(r -> codec.decode(r.value(), DeadLetter.class).data())
        .toList();
  }

  double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** WeChat as a script: each call takes the next answer (the last one repeats). */
  static final class ScriptedWeChat implements WeChat {
    private final Classifier classifier;
    private final Deque<Answer> answers = new ArrayDeque<>();
    final List<Request> calls = Collections.synchronizedList(new ArrayList<>());

    /** The bytes of each file uploaded, in order. */
    final List<byte[]> uploaded = Collections.synchronizedList(new ArrayList<>());

    final List<String> tokensUsed = Collections.synchronizedList(new ArrayList<>());

    /** The JSON body of call {@code i} (an upload has none). */
    ObjectNode body(int i) {
      return switch (calls.get(i)) {
        case Request.Json json -> json.body();
        case Request.Upload upload -> throw new AssertionError(upload.api() + " is an upload");
        case Request.Query query -> throw new AssertionError(query.api() + " is a GET");
      };
    }

    /** What WeChat does with one call: an answer with this errcode, or no answer at all. */
    record Answer(int http, int errcode, Map<String, Object> fields, boolean lost) {}

    ScriptedWeChat(Classifier classifier) {
      this.classifier = classifier;
    }

    /** The next calls answer these errcodes in turn (0: success), with WeChat's usual fields. */
    ScriptedWeChat answers(int... errcodes) {
      for (int errcode : errcodes) {
        answers.add(new Answer(200, errcode, Map.of(), false));
      }
      return this;
    }

    /** The next call succeeds with these response fields. */
    ScriptedWeChat succeeds(Map<String, Object> fields) {
      answers.add(new Answer(200, 0, fields, false));
      return this;
    }

    /** The next call is answered with this errcode and these response fields. */
    ScriptedWeChat answers(int errcode, Map<String, Object> fields) {
      answers.add(new Answer(200, errcode, fields, false));
      return this;
    }

    /** The next call gets this HTTP status without WeChat's JSON. */
    ScriptedWeChat answersHttp(int status) {
      answers.add(new Answer(status, 0, Map.of(), false));
      return this;
    }

    /** The next call is sent and its answer lost (a read timeout). */
    ScriptedWeChat losesTheAnswer() {
      answers.add(new Answer(200, 0, Map.of(), true));
      return this;
    }

    @Override
    public synchronized CallOutcome call(Request call, LoadedFiles files, String accessToken) {
      calls.add(call);
      switch (call) {
        case Request.Json json -> {}
        case Request.Upload upload -> uploaded.add(files.bytes(upload.file()));
        case Request.Query query -> {}
      }
      tokensUsed.add(accessToken);
      Answer answer = answers.size() > 1 ? answers.poll() : answers.peek();
      if (answer == null) {
        throw new AssertionError("no answer scripted for " + call.api());
      }
      if (answer.lost()) {
        IOException timeout = new SocketTimeoutException("read timed out");
        return classifier.failure(timeout, true);
      }
      if (answer.http() != 200) {
        return classifier.answer(answer.http(), null);
      }
      Map<String, Object> json = new LinkedHashMap<>(answer.fields());
      json.put("errcode", answer.errcode());
      json.put("errmsg", answer.errcode() == 0 ? "ok" : "e" + answer.errcode());
      return classifier.answer(200, json);
    }
  }

  /** A clock that stands still until a sleep moves it on. */
  static final class SteppingClock extends Clock {
    private volatile Instant now = NOW;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a test clock has one zone");
    }
  }

  /** Tokens of generation 1, 2, ...: each renewal after a failure hands out the next. */
  static final class CountingTokens implements Tokens {
    private long generation = 1;

    /** How many more asks find no token. */
    int unavailableFor;

    int renewals;

    @Override
    public synchronized AccessToken current(String appid) {
      if (unavailableFor > 0) {
        unavailableFor--;
        throw new TokenUnavailableException("no valid token for " + appid + " in Redis yet");
      }
      return token(appid);
    }

    @Override
    public synchronized AccessToken renewAfterFailure(AccessToken used) {
      renewals++;
      generation = used.generation() + 1;
      return token(used.appid());
    }

    private AccessToken token(String appid) {
      return new AccessToken(appid, "token-" + generation, generation, NOW.plusSeconds(7200));
    }
  }
}
