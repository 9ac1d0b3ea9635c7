package io.wxrelay.worker.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.media.MediaFetcher;
import io.wxrelay.worker.media.MediaFile;
import io.wxrelay.worker.media.MediaFiles;
import io.wxrelay.worker.plan.Request;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each kind of request goes on the wire as WeChat takes it: a JSON body as JSON, an upload as a
 * multipart form of its file (with its type in the query and its description as a form field).
 * WeChat here is a loopback server that records what it got and answers {@code errcode 0}.
 */
class WeChatApiTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 7, 8};

  /** One request as the server got it. */
  private record Got(String method, String path, String query, String contentType, String body) {}

  private final List<Got> got = new CopyOnWriteArrayList<>();
  private final JsonMapper mapper = ContractCodec.newMapper();
  private HttpServer server;
  private WeChatApi api;
  private LoadedFiles files;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/cgi-bin/",
        x -> {
          got.add(
              new Got(
                  x.getRequestMethod(),
                  x.getRequestURI().getPath(),
                  x.getRequestURI().getQuery(),
                  x.getRequestHeaders().getFirst("Content-Type"),
                  new String(x.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1)));
          byte[] answer = "{\"errcode\":0,\"errmsg\":\"ok\",\"media_id\":\"m1\"}".getBytes();
          x.sendResponseHeaders(200, answer.length);
          x.getResponseBody().write(answer);
          x.close();
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    Duration second = Duration.ofSeconds(1);
    api = new WeChatApi(base, second, Duration.ofSeconds(5), 2, mapper, new Classifier(second));
    files =
        new LoadedFiles(
            new MediaFiles(new MediaFetcher(new MediaFetcher.Settings(second, Set.of()))));
  }

  @AfterEach
  void stop() {
    api.close();
    server.stop(0);
  }

  @Test
  void aJsonRequestIsPostedAsItsBody() throws Exception {
    ObjectNode body = mapper.createObjectNode().put("touser", "o1").put("msgtype", "text");

    CallOutcome outcome = api.call(new Request.Json("message/custom/send", body), files, "TOKEN");

    assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
    Got request = got.getFirst();
    assertThat(request.path()).isEqualTo("/cgi-bin/message/custom/send");
    assertThat(request.query()).isEqualTo("access_token=TOKEN");
    assertThat(request.contentType()).startsWith("application/json");
    assertThat(mapper.readTree(request.body())).isEqualTo(body);
  }

  @Test
  void aQueryIsAGetWithItsParametersAfterTheToken() throws Exception {
    CallOutcome outcome =
        api.call(new Request.Query("user/get", Map.of("next_openid", "oA_1")), files, "TOKEN");

    assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
    Got request = got.getFirst();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/cgi-bin/user/get");
    assertThat(request.query()).isEqualTo("access_token=TOKEN&next_openid=oA_1");
    assertThat(request.body()).isEmpty();
  }

  @Test
  void aQueryLostAfterItWentOutIsInDoubtLikeAPost() throws Exception {
    server.stop(0);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cgi-bin/", x -> x.close()); // reads the request, answers nothing
    server.start();
    try (WeChatApi silent = against(server.getAddress().getPort())) {
      CallOutcome outcome = silent.call(new Request.Query("tags/get", Map.of()), files, "TOKEN");

      assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
    }
  }

  @Test
  void aPostWhoseWriteFailsPartWayIsInDoubt() throws Exception {
    // A server that takes the connection and never reads: the body fills the socket buffers, and
    // the write times out with part of the request already gone. OkHttp then never signals the
    // body's end; the request counts as sent from its first byte.
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        WeChatApi toDeaf = against(deaf.getLocalPort())) {
      ObjectNode body = mapper.createObjectNode().put("text", "x".repeat(32 << 20));

      CallOutcome outcome =
          toDeaf.call(new Request.Json("message/custom/send", body), files, "TOKEN");

      assertThat(outcome).isInstanceOf(CallOutcome.Unknown.class);
    }
  }

  @Test
  void aRefusedConnectionSentNothingAndIsTriedAgain() throws Exception {
    int port;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = gone.getLocalPort();
    }
    try (WeChatApi toNobody = against(port)) {
      ObjectNode body = mapper.createObjectNode().put("touser", "o1");

      CallOutcome outcome =
          toNobody.call(new Request.Json("message/custom/send", body), files, "TOKEN");

      assertThat(outcome).isInstanceOf(CallOutcome.Retry.class);
    }
  }

  @Test
  void aRedirectIsNotFollowedWithTheMessage() throws Exception {
    assertAnsweredOnce(307, "Location", "/cgi-bin/elsewhere");
  }

  @Test
  void aServiceUnavailableThatAsksForAnImmediateRetryIsNotRepeatedByTheClient() throws Exception {
    CallOutcome outcome = assertAnsweredOnce(503, "Retry-After", "0");

    assertThat(outcome).isInstanceOf(CallOutcome.Retry.class); // the worker's retry, not OkHttp's
  }

  /**
   * A text posted to a server that answers {@code status} with {@code header}: the server got it
   * once. Returns the outcome.
   */
  private CallOutcome assertAnsweredOnce(int status, String header, String value) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer answering =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    answering.createContext(
        "/",
        x -> {
          requests.incrementAndGet();
          x.getRequestBody().readAllBytes();
          x.getResponseHeaders().add(header, value);
          x.sendResponseHeaders(status, -1);
          x.close();
        });
    answering.start();
    try (WeChatApi client = against(answering.getAddress().getPort())) {
      ObjectNode body = mapper.createObjectNode().put("touser", "o1");

      CallOutcome outcome =
          client.call(new Request.Json("message/custom/send", body), files, "TOKEN");

      assertThat(requests).as("requests the server got").hasValue(1);
      return outcome;
    } finally {
      answering.stop(0);
    }
  }

  @Test
  void anUploadIsAFormOfItsLoadedFileWithItsTypeAndDescription() throws Exception {
    MediaFile video = inline("v.jpg", "image");
    files.load(video);
    ObjectNode description = mapper.createObjectNode().put("title", "T");

    CallOutcome outcome =
        api.call(
            new Request.Upload("material/add_material", Optional.of("image"), video, description),
            files,
            "TOKEN");

    assertThat(outcome).isEqualTo(new CallOutcome.Ok(0, "ok", Map.of("media_id", "m1")));
    Got request = got.getFirst();
    assertThat(request.path()).isEqualTo("/cgi-bin/material/add_material");
    assertThat(request.query()).isEqualTo("access_token=TOKEN&type=image");
    assertThat(request.contentType()).startsWith("multipart/form-data");
    assertThat(request.body())
        .contains("name=\"media\"; filename=\"v.jpg\"")
        .contains("Content-Type: image/jpeg")
        .contains(new String(JPEG, StandardCharsets.ISO_8859_1))
        .contains("name=\"description\"")
        .contains("{\"title\":\"T\"}");
  }

  @Test
  void anUploadWithoutTypeOrDescriptionSendsNeither() throws Exception {
    MediaFile image = inline("a.jpg", "articleImage");
    files.load(image);

    api.call(
        new Request.Upload("media/uploadimg", Optional.empty(), image, mapper.createObjectNode()),
        files,
        "TOKEN");

    Got request = got.getFirst();
    assertThat(request.query()).isEqualTo("access_token=TOKEN");
    assertThat(request.body()).contains("name=\"media\"").doesNotContain("description");
  }

  /** A client of a server on {@code port} of the loopback, with one-second timeouts. */
  private WeChatApi against(int port) {
    Duration second = Duration.ofSeconds(1);
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    return new WeChatApi(base, second, second, 1, mapper, new Classifier(second));
  }

  private static MediaFile inline(String filename, String kind) {
    String base64 = Base64.getEncoder().encodeToString(JPEG);
    return new MediaFile(filename, new MediaFile.Inline(base64), kind, false);
  }
}
