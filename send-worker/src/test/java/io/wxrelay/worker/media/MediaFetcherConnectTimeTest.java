package io.wxrelay.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetcher judges the address it is about to connect to, so no spelling of a host, DNS answer or
 * redirect reaches an internal one; and what a result says of a failed fetch is one text whatever
 * went wrong, with the URL redacted. A listener on 127.0.0.1 counts every TCP connection made to
 * it: a refused fetch must make none.
 */
class MediaFetcherConnectTimeTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};

  /** Loopback on 127.0.0.1 counting connections; it closes each at once (a TLS handshake fails). */
  private Listener listener;

  /** An allowed company file server on 127.0.0.1 that serves redirects. */
  private HttpServer files;

  private String filesBase;

  /**
   * A resolver as the C library's would be for names written as numbers ({@code 0x7f.1}: inet_aton
   * reads it as 127.0.0.1), with a few names of the test's own; everything else is the system's.
   */
  private static final Dns DNS =
      host ->
          switch (host) {
            case "0x7f.1", "0x7f000001", "files.example", "rebound.example" ->
                List.of(InetAddress.getByName("127.0.0.1"));
            case "intranet.example" -> List.of(InetAddress.getByName("10.20.30.40"));
            case "gone.example" -> throw new UnknownHostException(host);
            default -> Dns.SYSTEM.lookup(host);
          };

  @BeforeEach
  void serve() throws Exception {
    listener = new Listener();
    files = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    redirect("/to-127.1", "https://127.1:" + listener.port() + "/a.jpg");
    redirect("/to-127.0.1", "https://127.0.1:" + listener.port() + "/a.jpg");
    redirect("/to-2130706433", "https://2130706433:" + listener.port() + "/a.jpg");
    redirect("/to-localhost", "https://localhost:" + listener.port() + "/a.jpg");
    redirect("/to-rebound", "https://rebound.example:" + listener.port() + "/a.jpg");
    redirect(
        "/to-secret",
        "https://user:hunter2@127.1:" + listener.port() + "/a.jpg?X-Amz-Signature=SECRET");
    redirect("/to-ftp", "ftp://user:hunter2@files.example/a.jpg?sig=SECRET");
    files.createContext(
        "/a.jpg",
        x -> {
          x.getResponseHeaders().add("Content-Type", "image/jpeg");
          x.sendResponseHeaders(200, JPEG.length);
          x.getResponseBody().write(JPEG);
          x.close();
        });
    files.start();
    filesBase = "http://127.0.0.1:" + files.getAddress().getPort();
  }

  private void redirect(String path, String location) {
    files.createContext(
        path,
        x -> {
          x.getResponseHeaders().add("Location", location);
          x.sendResponseHeaders(302, -1);
          x.close();
        });
  }

  @AfterEach
  void stop() throws IOException {
    files.stop(0);
    listener.close();
  }

  /** The production policy, with the test's resolver, {@code allowed} hosts. */
  private static MediaFetcher fetcher(String... allowed) {
    return fetcher(AddressPolicy::why, Duration.ofSeconds(5), allowed);
  }

  private static MediaFetcher fetcher(
      Function<InetAddress, Optional<String>> refusal, Duration timeout, String... allowed) {
    return new MediaFetcher(new MediaFetcher.Settings(timeout, Set.of(allowed)), refusal, DNS);
  }

  /** A policy that lets everything through: what each spelling would reach without the guard. */
  private static Optional<String> nothingRefused(InetAddress address) {
    return Optional.empty();
  }

  /** The production policy, except for 127.0.0.1, which stands in for a public server here. */
  private static Optional<String> loopbackIsPublic(InetAddress address) {
    return address.getHostAddress().equals("127.0.0.1")
        ? Optional.empty()
        : AddressPolicy.why(address);
  }

  /**
   * How a fetch failed: the exception (its kind decides the result's error class) and its reason.
   */
  private record Failure(Class<? extends RuntimeException> kind, String reason) {}

  /** How {@code fetcher} fails to fetch {@code url}, as the command's result would say it. */
  private static Failure outcome(MediaFetcher fetcher, String url) {
    Throwable thrown = catchThrowable(() -> fetcher.fetch(url));
    return switch (thrown) {
      case MediaUnavailableException e -> new Failure(MediaUnavailableException.class, e.reason());
      case InvalidCommandException e -> new Failure(InvalidCommandException.class, e.reason());
      default -> throw new AssertionError(url + " did not fail as a command's file fails", thrown);
    };
  }

  private static Failure unfetchable(String redactedUrl) {
    return new Failure(
        MediaUnavailableException.class, MediaFetcher.UNFETCHABLE + ": " + redactedUrl);
  }

  @ParameterizedTest(name = "https://{0}:port/ reaches loopback unguarded: {1}")
  @CsvSource({
    "127.1,        true",
    "127.0.1,      true",
    "2130706433,   true",
    "localhost,    true",
    "0x7f.1,       true", // OkHttp asks its Dns, and a resolver may read it as 127.0.0.1
    "0x7f000001,   true",
    "017700000001, false" // OkHttp does not ask its Dns, and Java no longer reads it at all
  })
  void loopbackInAnySpellingIsRefusedAtConnectTime(String host, boolean reachesUnguarded) {
    String url = "https://" + host + ":" + listener.port() + "/a.jpg?token=SECRET";

    // Without the guard the spelling does reach the listener (its TLS handshake then fails) ...
    int before = listener.connections();
    assertThat(outcome(fetcher(MediaFetcherConnectTimeTest::nothingRefused, seconds(5)), url))
        .isEqualTo(unfetchable("https://" + host + ":" + listener.port() + "/..."));
    assertThat(listener.connectionsSince(before)).isEqualTo(reachesUnguarded ? 1 : 0);

    // ... with it, not one connection is made, and the result says what it says of any failure.
    before = listener.connections();
    assertThat(outcome(fetcher(), url))
        .isEqualTo(unfetchable("https://" + host + ":" + listener.port() + "/..."));
    assertThat(listener.connectionsSince(before)).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/to-127.1", "/to-127.0.1", "/to-2130706433", "/to-localhost", "/to-rebound"})
  void aRedirectToAnInternalSpellingIsRefusedAtConnectTime(String path) {
    int before = listener.connections();
    // The first hop is the allowed file server (127.0.0.1); the hop it redirects to is not allowed.
    assertThatThrownBy(() -> fetcher("127.0.0.1").fetch(filesBase + path))
        .isInstanceOf(MediaUnavailableException.class)
        .hasMessageStartingWith(MediaFetcher.UNFETCHABLE + ": https://")
        .hasMessageEndingWith(":" + listener.port() + "/...");
    assertThat(listener.connectionsSince(before)).isZero();
  }

  @Test
  void anAllowedHostIsStillFetchedAndAPublicOneConnectedTo() {
    assertThat(fetcher("127.0.0.1").fetch(filesBase + "/a.jpg")).isEqualTo(JPEG);
    assertThat(
            fetcher("files.example")
                .fetch(filesBase.replace("127.0.0.1", "files.example") + "/a.jpg"))
        .isEqualTo(JPEG);

    // A host the policy lets through is connected to over https (here its handshake fails).
    int before = listener.connections();
    String url = "https://files.example:" + listener.port() + "/a.jpg";
    assertThatThrownBy(
            () -> fetcher(MediaFetcherConnectTimeTest::loopbackIsPublic, seconds(5)).fetch(url))
        .isInstanceOf(MediaUnavailableException.class);
    assertThat(listener.connectionsSince(before)).isEqualTo(1);
  }

  @Test
  void aRefusedAddressNoSuchHostARefusedConnectionAndATimeoutReadTheSame() throws Exception {
    int closed;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = gone.getLocalPort();
    }
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int mute = silent.getLocalPort(); // connections queue, nothing ever answers
      int open = listener.port(); // connections are closed at once
      MediaFetcher fetcher = fetcher(MediaFetcherConnectTimeTest::loopbackIsPublic, seconds(1));
      int before = listener.connections();
      for (String hostAndPort :
          List.of(
              "intranet.example:" + open, // resolves to 10.20.30.40: refused
              "127.2:" + open, // 127.0.0.2: refused
              "gone.example:" + open, // no such host
              "files.example:" + closed, // connection refused
              "files.example:" + mute, // timeout
              "files.example:" + open)) { // the connection is closed during the TLS handshake
        assertThat(outcome(fetcher, "https://" + hostAndPort + "/a.jpg?sig=SECRET"))
            .as(hostAndPort)
            .isEqualTo(unfetchable("https://" + hostAndPort + "/..."));
      }
      assertThat(listener.connectionsSince(before)).as("only the last one connects").isEqualTo(1);
    }
  }

  @Test
  void noResultNorExceptionCarriesAQueryUserInfoOrPath() {
    MediaFetcher fetcher = fetcher("127.0.0.1");
    String secrets = "user:hunter2@";
    int port = listener.port();
    List<String> urls =
        List.of(
            "ftp://" + secrets + "files.example/a.jpg?sig=SECRET",
            "not a url ?sig=SECRET " + secrets,
            "http://" + secrets + "files.example/a.jpg?sig=SECRET",
            "https://" + secrets + "10.0.0.1/a.jpg?sig=SECRET",
            "https://" + secrets + "[::1]/a.jpg?sig=SECRET",
            "https://" + secrets + "127.1:" + port + "/a.jpg?sig=SECRET",
            "https://" + secrets + "intranet.example/a.jpg?sig=SECRET",
            "https://" + secrets + "gone.example/a.jpg?sig=SECRET",
            filesBase.replace("//", "//" + secrets) + "/nothing.jpg?sig=SECRET",
            filesBase.replace("//", "//" + secrets) + "/to-secret?sig=SECRET",
            filesBase.replace("//", "//" + secrets) + "/to-ftp?sig=SECRET");
    for (String url : urls) {
      Throwable thrown = catchThrowable(() -> fetcher.fetch(url));
      assertThat(thrown).as(url).isNotNull();
      assertThat(thrown.getMessage())
          .as(url)
          .doesNotContain("SECRET", "sig=", "?", "user", "hunter2", "a.jpg", "nothing", "to-");
      assertThat(outcome(fetcher, url).reason()).isEqualTo(thrown.getMessage());
    }
  }

  private static Duration seconds(int n) {
    return Duration.ofSeconds(n);
  }

  /** Accepts and counts TCP connections on 127.0.0.1, closing each at once. */
  private static final class Listener implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();

    Listener() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread.ofVirtual()
          .start(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket connection = socket.accept()) {
                    accepted.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return accepted.get();
    }

    /**
     * Connections made since {@code before} was counted: a probe of the test's own, once the
     * listener has closed it, was accepted after every connection made before it (the accept queue
     * is in order), so all of those are counted by then.
     */
    int connectionsSince(int before) {
      try (Socket probe = new Socket(InetAddress.getByName("127.0.0.1"), port())) {
        probe.setSoTimeout(5_000);
        assertThat(probe.getInputStream().read()).as("the listener closes the probe").isEqualTo(-1);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return accepted.get() - before - 1;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
