package io.wxrelay.worker.media;

import io.wxrelay.kit.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the file of a {@code wechat.media.upload} from its URL: {@code https} only, at most
 * {@link #MAX_BYTES}, within a timeout, a media content type, and never from an address {@link
 * AddressPolicy} refuses (loopback, private, link-local, NAT64, documentation and every other
 * non-public block: the URL comes from upstream, and the worker must not be made to read its own
 * network). The address is checked on the socket, just before it connects ({@link
 * GuardedSocketFactory}), so every spelling of a host ({@code 127.1}, {@code 2130706433}), every
 * DNS answer and every redirect hop (followed by hand) is held to it; no proxy is used. Hosts the
 * deployment names in {@code WORKER_MEDIA_FETCH_ALLOW} may be internal and plain {@code http} (a
 * company's own file server); they are fetched by a client of their own.
 *
 * <p>What the result (and dead letter) says never tells an internal address from an unreachable
 * one: a refused address, no such host, a refused or timed-out connection, a failed TLS handshake
 * and a connection that broke off are one text, {@link #UNFETCHABLE} and the redacted URL ({@link
 * #redacted}: {@code scheme://host[:port]/...}, never a path, query or user info), DEAD ({@code
 * unknown}, replayable); the worker's log says which at WARN. A host written as a plain IPv4 or
 * IPv6 address is judged before any connection, from the URL alone (that reveals nothing its sender
 * did not write): a refused one is an {@link InvalidCommandException}, as are a URL that is not
 * https, too many redirects, what is not media or is too large. An HTTP error from a server that
 * was reached is a {@link MediaUnavailableException} naming the status.
 */
public final class MediaFetcher {
  /** WeChat takes nothing larger (images and videos: 10 MB). */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /** What a result says of any fetch that found no server to answer; the log says why. */
  static final String UNFETCHABLE =
      "file.url could not be fetched (no connection or no complete answer;"
          + " the worker's log says why)";

  private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);
  private static final int MAX_REDIRECTS = 3;

  /** An IPv4 address in its one plain spelling: four decimal parts up to 255, no zero first. */
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";

  private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

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
  private final Function<InetAddress, Optional<String>> refusal;

  /** For every host not allowed: its sockets refuse what the policy refuses. */
  private final OkHttpClient guarded;

  /** For the allowed hosts only, with a connection pool of its own. */
  private final OkHttpClient open;

  public MediaFetcher(Settings settings) {
    this(settings, AddressPolicy::why, Dns.SYSTEM);
  }

  /**
   * A fetcher with another address policy or resolver: a test's seam.
   *
   * @param refusal why an address is refused, empty when it may be connected to
   */
  MediaFetcher(Settings settings, Function<InetAddress, Optional<String>> refusal, Dns dns) {
    this.settings = settings;
    this.refusal = refusal;
    this.guarded = client(settings, dns, new GuardedSocketFactory(refusal));
    this.open = client(settings, dns, SocketFactory.getDefault());
  }

  /** A client of its own (its own connection pool: a connection is never shared across them). */
  private static OkHttpClient client(Settings settings, Dns dns, SocketFactory sockets) {
    return new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .callTimeout(settings.timeout())
        .proxy(Proxy.NO_PROXY) // the address checked must be the one connected to
        .dns(dns)
        .socketFactory(sockets)
        .build();
  }

  /**
   * A URL as results and logs show it: {@code scheme://host[:port]/...}, without its path, query,
   * fragment or user info (any of which may carry a presigned token).
   */
  static String redacted(HttpUrl url) {
    return url.redact();
  }

  /** The bytes at {@code url}; an exception saying why not. */
  public byte[] fetch(String url) {
    HttpUrl at = HttpUrl.parse(url);
    if (at == null) {
      throw new InvalidCommandException("file.url is not an http(s) URL");
    }
    for (int redirects = 0; ; redirects++) {
      boolean allowed = settings.allowedHosts().contains(at.host().toLowerCase(Locale.ROOT));
      if (!at.isHttps() && !allowed) {
        throw new InvalidCommandException("file.url must be https: " + redacted(at));
      }
      if (!allowed) {
        refuseWrittenAddress(at);
      }
      OkHttpClient http = allowed ? open : guarded;
      try (Response response =
          http.newCall(new Request.Builder().url(at).get().build()).execute()) {
        if (response.isRedirect()) {
          if (redirects == MAX_REDIRECTS) {
            throw new InvalidCommandException(
                "file.url redirects more than " + MAX_REDIRECTS + " times");
          }
          String location = response.header("Location");
          HttpUrl next = location == null ? null : at.resolve(location);
          if (next == null) {
            throw new InvalidCommandException(
                "file.url redirects to what is not an http(s) URL: " + redacted(at));
          }
          at = next;
          continue;
        }
        if (!response.isSuccessful()) {
          throw new MediaUnavailableException(
              "file.url answered HTTP " + response.code() + ": " + redacted(at));
        }
        String type = response.header("Content-Type", "");
        if (!isMedia(type)) {
          throw new InvalidCommandException("file.url is not media (Content-Type " + type + ")");
        }
        return read(response);
      } catch (IOException e) {
        log.warn("media file not fetched from {}: {}", redacted(at), why(e));
        throw new MediaUnavailableException(UNFETCHABLE + ": " + redacted(at));
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

  /**
   * A host written as a plain IPv4 or IPv6 address is refused before any connection, saying so: the
   * verdict follows from the URL's text alone. (Any other spelling is left to the socket.)
   */
  private void refuseWrittenAddress(HttpUrl at) {
    String host = at.host();
    if (!host.contains(":") && !DOTTED_QUAD.matcher(host).matches()) {
      return;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return; // OkHttp will not connect to it either
    }
    if (refusal.apply(address).isPresent()) {
      throw new InvalidCommandException(
          "file.url's host "
              + host
              + " is an internal address; WORKER_MEDIA_FETCH_ALLOW names the hosts that may be");
    }
  }

  /** The failure and its causes, for the log (the URL is logged redacted beside it). */
  private static String why(IOException e) {
    List<String> reasons = new ArrayList<>();
    for (Throwable t = e; t != null && reasons.size() < 5; t = t.getCause()) {
      StringBuilder reason = new StringBuilder(t.toString());
      for (Throwable other : t.getSuppressed()) {
        reason.append(" (also ").append(other).append(')');
      }
      reasons.add(reason.toString());
    }
    return String.join("; caused by ", reasons);
  }
}
