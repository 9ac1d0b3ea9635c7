package io.wxrelay.system.deploy;

import java.util.Optional;

/**
 * A container image reference: {@code [registry/]path[:tag][@digest]}.
 *
 * @param repository everything before the tag and digest, e.g. {@code ghcr.io/acme/wxrelay/cli}
 * @param tag empty when not given
 * @param digest empty when not given, e.g. {@code sha256:...}
 */
record ImageRef(String repository, String tag, String digest) {

  static ImageRef parse(String image) {
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      return new ImageRef(rest.substring(0, colon), rest.substring(colon + 1), digest);
    }
    return new ImageRef(rest, "", digest);
  }

  /** The repository's last segment, e.g. {@code send-worker}. */
  String lastSegment() {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  /** The service whose image this is, if its repository ends with {@code wxrelay/<service>}. */
  Optional<WxService> service() {
    return WxService.ofImage(lastSegment())
        .filter(
            s ->
                repository.equals("wxrelay/" + s.image())
                    || repository.endsWith("/wxrelay/" + s.image()));
  }
}
