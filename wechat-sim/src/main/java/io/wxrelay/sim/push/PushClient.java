package io.wxrelay.sim.push;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.rules.SimRules;
import io.wxrelay.sim.truth.PushRecord;
import io.wxrelay.sim.truth.Truth;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers pushes to an account's callback URL the way WeChat does: signed with the callback token,
 * encrypted in compat and safe modes, and sent again when the receiver does not answer {@code
 * success}, an empty body or a reply within the timeout (5 s), up to three more times.
 */
public final class PushClient implements AutoCloseable {
  private final SimRules rules;
  private final InstantSource clock;
  private final Truth truth;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<PushRecord>> done = new ConcurrentHashMap<>();
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  public PushClient(SimRules rules, InstantSource clock, Truth truth) {
    this.rules = rules;
    this.clock = clock;
    this.truth = truth;
    this.http =
        HttpClient.newBuilder().executor(senders).connectTimeout(rules.pushTimeout()).build();
  }

  /** Sends {@code push} in the background; returns its id (0 when the app has no callback URL). */
  public long send(AppConfig app, Push push) {
    if (app.callbackUrl() == null) {
      return 0;
    }
    long id = ids.incrementAndGet();
    CompletableFuture<PushRecord> future = new CompletableFuture<>();
    done.put(id, future);
    truth.push(record(id, push, List.of(), false, false, null, null));
    senders.execute(() -> future.complete(deliver(id, app, push)));
    return id;
  }

  /** Completes when push {@code id} was acknowledged or given up. */
  public CompletableFuture<PushRecord> whenDone(long id) {
    CompletableFuture<PushRecord> future = done.get(id);
    return future == null
        ? CompletableFuture.failedFuture(new IllegalArgumentException("no push " + id))
        : future;
  }

  private PushRecord deliver(long id, AppConfig app, Push push) {
    HttpRequest request = request(app, push);
    List<String> attempts = new ArrayList<>();
    boolean acknowledged = false;
    Instant sentAt = null;
    Instant answeredAt = null;
    for (int attempt = 0; attempt <= rules.pushRetries() && !acknowledged; attempt++) {
      if (sentAt == null) {
        sentAt = clock.instant();
      }
      long start = System.nanoTime();
      String outcome;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        acknowledged = accepted(response);
        answeredAt = acknowledged ? clock.instant() : null;
        outcome = response.statusCode() + " " + summary(response.body());
      } catch (HttpTimeoutException e) {
        outcome = "timeout";
      } catch (IOException e) {
        outcome = "error " + e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = "interrupted";
        attempts.add(outcome);
        break;
      }
      attempts.add(outcome + " " + (System.nanoTime() - start) / 1_000_000 + "ms");
      truth.push(record(id, push, attempts, acknowledged, false, sentAt, answeredAt));
    }
    PushRecord finished = record(id, push, attempts, acknowledged, true, sentAt, answeredAt);
    truth.push(finished);
    return finished;
  }

  /** WeChat is content with {@code success}, an empty body, or a passive reply message. */
  private static boolean accepted(HttpResponse<String> response) {
    String body = response.body().strip();
    return response.statusCode() == 200
        && (body.isEmpty() || body.equals("success") || body.startsWith("<xml>"));
  }

  private HttpRequest request(AppConfig app, Push push) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = Long.toString(Math.abs(random.nextLong() % 10_000_000_000L));
    StringBuilder query = new StringBuilder();
    query.append("signature=").append(PushCrypto.signature(app.callbackToken(), timestamp, nonce));
    query.append("&timestamp=").append(timestamp).append("&nonce=").append(nonce);
    String body = push.xml();
    if (app.mode() != Mode.PLAIN) {
      String encrypt = PushCrypto.encrypt(push.xml(), app.appid(), app.encodingAesKey());
      query.append("&openid=").append(URLEncoder.encode(push.openid(), UTF_8));
      query.append("&encrypt_type=aes&msg_signature=");
      query.append(PushCrypto.signature(app.callbackToken(), timestamp, nonce, encrypt));
      String cdata = "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>";
      body =
          app.mode() == Mode.SAFE
              ? "<xml><ToUserName><![CDATA["
                  + app.originalId()
                  + "]]></ToUserName>"
                  + cdata
                  + "</xml>"
              : push.xml().replace("</xml>", cdata + "</xml>");
    }
    String url = app.callbackUrl() + (app.callbackUrl().contains("?") ? "&" : "?") + query;
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(rules.pushTimeout())
        .header("Content-Type", "text/xml")
        .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
        .build();
  }

  private static String summary(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.isEmpty() ? "(empty)" : flat.length() > 40 ? flat.substring(0, 40) + "..." : flat;
  }

  private static PushRecord record(
      long id,
      Push push,
      List<String> attempts,
      boolean acknowledged,
      boolean finished,
      Instant sentAt,
      Instant answeredAt) {
    return new PushRecord(
        id,
        push.appid(),
        push.openid(),
        push.kind(),
        push.dedupeKey(),
        List.copyOf(attempts),
        acknowledged,
        finished,
        sentAt,
        answeredAt);
  }

  @Override
  public void close() {
    senders.shutdownNow();
    http.close();
  }
}
