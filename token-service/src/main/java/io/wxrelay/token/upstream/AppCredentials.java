package io.wxrelay.token.upstream;

/**
 * One account the service keeps a token for.
 *
 * @param secret the AppSecret; never logged, never in metrics or exception messages
 * @param endpoint which WeChat endpoint to use
 */
public record AppCredentials(String appid, String secret, Endpoint endpoint) {

  /** WeChat's two token endpoints (docs/wechat-api.md §1). */
  public enum Endpoint {
    /**
     * {@code POST cgi-bin/stable_token}: the default; refreshing it does not kill others' tokens.
     */
    STABLE("stable"),
    /** {@code GET cgi-bin/token}: every fetch supersedes the previous token (5-minute overlap). */
    CLASSIC("classic");

    private final String label;

    Endpoint(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  @Override
  public String toString() {
    return "AppCredentials[" + appid + ", " + endpoint.label() + ", secret hidden]";
  }
}
