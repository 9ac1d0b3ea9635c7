package io.wxrelay.sim.truth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * What really happened in the simulator, for tests to prove things: calls per API and appid, token
 * fetches per endpoint, every message delivered to every user, every upload, every push and its
 * answers.
 */
public final class Truth {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> tokenFetches = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
  private final Map<Long, PushRecord> pushes = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Upload> uploads = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<TemplateDelivery> templates = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Publication> publications = new ConcurrentLinkedQueue<>();

  /** Counts one call of {@code api} (a path like {@code message/custom/send}) for {@code appid}. */
  public void call(String api, String appid) {
    calls.computeIfAbsent(api + " " + appid, k -> new LongAdder()).increment();
  }

  /** Counts a call of {@code api} that an injected fault answered (its appid is not looked at). */
  public void faulted(String api) {
    calls.computeIfAbsent(api + " (faulted)", k -> new LongAdder()).increment();
  }

  /** Calls of {@code api} that an injected fault answered. */
  public long faultedCalls(String api) {
    LongAdder n = calls.get(api + " (faulted)");
    return n == null ? 0 : n.sum();
  }

  /** Counts a token actually issued (not a refused or cached answer) by {@code endpoint}. */
  public void tokenIssued(String endpoint, String appid) {
    tokenFetches.computeIfAbsent(endpoint + " " + appid, k -> new LongAdder()).increment();
  }

  public void delivered(Delivery delivery) {
    deliveries.add(delivery);
  }

  public void templateDelivered(TemplateDelivery delivery) {
    templates.add(delivery);
  }

  /** Template messages accepted for {@code appid} (and {@code openid} unless null), in order. */
  public List<TemplateDelivery> templateDeliveries(String appid, String openid) {
    return templates.stream()
        .filter(d -> appid == null || d.appid().equals(appid))
        .filter(d -> openid == null || d.openid().equals(openid))
        .toList();
  }

  /** A publish task finished (its PUBLISHJOBFINISH about to be pushed). */
  public void published(Publication publication) {
    publications.add(publication);
  }

  /** The publish tasks finished for {@code appid} (every account's when null), in order. */
  public List<Publication> publications(String appid) {
    return publications.stream().filter(p -> appid == null || p.appid().equals(appid)).toList();
  }

  public void uploaded(Upload upload) {
    uploads.add(upload);
  }

  /** Every upload accepted, in order. */
  public List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  public void push(PushRecord record) {
    pushes.put(record.id(), record);
  }

  /** Calls of {@code api} for {@code appid} so far. */
  public long calls(String api, String appid) {
    LongAdder n = calls.get(api + " " + appid);
    return n == null ? 0 : n.sum();
  }

  /** Tokens issued by {@code endpoint} ({@code cgi-bin/token} or {@code cgi-bin/stable_token}). */
  public long tokensIssued(String endpoint, String appid) {
    LongAdder n = tokenFetches.get(endpoint + " " + appid);
    return n == null ? 0 : n.sum();
  }

  public List<Delivery> deliveries(Predicate<Delivery> filter) {
    return deliveries.stream().filter(filter).toList();
  }

  public List<Delivery> deliveriesTo(String appid, String openid) {
    return deliveries(d -> d.appid().equals(appid) && d.openid().equals(openid));
  }

  public List<PushRecord> pushes() {
    List<PushRecord> all = new ArrayList<>(pushes.values());
    all.sort((a, b) -> Long.compare(a.id(), b.id()));
    return all;
  }

  public PushRecord push(long id) {
    return pushes.get(id);
  }

  /** Every counter as {@code "<api> <appid>" -> n}, for the control API. */
  public Map<String, Long> callCounts() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public Map<String, Long> tokenCounts() {
    Map<String, Long> out = new TreeMap<>();
    tokenFetches.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Forgets everything (between test cases). */
  public void clear() {
    calls.clear();
    tokenFetches.clear();
    deliveries.clear();
    pushes.clear();
    uploads.clear();
    templates.clear();
    publications.clear();
  }
}
