package io.wxrelay.gateway.callback;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.wxrelay.gateway.callback.rejection.Rejection;
import io.wxrelay.gateway.crypto.MessageCipher;
import io.wxrelay.gateway.crypto.Signatures;
import io.wxrelay.gateway.metrics.GatewayMeters;
import io.wxrelay.gateway.parse.EventMapper;
import io.wxrelay.gateway.parse.XmlPushReader;
import io.wxrelay.gateway.publish.EventPublisher;
import io.wxrelay.gateway.store.DedupeStore;
import io.wxrelay.gateway.store.DedupeStore.Claim;
import io.wxrelay.gateway.tracing.PushSpans;
import io.wxrelay.kit.tracing.LogFields;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.codec.ContractViolation;
import io.wxrelay.schemas.inbound.InboundData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeChat's callback protocol, without HTTP plumbing: the URL check (GET) and pushes (POST) —
 * verify, decrypt, parse, dedupe, publish — answering {@code success} only once Kafka has the
 * event. Refusals are {@link Rejection}s (4xx with a stable reason); a publish that fails or times
 * out is a 503 so that WeChat retries.
 */
public final class CallbackProcessor {
  /** The deadlines of every push (a claim's, an answer's): one wheel, one thread (0046). */
  private static final Deadlines DEADLINES = new Deadlines("gateway-deadlines");

  private static final Reply NOT_IN_TIME =
      new Reply(503, "not acknowledged in time, retry\n", null);

  private final Map<String, GatewayApp> apps;
  private final Map<String, MessageCipher> ciphers;
  private final CallbackSettings config;
  private final XmlPushReader xml = new XmlPushReader();
  private final EventMapper mapper;
  private final EventPublisher publisher;
  private final DedupeStore dedupe;
  private final GatewayMeters.Recorder meters;
  private final Clock clock;
  private final PushSpans spans;

  /** Where sends run: a virtual thread of their own, or the dedupe store's thread (0048). */
  private final SendLane senders;

  /** Each push is handled in the spans of {@code spans}. */
  public CallbackProcessor(
      CallbackSettings config,
      EventPublisher publisher,
      DedupeStore dedupe,
      GatewayMeters.Recorder meters,
      Clock clock,
      PushSpans spans) {
    this.spans = spans;
    this.config = config;
    this.apps = config.apps();
    this.ciphers =
        apps.values().stream()
            .filter(a -> a.encodingAesKey() != null)
            .collect(
                Collectors.toMap(
                    GatewayApp::appid,
                    a -> new MessageCipher(a.encodingAesKey(), a.previousEncodingAesKey())));
    this.mapper = new EventMapper(config.source());
    this.publisher = publisher;
    this.dedupe = dedupe;
    this.meters = meters;
    this.clock = clock;
    this.senders = new SendLane(meters.inFlight()::get, dedupe::onItsThread);
  }

  /** Handles a request in a {@code receive} span, with the log fields of its account and trace. */
  public CompletableFuture<Reply> handle(
      String method,
      String appid,
      Map<String, String> query,
      @Nullable String contentType,
      byte @Nullable [] body) {
    Span receive = spans.receive(method, appid);
    CompletableFuture<Reply> reply;
    try (Scope current = receive.makeCurrent();
        LogFields fields = LogFields.of(receive, LogFields.EVENT_ID, null, appid)) {
      reply = answer(method, appid, query, contentType, body);
    }
    return reply.whenComplete(
        (answered, error) ->
            PushSpans.answered(
                receive,
                answered == null ? 500 : answered.status(),
                answered == null ? null : answered.reason(),
                error));
  }

  private CompletableFuture<Reply> answer(
      String method,
      String appid,
      Map<String, String> query,
      @Nullable String contentType,
      byte @Nullable [] body) {
    try {
      GatewayApp app = apps.get(appid);
      if (app == null) {
        throw new Rejection(404, "unknown_app", "no such account");
      }
      return switch (method) {
        case "GET" -> CompletableFuture.completedFuture(urlCheck(app, query));
        case "POST" -> push(app, query, contentType, body);
        default -> throw new Rejection(405, "bad_method", method);
      };
    } catch (Rejection r) {
      meters.rejection(r.reason());
      return CompletableFuture.completedFuture(Reply.refused(r.status(), r.reason()));
    }
  }

