package io.wxrelay.worker.wechat;

import io.wxrelay.kit.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches the file of a {@code wechat.media.upload} from its URL: {@code https} only, at most
 * {@link #MAX_BYTES}, within a timeout, a media content type, and never from a loopback, private,
 * link-local or otherwise internal address (the URL comes from upstream: the worker must not be
 * made to read its own network), also after a redirect, which is followed by hand and checked
 * again. Hosts the deployment names in {@code WORKER_MEDIA_FETCH_ALLOW} may be internal and plain
 * {@code http} (a company's own file server). A URL the worker must not or cannot use is an {@link
 * InvalidCommandException}; a file that is not there now (no such host, a failure, an HTTP error) a
 * {@link MediaUnavailableException}.
 */
public final class MediaFetcher {
  /** WeChat takes nothing larger (images and videos: 10 MB). */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final int MAX_REDIRECTS = 3;

  /**
   * How the worker fetches media.
   *
   * @param timeout {@code WORKER_MEDIA_FETCH_TIMEOUT}: the whole fetch, redirects included
   * @param allowedHosts {@code WORKER_MEDIA_FETCH_ALLOW}: host names (lower case) that may resolve
   *     to internal addresses and be fetched over plain http
   */
  public record Settings(Duration timeout, Set<String> allowedHosts) {
    public Settings {
      allowedHosts = Set.copyOf(allowedHosts);
    }

    public static Settings fromEnv(Env env) {
      return new Settings(
          env.duration("WORKER_MEDIA_FETCH_TIMEOUT", Duration.ofSeconds(20)),
          Arrays.stream(env.string("WORKER_MEDIA_FETCH_ALLOW", "").split(","))
              .map(h -> h.strip().toLowerCase(Locale.ROOT))
              .filter(h -> !h.isEmpty())
              .collect(Collectors.toSet()));
    }
  }

  private final Settings settings;
  private final OkHttpClient http;

  public MediaFetcher(Settings settings) {
    this.settings = settings;
    this.http =
        new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            .callTimeout(settings.timeout())
            .dns(this::resolve)
            .build();
  }

  /** The bytes at {@code url}; an exception saying why not. */
  public byte[] fetch(String url) {
    HttpUrl at = HttpUrl.parse(url);
    for (int redirects = 0; ; redirects++) {
      if (at == null) {
        throw new InvalidCommandException("file.url is not an http(s) URL: " + url);
      }
      boolean allowed = settings.allowedHosts().contains(at.host().toLowerCase(Locale.ROOT));
      if (!at.isHttps() && !allowed) {
        throw new InvalidCommandException("file.url must be https: " + at.redact());
      }
      if (isAddressLiteral(at.host())) {
        refuseInternal(at.host()); // OkHttp asks its Dns for names only; a literal is checked here
      }
      try (Response response =
          http.newCall(new Request.Builder().url(at).get().build()).execute()) {
        if (response.isRedirect()) {
          if (redirects == MAX_REDIRECTS) {
            throw new InvalidCommandException(
                "file.url redirects more than " + MAX_REDIRECTS + " times");
          }
          String location = response.header("Location");
          at = location == null ? null : at.resolve(location);
          continue;
        }
        if (!response.isSuccessful()) {
          throw new MediaUnavailableException(
              "file.url answered HTTP " + response.code() + ": " + at.redact());
        }
        String type = response.header("Content-Type", "");
        if (!isMedia(type)) {
          throw new InvalidCommandException("file.url is not media (Content-Type " + type + ")");
        }
        return read(response);
      } catch (IOException e) {
        throw new MediaUnavailableException("file.url could not be fetched: " + e.getMessage());
      }
    }
  }

  private static boolean isMedia(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("image/")
        || type.startsWith("audio/")
        || type.startsWith("video/")
        || type.startsWith("application/octet-stream");
  }

  private static byte[] read(Response response) throws IOException {
    long declared = response.body().contentLength();
    if (declared > MAX_BYTES) {
      throw new InvalidCommandException(
          "file.url is " + declared + " bytes; WeChat takes at most 10 MB");
    }
    try (InputStream in = response.body().byteStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new InvalidCommandException("file.url is larger than 10 MB, WeChat's largest media");
      }
      return bytes;
    }
  }

  /** DNS that refuses internal addresses for hosts the deployment has not allowed. */
  private List<InetAddress> resolve(String host) throws UnknownHostException {
    List<InetAddress> addresses = Dns.SYSTEM.lookup(host);
    if (!settings.allowedHosts().contains(host.toLowerCase(Locale.ROOT))) {
      addresses.forEach(address -> refuse(host, address));
    }
    return addresses;
  }

  /** An address literal (no DNS involved) is held to the same rule. */
  private void refuseInternal(String literal) {
    if (!settings.allowedHosts().contains(literal.toLowerCase(Locale.ROOT))) {
      try {
        refuse(literal, InetAddress.getByName(literal));
      } catch (UnknownHostException e) {
        throw new InvalidCommandException("file.url's host is not an address: " + literal);
      }
    }
  }

  private static void refuse(String host, InetAddress address) {
    if (internal(address)) {
      throw new InvalidCommandException(
          "file.url's host "
              + host
              + " is an internal address ("
              + address.getHostAddress()
              + "); WORKER_MEDIA_FETCH_ALLOW names the hosts that may be");
    }
  }

  /** An IPv4 dotted quad or an IPv6 address (OkHttp gives the latter without brackets). */
  static boolean isAddressLiteral(String host) {
    return host.contains(":") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  /** Loopback, private, link-local, unspecified, multicast, carrier-grade NAT, unique-local. */
  static boolean internal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      return (b[0] & 0xFE) == 0xFC; // fc00::/7
    }
    return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64; // 100.64.0.0/10
  }
}
