package io.wxrelay.worker;

import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.outcome.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The scale-out benchmark's load and its measurements: a producer thread that keeps a deep backlog
 * of customer-service texts on the commands topic (it tops the backlog up to {@code low + batch}
 * whenever fewer than {@code low} commands are without a result), and a reader of the results topic
 * that keeps, for every result, the time the worker wrote it (the record's CreateTime) and the
 * commands-topic partition of its command. Throughput is then bounded by the workers, never by the
 * load, and the backlog left at the end is small enough to drain in seconds.
 */
final class ScaleOutTraffic implements AutoCloseable {
  private final WorkerFixture f;
  private final String run;
  private final int low;
  private final int batch;
  private final int users;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> reader;
  private final Thread readerThread;
  private final Thread producerThread;
  private volatile boolean producing = true;
  private volatile boolean reading = true;
  private volatile RuntimeException producerFailure;

  /** Command id → its commands-topic partition, once Kafka acknowledged it. */
  final Map<String, Integer> acked = new ConcurrentHashMap<>();

  final AtomicLong sent = new AtomicLong();
  final AtomicLong sendFailures = new AtomicLong();

  /** Command id → the result records seen for it. */
  private final Map<String, Integer> resultCount = new ConcurrentHashMap<>();

  /** Command id → its first result's value, decoded at the end (not while measuring). */
  private final Map<String, byte[]> firstResult = new ConcurrentHashMap<>();

  /** Command id → every result value, kept only for commands with more than one result. */
  private final Map<String, List<byte[]>> repeated = new ConcurrentHashMap<>();

  private final List<Arrival> arrivals = new ArrayList<>();

  record Arrival(long atMillis, String id) {}

  ScaleOutTraffic(WorkerFixture f, String run, int low, int batch, int users) {
    this.f = f;
    this.run = run;
    this.low = low;
    this.batch = batch;
    this.users = users;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, f.kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(p);
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, f.kafka.bootstrapServers());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    reader = new KafkaConsumer<>(c);
    String results = f.topics.get(Topic.RESULTS);
    // A topic created a moment ago may not be in the metadata yet: partitionsFor is then empty.
    List<TopicPartition> parts = List.of();
    for (int i = 0; i < 150 && parts.isEmpty(); i++) {
      parts =
          reader.partitionsFor(results, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(results, info.partition()))
              .toList();
      if (parts.isEmpty()) {
        sleep(200);
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalStateException("no partitions of " + results + " after 30 s");
    }
    reader.assign(parts); // no group: nothing to rebalance on the measuring side
    reader.seekToBeginning(parts);
    readerThread = Thread.ofPlatform().daemon().name("scaleout-results").start(this::read);
    producerThread = Thread.ofPlatform().daemon().name("scaleout-load").start(this::produce);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void read() {
    try {
      while (reading) {
        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(100))) {
          String id = String.valueOf(r.key());
          int n = resultCount.merge(id, 1, Integer::sum);
          if (n == 1) {
            firstResult.put(id, r.value());
          } else {
            repeated
                .computeIfAbsent(id, k -> new ArrayList<>(List.of(firstResult.get(id))))
                .add(r.value());
          }
          synchronized (arrivals) {
            arrivals.add(new Arrival(r.timestamp(), id));
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      reader.close();
    }
  }

  private void produce() {
    String commands = f.topics.get(Topic.COMMANDS);
    int round = 0;
    try {
      while (producing) {
        if (sent.get() - resultCount.size() >= low) {
          Thread.sleep(20);
          continue;
        }
        WorkerFixture.Prepared p = f.prepareTexts(run + "b" + round++, batch, users);
        for (int i = 0; i < p.ids().size() && producing; i++) {
          String id = p.ids().get(i);
          ProducerRecord<String, byte[]> r = p.records().get(i);
          sent.incrementAndGet();
          producer.send(
              new ProducerRecord<>(commands, r.key(), r.value()),
              (meta, e) -> {
                if (e == null) {
                  acked.put(id, meta.partition());
                } else {
                  sendFailures.incrementAndGet();
                }
              });
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      producerFailure = e;
    }
  }

  /** Stops writing commands; returns once every one written is acknowledged or failed. */
  void stopProducing() throws InterruptedException {
    producing = false;
    producerThread.join(30_000);
    producer.flush();
    if (producerFailure != null) {
      throw producerFailure;
    }
  }

  /** How many commands were acknowledged by Kafka and have no result yet. */
  long missing() {
    return acked.keySet().stream().filter(id -> !resultCount.containsKey(id)).count();
  }

  /** A copy of the arrivals so far, sorted by time. */
  List<Arrival> arrivals() {
    List<Arrival> copy;
    synchronized (arrivals) {
      copy = new ArrayList<>(arrivals);
    }
    copy.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
    return copy;
  }

  /** The account of every command written: one result each, none lost, none doubled. */
  record Integrity(
      long written,
      long sendFailures,
      long exactlyOne,
      long missing,
      long doubled,
      long succeeded,
      Map<String, Long> otherStatuses,
      long repeatsThatDiffer,
      long deliveredTwice,
      long resultsForUnknown) {}

  Integrity integrity() {
    long exactlyOne = 0;
    long missing = 0;
    long doubled = 0;
    long succeeded = 0;
    Map<String, Long> other = new java.util.TreeMap<>();
    for (String id : acked.keySet()) {
      Integer n = resultCount.get(id);
      if (n == null) {
        missing++;
        continue;
      }
      if (n == 1) {
        exactlyOne++;
      } else {
        doubled++;
      }
      Object data = WorkerFixture.CODEC.decode(firstResult.get(id)).data();
      if (data instanceof CommandResult r && r.status() == CommandResult.Status.SUCCEEDED) {
        succeeded++;
      } else if (data instanceof CommandResult r) {
        other.merge(r.status() + " " + r.errcode() + " " + r.reason(), 1L, Long::sum);
      } else {
        other.merge(String.valueOf(data), 1L, Long::sum);
      }
    }
    long differ =
        repeated.values().stream()
            .filter(
                values ->
                    values.stream()
                            .map(v -> WorkerFixture.CODEC.decode(v).data())
                            .distinct()
                            .count()
                        > 1)
            .count();
    long unknown = resultCount.keySet().stream().filter(id -> !acked.containsKey(id)).count();
    long deliveredTwice =
        f.deliveredTexts(run).values().stream().filter(count -> count > 1).count();
    return new Integrity(
        acked.size(),
        sendFailures.get(),
        exactlyOne,
        missing,
        doubled,
        succeeded,
        other,
        differ,
        deliveredTwice,
        unknown);
  }

  /** Result times, overall and per commands-topic partition, for the windows' figures. */
  Timeline timeline() {
    List<Arrival> all = arrivals();
    Map<Integer, List<Long>> byPartition = new HashMap<>();
    long[] times = new long[all.size()];
    for (int i = 0; i < all.size(); i++) {
      Arrival a = all.get(i);
      times[i] = a.atMillis();
      Integer partition = acked.get(a.id());
      if (partition != null) {
        byPartition.computeIfAbsent(partition, k -> new ArrayList<>()).add(a.atMillis());
      }
    }
    Map<Integer, long[]> parts =
        byPartition.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().stream().mapToLong(Long::longValue).toArray()));
    return new Timeline(times, parts);
  }

  /** Sorted result times (ms since the epoch), overall and by partition. */
  record Timeline(long[] all, Map<Integer, long[]> byPartition) {
    /** Results per second written in [from, to). */
    double rate(long from, long to) {
      return count(all, from, to) / ((to - from) / 1000.0);
    }

    /** The longest time in [from, to] without any result (ms). */
    long longestGap(long from, long to) {
      return gap(all, from, to);
    }

    /** The longest time in [from, to] that some partition went without a result (ms). */
    long longestPartitionStall(long from, long to) {
      return byPartition.values().stream().mapToLong(t -> gap(t, from, to)).max().orElse(to - from);
    }

    /** The fewest results in any whole second of [from, to). */
    long fewestInASecond(long from, long to) {
      long fewest = Long.MAX_VALUE;
      for (long s = from; s + 1000 <= to; s += 1000) {
        fewest = Math.min(fewest, count(all, s, s + 1000));
      }
      return fewest == Long.MAX_VALUE ? 0 : fewest;
    }

    private static long count(long[] t, long from, long to) {
      return lowerBound(t, to) - lowerBound(t, from);
    }

    private static int lowerBound(long[] t, long value) {
      int i = Arrays.binarySearch(t, value);
      if (i < 0) {
        return -i - 1;
      }
      while (i > 0 && t[i - 1] == value) {
        i--;
      }
      return i;
    }

    private static long gap(long[] t, long from, long to) {
      int i = lowerBound(t, from);
      long prev = i > 0 ? t[i - 1] : from;
      long max = 0;
      for (; i < t.length && t[i] <= to; i++) {
        max = Math.max(max, t[i] - Math.max(prev, from));
        prev = t[i];
      }
      return Math.max(max, to - Math.max(prev, from));
    }
  }

  @Override
  public void close() throws InterruptedException {
    producing = false;
    producerThread.join(10_000);
    producer.close(Duration.ofSeconds(5));
    reading = false;
    reader.wakeup();
    readerThread.join(5000);
  }
}
