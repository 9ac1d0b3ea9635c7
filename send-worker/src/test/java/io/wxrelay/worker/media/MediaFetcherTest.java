package io.wxrelay.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The media fetcher's guard: no internal address unless the deployment allows its host, https only,
 * redirects checked again, media types and WeChat's largest size. A file server of the test's own
 * on loopback stands in for an allowed company server. (Spellings, DNS answers and redirects that
 * only the socket's check catches: {@link MediaFetcherConnectTimeTest}.)
 */
class MediaFetcherTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};

  private HttpServer server;
  private String base;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/a.jpg",
        x -> {
          x.getResponseHeaders().add("Content-Type", "image/jpeg");
          x.sendResponseHeaders(200, JPEG.length);
          x.getResponseBody().write(JPEG);
          x.close();
        });
    server.createContext(
        "/page",
        x -> {
          x.getResponseHeaders().add("Content-Type", "text/html");
          x.sendResponseHeaders(200, 2);
          x.getResponseBody().write("hi".getBytes());
          x.close();
        });
    server.createContext(
        "/huge",
        x -> {
          x.getResponseHeaders().add("Content-Type", "video/mp4");
          x.sendResponseHeaders(200, MediaFetcher.MAX_BYTES + 1L);
          try (var body = x.getResponseBody()) {
            body.write(new byte[MediaFetcher.MAX_BYTES + 1]);
          } catch (IOException closedByTheFetcher) {
            // it stops reading at the declared length
          }
        });
    server.createContext(
        "/to-metadata",
        x -> {
          x.getResponseHeaders().add("Location", "https://169.254.169.254/latest/meta-data");
          x.sendResponseHeaders(302, -1);
          x.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** A fetcher that may fetch from {@code allowed} hosts, internal or over plain http. */
  static MediaFetcher fetcher(String... allowed) {
    return new MediaFetcher(new MediaFetcher.Settings(Duration.ofSeconds(5), Set.of(allowed)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/a.jpg",
        "https://10.0.0.8/a.jpg",
        "https://172.16.5.4/a.jpg",
        "https://192.168.1.1/a.jpg",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/a.jpg",
        "https://0.0.0.0/a.jpg",
        "https://192.0.0.9/a.jpg",
        "https://192.0.2.1/a.jpg",
        "https://198.18.0.1/a.jpg",
        "https://198.51.100.1/a.jpg",
        "https://203.0.113.1/a.jpg",
        "https://240.0.0.1/a.jpg",
        "https://255.255.255.255/a.jpg",
        "https://[::1]/a.jpg",
        "https://[::127.0.0.1]/a.jpg",
        "https://[::ffff:127.0.0.1]/a.jpg",
        "https://[64:ff9b::a00:1]/a.jpg",
        "https://[64:ff9b:1::1]/a.jpg",
        "https://[2002:7f00:1::1]/a.jpg",
        "https://[2001::1]/a.jpg",
        "https://[2001:db8::1]/a.jpg",
        "https://[fd00::1]/a.jpg",
        "https://[fe80::1]/a.jpg",
        "https://[fec0::1]/a.jpg"
      })
  void anInternalAddressWrittenAsOneIsRefusedByDefault(String url) {
    // The verdict follows from the URL's text alone, so it may say why: nothing is revealed.
    assertThatThrownBy(() -> fetcher().fetch(url))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining("is an internal address")
        .hasMessageNotContaining("a.jpg");
  }

  @Test
  void plainHttpIsRefusedUnlessTheHostIsAllowed() {
    assertThatThrownBy(() -> fetcher().fetch(base + "/a.jpg"))
        .hasMessageStartingWith("file.url must be https");
  }

  @Test
  void anAllowedHostIsFetched() {
    assertThat(fetcher("127.0.0.1").fetch(base + "/a.jpg")).isEqualTo(JPEG);
  }

  @Test
  void aRedirectIsCheckedAgain() {
    assertThatThrownBy(() -> fetcher("127.0.0.1").fetch(base + "/to-metadata"))
        .hasMessageContaining("169.254.169.254 is an internal address");
  }

  @Test
  void whatIsNotMediaOrTooLargeOrMissingIsRefused() {
    MediaFetcher fetcher = fetcher("127.0.0.1");
    assertThatThrownBy(() -> fetcher.fetch(base + "/page"))
        .hasMessage("file.url is not media (Content-Type text/html)");
    assertThatThrownBy(() -> fetcher.fetch(base + "/huge"))
        .hasMessage("file.url is 10485761 bytes; WeChat takes at most 10 MB");
    assertThatThrownBy(() -> fetcher.fetch(base + "/nothing-here.jpg"))
        .hasMessage("file.url answered HTTP 404: " + base + "/...");
  }

  @Test
  void anAllowedNameMayResolveToAnInternalAddressAndBeFetchedOverHttp() {
    MediaFetcher fetcher =
        new MediaFetcher(
            new MediaFetcher.Settings(Duration.ofSeconds(5), Set.of("files.example")),
            AddressPolicy::why,
            host -> List.of(InetAddress.getLoopbackAddress()));
    int port = server.getAddress().getPort();
    assertThat(fetcher.fetch("http://FILES.example:" + port + "/a.jpg")).isEqualTo(JPEG);
  }
}
