package io.wxrelay.worker.dispatch;

import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Chunk;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.schemas.outcome.DeadLetter.Reason;
import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.correlation.Correlations.BroadcastRef;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.wechat.ApiCall;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import io.wxrelay.worker.wechat.CallOutcome.Permanent;
import io.wxrelay.worker.wechat.CallOutcome.Refused;
import io.wxrelay.worker.wechat.CallOutcome.Retry;
import io.wxrelay.worker.wechat.CallOutcome.Unknown;
import io.wxrelay.worker.wechat.CallPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One processing of one command: claim it, make its calls with retries, and end it with exactly one
 * terminal result, or park it for later. Not thread-safe; lives on the record's thread.
 */
final class CommandRun {
  private final Dispatch d;
  private final CallPlan plan;
  private final InboundRecord origin;
  private final String owner = UUID.randomUUID().toString();
  private final Map<Integer, Chunk> chunksDone = new TreeMap<>();
  private final Map<Integer, Map<String, Object>> fieldsDone = new TreeMap<>();
  private int attempts;
  private long claimedAtNanos;
  private boolean claimed;
  private boolean ended;

  CommandRun(Dispatch dispatch, CallPlan plan, InboundRecord origin, int attemptsBefore) {
    this.d = dispatch;
    this.plan = plan;
    this.origin = origin;
    this.attempts = attemptsBefore;
  }

  void run() throws InterruptedException {
    attemptUntilDone();
  }

  /**
   * Holds the command before a call: the first time it claims it (once its send is booked: a worker
   * that dies while queued for the rate limit has claimed nothing), later it renews the claim.
   * False when the run is over: the command was done already (its stored result is published
   * again), it is parked behind an earlier parked command of its key, or a dead holder may have
   * sent it and it cannot be repeated (UNKNOWN).
   */
  private boolean holdClaim() throws InterruptedException {
    if (claimed) {
      renewClaim();
      return true;
    }
    Claim claim = claim();
    if (claim instanceof Claim.Done done) {
      d.publisher().result(plan.commandId(), done.result()); // a replay gets the stored result
      d.meters().command(plan.commandType(), "replayed");
      ended = true;
      return false;
    }
    if (claim instanceof Claim.Behind behind) {
      // An earlier command of this key is parked: this one follows it on the retry topic (the
      // same key, so the same partition, after it) instead of overtaking it. Not an attempt.
      d.publisher().park(origin, attempts - 1, behind.due());
      d.meters().retry(plan.commandType(), "behind");
      ended = true;
      return false;
    }
    claimed = true;
    if (((Claim.Granted) claim).takenOver() && !plan.repeatable()) {
      finish(
          Status.UNKNOWN,
          null,
          ErrorClass.UNKNOWN,
          "a worker that held this command stopped during its call; WeChat may or may not have"
              + " acted, and this command cannot be repeated safely");
      ended = true;
      return false;
    }
    return true;
  }

  private void attemptUntilDone() throws InterruptedException {
    while (true) {
      attempts++;
      CallOutcome outcome = attempt();
      if (ended) {
        return;
      }
      switch (outcome) {
        case Ok ok -> {
          succeeded(ok);
          return;
        }
        case Refused r -> {
          finish(Status.FAILED, r, r.errorClass(), null);
          return;
        }
        case Permanent p -> {
          dead(p, Reason.PERMANENT, "WeChat refused it: " + p.errmsg());
          return;
        }
        case Unknown u when !plan.repeatable() -> {
          finish(Status.UNKNOWN, u, ErrorClass.UNKNOWN, u.errmsg());
          return;
        }
        default -> {
          if (!scheduleAgain(outcome)) {
            return;
          }
        }
      }
    }
  }

  /** Makes the calls not done yet, in order; the first that is not Ok ends the attempt. */
  private CallOutcome attempt() throws InterruptedException {
    CallOutcome last = null;
    for (ApiCall call : plan.calls()) {
      if (chunksDone.containsKey(call.chunk()) && call.clientmsgid() != null) {
        continue;
      }
      // Claimed once the send is booked, not after the wait for it: a claim's round trip between
      // the rate limiter's last check and the request put sends closer than the limit allows.
      // The second hold renews a claim only when the wait took a third of its lease.
      if (!d.calls().awaitPermit(plan.appid(), call, this::holdClaim) || !holdClaim()) {
        return null;
      }
      last = d.calls().call(plan.appid(), call);
      if (!(last instanceof Ok ok)) {
        return last;
      }
      chunkDone(call, ok);
    }
    return last;
  }

  /** Waits and returns true, or parks the command / declares it dead and returns false. */
  private boolean scheduleAgain(CallOutcome outcome) throws InterruptedException {
    if (attempts >= d.policy().maxAttempts()) {
      dead(outcome, Reason.RETRIES_EXHAUSTED, "gave up after " + attempts + " attempts");
      return false;
    }
    Duration wait = d.backoff().after(attempts);
    if (outcome instanceof Retry r && r.minWait().compareTo(wait) > 0) {
      wait = r.minWait();
    }
    if (wait.compareTo(d.policy().parkAfter()) <= 0) {
      d.meters().retry(plan.commandType(), "in_process");
      d.sleeper().sleep(wait);
      return true;
    }
    // Nothing of a Retry (a 45011 included)/TokenExpired reached WeChat; repeatable calls are safe.
    Instant due = d.clock().instant().plus(wait);
    d.ledger().park(plan.commandId(), origin.key(), owner, due);
    claimed = false;
    d.publisher().park(origin, attempts, due);
    d.meters().retry(plan.commandType(), "parked");
    return false;
  }