  /** URL verification: echo {@code echostr} verbatim when the signature holds. */
  private Reply urlCheck(GatewayApp app, Map<String, String> query) {
    verifySignature(app, query);
    String echostr = query.get("echostr");
    if (echostr == null) {
      throw new Rejection(400, "missing_echostr", "GET without echostr");
    }
    return new Reply(200, echostr, null);
  }

  private CompletableFuture<Reply> push(
      GatewayApp app,
      Map<String, String> query,
      @Nullable String contentType,
      byte @Nullable [] body) {
    if (contentType == null || !isXml(contentType)) {
      throw new Rejection(415, "bad_content_type", "pushes are text/xml");
    }
    byte[] bytes = body == null ? new byte[0] : body;
    ObjectNode fields = spans.verify(() -> verified(app, query, bytes));
    CloudEvent<?> mapped = mapper.map(app.appid(), fields, clock.instant());
    Span publishing = spans.publish(mapped);
    CloudEvent<?> event = PushSpans.carrying(mapped, publishing);
    byte[] value;
    try {
      // Modelled messages fit their schema by construction (their mapping refuses what does not,
      // as bad_message); the rest are validated here (decision 0036).
      value =
          EventMapper.checkedByMapping(event)
              ? publisher.encodeTrusted(event)
              : publisher.encode(event);
    } catch (ContractViolation e) {
      PushSpans.published(publishing, 400, e);
      throw new Rejection(400, "bad_message", "does not fit " + event.type()); // e.g. an odd field
    }
    return publish(event, value, signatureUse(app, query, bytes), publishing);
  }

  /** The push's fields, once its signature holds (and it is decrypted when encrypted). */
  private ObjectNode verified(GatewayApp app, Map<String, String> query, byte[] bytes) {
    verifySignature(app, query);
    ObjectNode fields = xml.read(bytes);
    if ("aes".equals(query.get("encrypt_type"))) {
      return decrypt(app, query, fields);
    }
    if (app.encryptedOnly()) {
      // WeChat encrypts every push of a compat or safe account: a plaintext one is a downgrade.
      throw new Rejection(400, "plaintext_refused", "the account's pushes are encrypted");
    }
    return fields;
  }

  /**
   * This request's use of its signed query string: in plain mode the signature does not cover the
   * body, so one captured query string would otherwise carry any body for the whole timestamp
   * window. Remembered for twice the window: a timestamp is accepted from a window before now to a
   * window after.
   */
  private DedupeStore.SignatureUse signatureUse(
      GatewayApp app, Map<String, String> query, byte[] body) {
    String key =
        app.appid()
            + ":sig:"
            + query.get("timestamp")
            + ":"
            + query.get("nonce")
            + ":"
            + query.getOrDefault("signature", "").toLowerCase(Locale.ROOT);
    return new DedupeStore.SignatureUse(
        key, Signatures.fingerprint(body), config.timestampWindow().multipliedBy(2));
  }

  private ObjectNode decrypt(GatewayApp app, Map<String, String> query, ObjectNode outer) {
    MessageCipher cipher = ciphers.get(app.appid());
    if (cipher == null) {
      throw new Rejection(400, "no_aes_key", "encrypted push for a plaintext account");
    }
    String encrypt = outer.path("Encrypt").asString("");
    if (encrypt.isEmpty()) {
      throw new Rejection(400, "missing_encrypt", "encrypt_type=aes without Encrypt");
    }
    if (!Signatures.matches(
        query.get("msg_signature"),
        app.token(),
        query.get("timestamp"),
        query.get("nonce"),
        encrypt)) {
      throw new Rejection(401, "bad_msg_signature", "msg_signature does not match");
    }
    return xml.read(cipher.decrypt(encrypt, app.appid()).getBytes(UTF_8));
  }

