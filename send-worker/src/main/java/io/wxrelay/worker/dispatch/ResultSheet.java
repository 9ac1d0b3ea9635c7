package io.wxrelay.worker.dispatch;

import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.schemas.outcome.CommandResult.Chunk;
import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.schemas.outcome.CommandResult.Status;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.Sends;
import io.wxrelay.worker.wechat.CallOutcome;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a run has done so far, and the result it adds up to: the attempts, the calls WeChat accepted
 * with their response fields, the steps done (the media they made, listed in the result as {@code
 * media}), and for a broadcast one chunk per call. Not thread-safe; lives on the record's thread.
 */
final class ResultSheet {
  private static final Duration TEMPORARY_MEDIA_LIFETIME = Duration.ofDays(3);

  private final CallPlan plan;
  private final String qrImageBase;
  private final Map<Integer, Chunk> chunksDone = new TreeMap<>();
  private final Map<Integer, Map<String, Object>> fieldsDone = new TreeMap<>();
  private final Map<String, String> stepsDone = new LinkedHashMap<>();
  private final PartAnswers partsDone = new PartAnswers();
  private final WalkPages pagesRead = new WalkPages();
  private final Map<String, Object> added = new LinkedHashMap<>();
  private int attempts;
  private boolean unanswered;
  private @Nullable Instant firstCallAt;

  /**
   * @param attemptsBefore attempts of earlier processings (a parked command's retry record)
   * @param qrImageBase where a created QR code's image is shown ({@code showqrcode})
   */
  ResultSheet(CallPlan plan, int attemptsBefore, String qrImageBase) {
    this.plan = plan;
    this.attempts = attemptsBefore;
    this.qrImageBase = qrImageBase;
  }

  /** Counts a new attempt; returns the attempts so far. */
  int attempt() {
    return ++attempts;
  }

  int attempts() {
    return attempts;
  }

  /** A call of this processing is about to go out at {@code at}: the first one is remembered. */
  void calling(Instant at) {
    if (firstCallAt == null) {
      firstCallAt = at;
    }
  }

  /** When this processing's first call went out; empty before it. */
  Optional<Instant> firstCallAt() {
    return Optional.ofNullable(firstCallAt);
  }

  /** A request of this run went without an answer: WeChat may have carried the command out. */
  void sentWithoutAnswer() {
    unanswered = true;
  }

  /**
   * Whether a request may have reached WeChat without an answer: in this run, or (as a parked
   * command's record says) in an earlier processing.
   */
  boolean unanswered() {
    return unanswered;
  }

  /**
   * Whether {@code call} need not be made again: a step done (by this run or, as the ledger
   * remembers, an earlier one), a broadcast chunk WeChat has accepted, or a part WeChat has
   * answered in this run. A plain call is the last of its plan: once accepted, the run is over; a
   * walk's page is read again whenever its walk starts again.
   */
  boolean done(ApiCall call) {
    return switch (call) {
      case ApiCall.Step step -> stepsDone.containsKey(step.name());
      case ApiCall.Chunk chunk -> chunksDone.containsKey(chunk.index());
      case ApiCall.Part part -> partsDone.done(part);
      case ApiCall.Plain plain -> false;
      case ApiCall.Page page -> false;
    };
  }

  /** Steps an earlier processing did, as the ledger remembers them. */
  void recalled(Map<String, String> steps) {
    steps.forEach(stepsDone::putIfAbsent);
  }

  /** The steps done so far: step name to the media it made. */
  Map<String, String> stepsDone() {
    return stepsDone;
  }

  /** WeChat accepted step {@code step}: returns what it made, remembered for later calls. */
  String stepMade(ApiCall.Step step, Ok ok) {
    String made = made(ok);
    stepsDone.put(step.name(), made);
    return made;
  }

  /** WeChat accepted the plain call {@code plain}: its answer is the result's response. */
  void answered(ApiCall.Plain plain, Ok ok) {
    fieldsDone.put(0, publishIdAsDigits(withExpiry(plain, ok.fields())));
  }

  /**
   * A publish_id as its digits (a string), whether WeChat wrote it as a string or a number, so that
   * a consumer can hand it to {@code wechat.publish.get} as it is.
   */
  private static Map<String, Object> publishIdAsDigits(Map<String, Object> fields) {
    if (!(fields.get("publish_id") instanceof Number)) {
      return fields;
    }
    Map<String, Object> digits = new LinkedHashMap<>(fields);
    Links.publishId(fields.get("publish_id")).ifPresent(id -> digits.put("publish_id", id));
    return digits;
  }

  /** The result's response carries {@code value} as {@code field} (what wxrelay adds to it). */
  void respond(String field, Object value) {
    added.put(field, value);
  }

  /** WeChat answered part {@code part}: its answer adds to the result's response. */
  void partAnswered(ApiCall.Part part, Ok ok) {
    partsDone.answered(part, ok);
  }

  /** The current run of the walk ({@link WalkPages#run}). */
  String walkRun() {
    return pagesRead.run();
  }

  /** WeChat answered page {@code page} of the walk: what to publish, and what to read next. */
  WalkPages.Read pageRead(ApiCall.Page page, Ok ok) {
    return pagesRead.read(plan.commandId(), page, ok);
  }

