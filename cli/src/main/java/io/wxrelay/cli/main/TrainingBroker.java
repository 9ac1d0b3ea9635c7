package io.wxrelay.cli.main;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.utils.BufferSupplier;

/**
 * A broker of a few topics held in memory, on a loopback port of its own, for the CLI's start-up
 * training only (decision 0045): the training's {@code send --wait} talks to it the way it talks to
 * Kafka, so the classes, call sites and code of the clients' conversation (versions, metadata,
 * offsets, the producer id, a write, a fetch and the records in it) are in the cache too, not only
 * the clients' construction. It speaks the Kafka protocol with the clients' own message classes,
 * and only the requests the CLI's producer and consumer make: ApiVersions, Metadata, ListOffsets,
 * InitProducerId, Produce and Fetch. It keeps no file and serves nothing but loopback; it is not a
 * Kafka for anything else (no groups, no transactions, no retention, every write acknowledged).
 *
 * <p>A write to a topic may be answered by a record on another, as a relay would answer a command
 * with its result ({@link Answer}).
 */
final class TrainingBroker implements AutoCloseable {
  /** A record as written or as answered. */
  record Written(String topic, byte[] key, byte[] value) {}

  /** What a written record is answered with, if anything: another record, on any topic. */
  interface Answer extends Function<Written, Optional<Written>> {}

  private static final int NODE = 0;
  private static final long FETCH_WAIT_MS = 100;

  /** ListOffsets' timestamp that asks for the first offset; every other is answered the end. */
  private static final long EARLIEST = -2;

  private final Map<String, Uuid> ids = new HashMap<>();
  private final Map<String, List<List<SimpleRecord>>> logs = new HashMap<>();
  private final Answer answer;
  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  /** Starts serving {@code topics} (name: partitions) on a free loopback port. */
  TrainingBroker(Map<String, Integer> topics, Answer answer) throws IOException {
    this.answer = answer;
    topics.forEach(
        (topic, partitions) -> {
          ids.put(topic, Uuid.randomUuid());
          List<List<SimpleRecord>> log = new ArrayList<>();
          for (int p = 0; p < partitions; p++) {
            log.add(new ArrayList<>());
          }
          logs.put(topic, log);
        });
    server = new ServerSocket(0, 8, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    Thread acceptor = new Thread(this::accept, "training-broker");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Its address, for {@code bootstrap.servers}. */
  String bootstrap() {
    return host() + ":" + server.getLocalPort();
  }

  private String host() {
    return server.getInetAddress().getHostAddress();
  }

  /** How many records a partition holds. */
  synchronized int size(String topic, int partition) {
    return logs.get(topic).get(partition).size();
  }

  /** Stops listening and closes every connection (a connection's thread then ends). */
  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException alreadyGone) {
      // closed from both ends: nothing left to do
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        if (server.isClosed()) { // accepted as close() went by the connections
          closeQuietly(socket);
          return;
        }
        Thread connection = new Thread(() -> serve(socket), "training-broker-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      while (true) {
        byte[] request = new byte[in.readInt()];
        in.readFully(request);
        ByteBuffer buffer = ByteBuffer.wrap(request);
        RequestHeader header = RequestHeader.parse(buffer);
        AbstractRequest parsed =
            AbstractRequest.parseRequest(
                    header.apiKey(), header.apiVersion(), new ByteBufferAccessor(buffer))
                .request;
        out.write(serialize(header, respond(header.apiKey(), parsed.data())));
        out.flush();
      }
    } catch (IOException | RuntimeException ended) {
      // the client closed its connection, the broker is closing, or a request it does not serve
      // came (the training's send then fails, and StartupTrainingTest says so)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(socket);
    }
  }

  private ApiMessage respond(ApiKeys api, ApiMessage request) throws InterruptedException {
    return switch (api) {
      case API_VERSIONS -> versions();
      case METADATA -> metadata((MetadataRequestData) request);
      case LIST_OFFSETS -> offsets((ListOffsetsRequestData) request);
      case INIT_PRODUCER_ID ->
          new InitProducerIdResponseData().setProducerId(1).setProducerEpoch((short) 0);
      case PRODUCE -> produce((ProduceRequestData) request);
      case FETCH -> fetch((FetchRequestData) request);
      default -> throw new IllegalStateException("the training broker does not serve " + api);
    };
  }