  private Claim claim() throws InterruptedException {
    while (true) {
      Claim claim =
          d.ledger().claim(plan.commandId(), origin.key(), owner, d.policy().claimLease());
      claimedAtNanos = System.nanoTime();
      if (!(claim instanceof Claim.Busy busy)) {
        return claim;
      }
      // Another worker holds it (a duplicate record, or a previous owner still finishing).
      Duration nap = busy.remaining();
      d.sleeper().sleep(nap.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : nap);
    }
  }

  /** Keeps the claim alive across long permit waits and retries; cheap when recent. */
  private void renewClaim() throws InterruptedException {
    if (System.nanoTime() - claimedAtNanos < d.policy().claimLease().toNanos() / 3) {
      return;
    }
    if (!(claim() instanceof Claim.Granted)) {
      throw new IllegalStateException(
          "command " + plan.commandId() + " ended or was queued by another worker meanwhile");
    }
  }

  private void chunkDone(ApiCall call, Ok ok) {
    fieldsDone.put(call.chunk(), ok.fields());
    if (call.clientmsgid() == null) {
      return;
    }
    Long msgId = asLong(ok.fields().get("msg_id"));
    Long msgDataId = asLong(ok.fields().get("msg_data_id"));
    chunksDone.put(
        call.chunk(),
        new Chunk(
            call.chunk(),
            call.clientmsgid(),
            call.openidCount(),
            Status.SUCCEEDED,
            ok.errcode(),
            ok.errmsg(),
            msgId,
            msgDataId));
    if (msgId != null) {
      d.correlations()
          .rememberBroadcast(
              plan.appid(),
              msgId,
              new BroadcastRef(plan.commandId(), call.chunk()),
              d.policy().linkTtl());
    }
  }

  private void succeeded(Ok ok) {
    if (plan.qrReply() != null) {
      QrReplies.remember(d, plan);
    }
    finish(Status.SUCCEEDED, ok, null, null);
  }

  private void dead(CallOutcome outcome, Reason reason, String text) {
    d.publisher()
        .deadLetter(
            origin,
            plan.appid(),
            DeadLetters.of(
                origin,
                text,
                reason,
                null,
                plan.commandId(),
                plan.commandType(),
                attempts,
                outcome.errcode(),
                outcome.errmsg(),
                d.clock().instant()));
    d.meters().deadLetter(reason.json());
    finish(Status.DEAD, outcome, outcome.errorClass(), text);
  }

  private void finish(Status status, CallOutcome outcome, ErrorClass errorClass, String reason) {
    CommandResult result =
        new CommandResult(
            plan.commandId(),
            plan.commandType(),
            status,
            attempts,
            outcome == null ? null : outcome.errcode(),
            outcome == null ? null : outcome.errmsg(),
            errorClass,
            reason,
            response(),
            plan.isBroadcast() ? chunks(status, outcome) : null,
            d.clock().instant());
    byte[] value = d.publisher().encodeResult(plan.appid(), result);
    byte[] stored = d.ledger().complete(plan.commandId(), origin.key(), value);
    d.publisher().result(plan.commandId(), stored);
    d.meters().command(plan.commandType(), status.name().toLowerCase(java.util.Locale.ROOT));
  }

  private Map<String, Object> response() {
    if (fieldsDone.isEmpty()) {
      return null;
    }
    if (fieldsDone.size() == 1) {
      Map<String, Object> fields = new LinkedHashMap<>(fieldsDone.values().iterator().next());
      if (fields.get("ticket") instanceof String ticket) {
        fields.put("imageUrl", QrReplies.imageUrl(d.policy().qrImageBase(), ticket));
      }
      return fields.isEmpty() ? null : fields;
    }
    List<Object> msgIds = new ArrayList<>();
    fieldsDone.values().forEach(f -> msgIds.add(f.get("msg_id")));
    return Map.of("msg_ids", msgIds);
  }

  private List<Chunk> chunks(Status status, CallOutcome outcome) {
    List<Chunk> all = new ArrayList<>(chunksDone.values());
    if (status != Status.SUCCEEDED) {
      for (ApiCall call : plan.calls()) {
        if (!chunksDone.containsKey(call.chunk())) {
          all.add(
              new Chunk(
                  call.chunk(),
                  call.clientmsgid(),
                  call.openidCount(),
                  status,
                  outcome == null ? null : outcome.errcode(),
                  outcome == null ? null : outcome.errmsg(),
                  null,
                  null));
          break; // the chunk that failed; later ones were not tried
        }
      }
    }
    return all;
  }

  private static Long asLong(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