  /** WeChat accepted broadcast chunk {@code chunk}: the result lists it. */
  void chunkSent(ApiCall.Chunk chunk, Ok ok) {
    fieldsDone.put(chunk.index(), withExpiry(chunk, ok.fields()));
    chunksDone.put(
        chunk.index(),
        Chunk.succeeded(
            chunk.index(),
            chunk.clientmsgid(),
            chunk.openidCount(),
            ok.errcode(),
            ok.errmsg(),
            asLong(ok.fields().get("msg_id")),
            asLong(ok.fields().get("msg_data_id"))));
  }

  /** What a step's call made: its media_id (an article image: its URL). */
  private static String made(Ok ok) {
    Object made = ok.fields().getOrDefault("media_id", ok.fields().get("url"));
    if (!(made instanceof String id) || id.isEmpty()) {
      throw new IllegalStateException("WeChat's answer has no media_id: " + ok.fields().keySet());
    }
    return id;
  }

  /** The broadcast's msg_id in {@code ok}, if WeChat gave one. */
  static Optional<Long> msgId(Ok ok) {
    return Optional.ofNullable(asLong(ok.fields().get("msg_id")));
  }

  /** The command's one result: {@code last} is the outcome that ended it (null: none). */
  CommandResult result(
      Status status,
      @Nullable CallOutcome last,
      @Nullable ErrorClass errorClass,
      @Nullable String reason,
      Instant at) {
    return CommandResult.of(plan.commandId(), plan.commandType(), status, attempts, at)
        .withError(
            last == null ? null : last.errcode(), last == null ? null : last.errmsg(), errorClass)
        .withReason(reason)
        .withResponse(response(), chunks(status, last));
  }

  /** Temporary media lasts 3 days from its {@code created_at}: the result says until when. */
  private static Map<String, Object> withExpiry(ApiCall call, Map<String, Object> fields) {
    if (!call.api().equals("media/upload") || !(fields.get("created_at") instanceof Number at)) {
      return fields;
    }
    Map<String, Object> withExpiry = new LinkedHashMap<>(fields);
    withExpiry.put("expires_at", at.longValue() + TEMPORARY_MEDIA_LIFETIME.toSeconds());
    return withExpiry;
  }

  /**
   * WeChat's answer (a split broadcast: its msg_ids; a split list or a walk: what they add up to),
   * and the media its steps made.
   */
  private @Nullable Map<String, Object> response() {
    Map<String, Object> fields =
        switch (plan.sends()) {
          case Sends.One one -> answers();
          case Sends.Broadcast broadcast -> answers();
          case Sends.Parts parts -> partsDone.response(parts);
          case Sends.Walk walk -> pagesRead.response();
        };
    if (!stepsDone.isEmpty()) {
      fields.put("media", new LinkedHashMap<>(stepsDone));
    }
    fields.putAll(added);
    return fields.isEmpty() ? null : fields;
  }

  /** The one call's answer, or a split broadcast's msg_ids. */
  private Map<String, Object> answers() {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (fieldsDone.size() == 1) {
      fields.putAll(fieldsDone.values().iterator().next());
      if (fields.get("ticket") instanceof String ticket) {
        fields.put("imageUrl", imageUrl(qrImageBase, ticket));
      }
    } else if (fieldsDone.size() > 1) {
      List<Object> msgIds = new ArrayList<>();
      fieldsDone.values().forEach(f -> msgIds.add(f.get("msg_id")));
      fields.put("msg_ids", msgIds);
    }
    return fields;
  }

  /** A broadcast's chunks ({@link #chunks(Sends.Broadcast, Status, CallOutcome)}); else none. */
  private @Nullable List<Chunk> chunks(Status status, @Nullable CallOutcome last) {
    return switch (plan.sends()) {
      case Sends.Broadcast broadcast -> chunks(broadcast, status, last);
      case Sends.One one -> null;
      case Sends.Parts parts -> null;
      case Sends.Walk walk -> null;
    };
  }

  /** The chunks WeChat accepted, then (when it did not end well) the one that ended it. */
  private List<Chunk> chunks(Sends.Broadcast broadcast, Status status, @Nullable CallOutcome last) {
    List<Chunk> all = new ArrayList<>(chunksDone.values());
    if (status == Status.SUCCEEDED || !plan.steps().stream().allMatch(this::done)) {
      return all; // all sent, or a step ended it: no chunk was tried
    }
    broadcast.chunks().stream()
        .filter(chunk -> !done(chunk))
        .findFirst() // later ones were not tried
        .ifPresent(
            chunk ->
                all.add(
                    Chunk.ended(
                        chunk.index(),
                        chunk.clientmsgid(),
                        chunk.openidCount(),
                        status,
                        last == null ? null : last.errcode(),
                        last == null ? null : last.errmsg())));
    return all;
  }

  /**
   * {@code showqrcode?ticket=...}: tickets hold +, / and =, so it is URL-encoded
   * (docs/wechat-api.md §4).
   */
  static String imageUrl(String base, String ticket) {
    return base + "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
  }

  private static @Nullable Long asLong(@Nullable Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