  private static ApiVersionsResponseData versions() {
    var apis = new ApiVersionsResponseData.ApiVersionCollection();
    for (ApiKeys api :
        List.of(
            ApiKeys.API_VERSIONS,
            ApiKeys.METADATA,
            ApiKeys.LIST_OFFSETS,
            ApiKeys.INIT_PRODUCER_ID,
            ApiKeys.PRODUCE,
            ApiKeys.FETCH)) {
      apis.add(ApiVersionsResponse.toApiVersion(api));
    }
    return new ApiVersionsResponseData().setErrorCode(Errors.NONE.code()).setApiKeys(apis);
  }

  private synchronized MetadataResponseData metadata(MetadataRequestData request) {
    var brokers = new MetadataResponseData.MetadataResponseBrokerCollection();
    brokers.add(
        new MetadataResponseData.MetadataResponseBroker()
            .setNodeId(NODE)
            .setHost(host())
            .setPort(server.getLocalPort()));
    var topics = new MetadataResponseData.MetadataResponseTopicCollection();
    List<String> names =
        request.topics() == null
            ? List.copyOf(logs.keySet())
            : request.topics().stream()
                .map(MetadataRequestData.MetadataRequestTopic::name)
                .toList();
    for (String name : names) {
      var topic = new MetadataResponseData.MetadataResponseTopic().setName(name);
      if (!logs.containsKey(name)) {
        topics.add(topic.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));
        continue;
      }
      List<MetadataResponseData.MetadataResponsePartition> partitions = new ArrayList<>();
      for (int p = 0; p < logs.get(name).size(); p++) {
        partitions.add(
            new MetadataResponseData.MetadataResponsePartition()
                .setPartitionIndex(p)
                .setLeaderId(NODE)
                .setLeaderEpoch(0)
                .setReplicaNodes(List.of(NODE))
                .setIsrNodes(List.of(NODE)));
      }
      topics.add(topic.setTopicId(ids.get(name)).setPartitions(partitions));
    }
    return new MetadataResponseData()
        .setBrokers(brokers)
        .setClusterId("wxrelay-training")
        .setControllerId(NODE)
        .setTopics(topics);
  }

  private synchronized ListOffsetsResponseData offsets(ListOffsetsRequestData request) {
    List<ListOffsetsResponseData.ListOffsetsTopicResponse> topics = new ArrayList<>();
    for (var asked : request.topics()) {
      List<ListOffsetsResponseData.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
      for (var partition : asked.partitions()) {
        int end = logs.get(asked.name()).get(partition.partitionIndex()).size();
        partitions.add(
            new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                .setPartitionIndex(partition.partitionIndex())
                .setTimestamp(-1)
                .setOffset(partition.timestamp() == EARLIEST ? 0 : end)); // else: the latest
      }
      topics.add(
          new ListOffsetsResponseData.ListOffsetsTopicResponse()
              .setName(asked.name())
              .setPartitions(partitions));
    }
    return new ListOffsetsResponseData().setTopics(topics);
  }

  private ProduceResponseData produce(ProduceRequestData request) {
    var responses = new ProduceResponseData.TopicProduceResponseCollection();
    for (var topicData : request.topicData()) {
      String topic = name(topicData.name(), topicData.topicId());
      List<ProduceResponseData.PartitionProduceResponse> partitions = new ArrayList<>();
      for (var partitionData : topicData.partitionData()) {
        long base = append(topic, partitionData.index(), (MemoryRecords) partitionData.records());
        partitions.add(
            new ProduceResponseData.PartitionProduceResponse()
                .setIndex(partitionData.index())
                .setBaseOffset(base));
      }
      responses.add(
          new ProduceResponseData.TopicProduceResponse()
              .setName(topicData.name())
              .setTopicId(topicData.topicId())
              .setPartitionResponses(partitions));
    }
    return new ProduceResponseData().setResponses(responses);
  }

  /**
   * Appends the records, then what they are answered with, all at once (the answers are made first:
   * one that fails appends nothing); returns the first record's offset.
   */
  private long append(String topic, int partition, MemoryRecords records) {
    List<SimpleRecord> kept = new ArrayList<>();
    for (RecordBatch batch : records.batches()) {
      try (var iterator = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
        while (iterator.hasNext()) {
          Record record = iterator.next();
          kept.add(
              new SimpleRecord(record.timestamp(), record.key(), record.value(), record.headers()));
        }
      }
    }
    List<Written> answers = new ArrayList<>();
    for (SimpleRecord record : kept) {
      answer
          .apply(new Written(topic, bytes(record.key()), bytes(record.value())))
          .ifPresent(answers::add);
    }
    long base;
    synchronized (this) {
      List<SimpleRecord> log = logs.get(topic).get(partition);
      base = log.size();
      log.addAll(kept);
      for (Written written : answers) {
        List<List<SimpleRecord>> target = logs.get(written.topic());
        int p = BuiltInPartitioner.partitionForKey(written.key(), target.size());
        target
            .get(p)
            .add(new SimpleRecord(System.currentTimeMillis(), written.key(), written.value()));
      }
      notifyAll();
    }
    return base;
  }

  private FetchResponseData fetch(FetchRequestData request) throws InterruptedException {
    long until = System.currentTimeMillis() + Math.min(request.maxWaitMs(), FETCH_WAIT_MS);
    synchronized (this) {
      while (!anyToFetch(request) && System.currentTimeMillis() < until) {
        wait(Math.max(1, until - System.currentTimeMillis()));
      }
      List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
      for (var asked : request.topics()) {
        String topic = name(asked.topic(), asked.topicId());
        List<FetchResponseData.PartitionData> partitions = new ArrayList<>();
        for (var partition : asked.partitions()) {
          List<SimpleRecord> log = logs.get(topic).get(partition.partition());
          int from = (int) Math.min(partition.fetchOffset(), log.size());
          partitions.add(
              new FetchResponseData.PartitionData()
                  .setPartitionIndex(partition.partition())
                  .setHighWatermark(log.size())
                  .setLastStableOffset(log.size())
                  .setLogStartOffset(0)
                  .setRecords(
                      from == log.size()
                          ? MemoryRecords.EMPTY
                          : MemoryRecords.withRecords(
                              from,
                              Compression.NONE,
                              log.subList(from, log.size()).toArray(SimpleRecord[]::new))));
        }
        topics.add(
            new FetchResponseData.FetchableTopicResponse()
                .setTopic(asked.topic())
                .setTopicId(asked.topicId())
                .setPartitions(partitions));
      }
      return new FetchResponseData().setResponses(topics);
    }
  }

  private boolean anyToFetch(FetchRequestData request) {
    for (var asked : request.topics()) {
      List<List<SimpleRecord>> log = logs.get(name(asked.topic(), asked.topicId()));
      for (var partition : asked.partitions()) {
        if (partition.fetchOffset() < log.get(partition.partition()).size()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A topic by its name, or by its id where the request's version names it only so. */
  private String name(String name, Uuid id) {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return ids.entrySet().stream()
        .filter(e -> e.getValue().equals(id))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no topic with id " + id));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  /** The response with its size and header, as Kafka frames it. */
  private static byte[] serialize(RequestHeader request, ApiMessage body) {
    ResponseHeader header = request.toResponseHeader();
    short version = request.apiVersion();
    var cache = new ObjectSerializationCache();
    int size = header.data().size(cache, header.headerVersion()) + body.size(cache, version);
    ByteBuffer buffer = ByteBuffer.allocate(4 + size);
    buffer.putInt(size);
    var writer = new ByteBufferAccessor(buffer);
    header.data().write(writer, cache, header.headerVersion());
    body.write(writer, cache, version);
    if (buffer.hasRemaining()) {
      throw new UncheckedIOException(new IOException("response size mismatch for " + body));
    }
    return buffer.array();
  }
}
