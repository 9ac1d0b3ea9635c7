package io.wxrelay.cli.main;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A broker of a few topics held in memory ({@link TrainingTopics}), on a loopback port of its own,
 * for the CLI's start-up training only (decision 0045): the training's {@code send --wait} talks to
 * it the way it talks to Kafka, so the classes, call sites and code of the clients' conversation
 * (versions, metadata, offsets, the producer id, a write, a fetch and the records in it) are in the
 * cache too, not only the clients' construction. It speaks the Kafka protocol with the clients' own
 * message classes, and only the requests the CLI's producer and consumer make: ApiVersions,
 * Metadata, ListOffsets, InitProducerId, Produce and Fetch. It keeps no file and serves nothing but
 * loopback; it is not a Kafka for anything else (no groups, no transactions, no retention, every
 * write acknowledged).
 *
 * <p>This class is the protocol: the connections, the requests' framing and their dispatch. The
 * topics and what a request about them is answered with are {@link TrainingTopics}.
 */
final class TrainingBroker implements AutoCloseable {
  private final TrainingTopics topics;
  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  /** Starts serving {@code topics} (name: partitions) on a free loopback port. */
  TrainingBroker(Map<String, Integer> topics, TrainingTopics.Answer answer) throws IOException {
    this.topics = new TrainingTopics(topics, answer);
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
  int size(String topic, int partition) {
    return topics.size(topic, partition);
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
      case METADATA ->
          topics.metadata((MetadataRequestData) request, host(), server.getLocalPort());
      case LIST_OFFSETS -> topics.offsets((ListOffsetsRequestData) request);
      case INIT_PRODUCER_ID ->
          new InitProducerIdResponseData().setProducerId(1).setProducerEpoch((short) 0);
      case PRODUCE -> topics.produce((ProduceRequestData) request);
      case FETCH -> topics.fetch((FetchRequestData) request);
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