  private void verifySignature(GatewayApp app, Map<String, String> query) {
    String signature = query.get("signature");
    String timestamp = query.get("timestamp");
    String nonce = query.get("nonce");
    if (signature == null || timestamp == null || nonce == null) {
      throw new Rejection(401, "missing_signature", "signature, timestamp and nonce are required");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new Rejection(400, "bad_timestamp", "timestamp is not a number");
    }
    Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (age.compareTo(config.timestampWindow()) > 0) {
      throw new Rejection(400, "stale_timestamp", "outside the freshness window");
    }
    if (!Signatures.matches(signature, app.token(), timestamp, nonce)) {
      throw new Rejection(401, "bad_signature", "signature does not match");
    }
  }

  /**
   * Dedupes and publishes, answering within the ack timeout whatever Redis and Kafka do: a claim
   * Redis has not answered within a quarter of it counts as Redis being down (published without
   * dedupe), the send runs on a thread of its own unless Kafka acknowledged a send lately and few
   * wait (a Kafka client blocks in {@code send} without metadata or buffer: {@link SendLane}), and
   * whatever is still open at the ack timeout is answered 503. A send acknowledged later still
   * marks the push done, so WeChat's retry is answered from the dedupe; so does a send published
   * without a claim because Redis did not answer in time.
   */
  private CompletableFuture<Reply> publish(
      CloudEvent<?> event, byte[] value, DedupeStore.SignatureUse use, Span publishing) {
    return DEADLINES.completeOnTimeout(
        dedupeAndSend(event, value, use)
            .whenComplete(
                (reply, error) ->
                    PushSpans.published(publishing, reply == null ? 500 : reply.status(), error)),
        NOT_IN_TIME,
        config.ackTimeout());
  }

  private CompletableFuture<Reply> dedupeAndSend(
      CloudEvent<?> event, byte[] value, DedupeStore.SignatureUse use) {
    String appid = event.subject();
    String openid = ((InboundData) event.data()).openid();
    String key = appid + ":" + event.id();
    if (!config.dedupe()) {
      return CompletableFuture.supplyAsync(
              () -> send(event, value, openid, key, Claim.UNAVAILABLE),
              senders.forRecord(value.length))
          .thenCompose(reply -> reply);
    }
    return DEADLINES
        .completeOnTimeout(
            dedupe.claim(key, config.claimFor(), use),
            Claim.UNAVAILABLE,
            config.ackTimeout().dividedBy(4))
        .thenComposeAsync(
            claim -> {
              meters.dedupe(claim.name().toLowerCase(Locale.ROOT));
              return switch (claim) {
                case DONE -> {
                  meters.callback(appid, event.type(), "duplicate");
                  yield CompletableFuture.completedFuture(Reply.SUCCESS);
                }
                case PENDING ->
                    CompletableFuture.completedFuture(new Reply(503, "being published\n", null));
                case REPLAYED -> {
                  meters.rejection("replayed_signature");
                  yield CompletableFuture.completedFuture(Reply.refused(401, "replayed_signature"));
                }
                case CLAIMED, UNAVAILABLE -> send(event, value, openid, key, claim);
              };
            },
            senders.forRecord(value.length));
  }

  private CompletableFuture<Reply> send(
      CloudEvent<?> event, byte[] value, String openid, String key, Claim claim) {
    long start = System.nanoTime();
    meters.inFlight().incrementAndGet();
    return publisher
        .publish(event, value, openid)
        .handle(
            (ok, error) -> {
              meters.inFlight().decrementAndGet();
              meters.ack(error == null, Duration.ofNanos(System.nanoTime() - start));
              if (error == null) {
                senders.acknowledged();
                // Also when the claim went unanswered (Redis slow, not down): WeChat's retry must
                // find the push done, not publish it a second time. Without dedupe no one reads it.
                if (config.dedupe()) {
                  dedupe.done(key, config.dedupeWindow());
                }
                meters.callback(event.subject(), event.type(), "published");
                return Reply.SUCCESS;
              }
              if (claim == Claim.CLAIMED) {
                dedupe.release(key);
              }
              meters.callback(event.subject(), event.type(), "failed");
              return new Reply(
                  503, "not stored, retry\n", null); // WeChat retries; nothing was acknowledged
            });
  }

  private static boolean isXml(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/xml") || type.startsWith("application/xml");
  }
}
