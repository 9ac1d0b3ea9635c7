package io.wxrelay.worker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A company's file server on loopback, for upload tests that fetch their file by URL: it serves
 * made-up files ({@link MediaFiles#file}) of the size and first bytes the URL asks for. A worker
 * fetches from it only when {@code WORKER_MEDIA_FETCH_ALLOW} names 127.0.0.1.
 */
final class MadeFiles implements AutoCloseable {
  private final HttpServer server;

  MadeFiles() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/made",
        x -> {
          Map<String, String> query = new HashMap<>();
          for (String pair : x.getRequestURI().getQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
          }
          byte[] file =
              MediaFiles.file(
                  Integer.parseInt(query.get("size")), HexFormat.of().parseHex(query.get("magic")));
          x.getResponseHeaders().add("Content-Type", "application/octet-stream");
          x.sendResponseHeaders(200, file.length);
          x.getResponseBody().write(file);
          x.close();
        });
    server.start();
  }

  /** The URL of a file of {@code size} bytes starting with {@code magic} (hex). */
  String url(int size, String magic) {
    return "http://127.0.0.1:%d/made?size=%d&magic=%s"
        .formatted(server.getAddress().getPort(), size, magic);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
