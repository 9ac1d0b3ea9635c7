package io.wxrelay.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file is decoded or fetched, then held to WeChat's limits of its kind; a processing loads each
 * file once, and nothing sends a file it has not loaded. A file server of the test's own on
 * loopback (an allowed host) counts the fetches.
 */
class MediaFilesTest {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2};

  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer server;
  private String base;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/t.jpg",
        x -> {
          fetches.incrementAndGet();
          x.getResponseHeaders().add("Content-Type", "image/jpeg");
          x.sendResponseHeaders(200, JPEG.length);
          x.getResponseBody().write(JPEG);
          x.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServing() {
    server.stop(0);
  }

  private static MediaFiles files(String... allowed) {
    return new MediaFiles(MediaFetcherTest.fetcher(allowed));
  }

  private static MediaFile inline(byte[] bytes, String kind) {
    String base64 = Base64.getEncoder().encodeToString(bytes);
    return new MediaFile("f", new MediaFile.Inline(base64), kind, false);
  }

  @Test
  void anInlineFileIsDecodedAndItsTypeReadFromItsBytes() {
    LoadedFiles loaded = new LoadedFiles(files());
    MediaFile thumb = inline(JPEG, "thumb");

    loaded.load(thumb);

    assertThat(loaded.bytes(thumb)).isEqualTo(JPEG);
    assertThat(loaded.contentType(thumb)).isEqualTo("image/jpeg");
  }

  @Test
  void aFileWeChatWouldRefuseIsAnInvalidCommandNamingTheLimit() {
    assertThatThrownBy(() -> files().load(inline("hi".getBytes(), "image")))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessage("an image must be GIF/JPEG/PNG (WeChat's limit); this file is none of them");
    assertThatThrownBy(() -> files().load(inline(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "thumb")))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessage("a thumb must be JPEG (WeChat's limit); this file is PNG");
    var notBase64 = new MediaFile("f", new MediaFile.Inline("%%%"), "image", false);
    assertThatThrownBy(() -> files().load(notBase64))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageStartingWith("file.base64 is not base64");
  }

  @Test
  void aUrlAtAnInternalAddressIsAnInvalidCommandAndIsNeverFetched() {
    String url = base.replace("http:", "https:") + "/t.jpg";
    var internal = new MediaFile("a.jpg", new MediaFile.Remote(url), "image", true);

    assertThatThrownBy(() -> files().load(internal))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageContaining("is an internal address");
    assertThat(fetches).hasValue(0);
  }

  @Test
  void aProcessingFetchesEachFileOnceAndSendsNoFileItHasNotLoaded() {
    LoadedFiles loaded = new LoadedFiles(files("127.0.0.1"));
    var thumb = new MediaFile("t.jpg", new MediaFile.Remote(base + "/t.jpg"), "thumb", false);
    var same = new MediaFile("t.jpg", new MediaFile.Remote(base + "/t.jpg"), "thumb", false);

    assertThatThrownBy(() -> loaded.bytes(thumb))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before it is loaded");
    loaded.load(thumb);
    loaded.load(same);

    assertThat(loaded.bytes(same)).isEqualTo(JPEG);
    assertThat(fetches).as("the same file, as planned twice").hasValue(1);
  }
}
