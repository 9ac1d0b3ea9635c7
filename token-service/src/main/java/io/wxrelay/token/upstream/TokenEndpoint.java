package io.wxrelay.token.upstream;

/** A WeChat token endpoint as the refresher sees it: one fetch, one classified outcome. */
@FunctionalInterface
public interface TokenEndpoint {
  /** One fetch; {@code forceRefresh} only applies to the stable endpoint. */
  FetchOutcome fetch(AppCredentials app, boolean forceRefresh);
}
