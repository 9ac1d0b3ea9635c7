package io.wxrelay.kit.admin;

/**
 * One component's readiness.
 *
 * @param up whether the component can do its work
 * @param detail a short, secret-free explanation, e.g. {@code "app wx... : invalid appsecret"}
 */
public record Health(boolean up, String detail) {
  public static Health ok() {
    return new Health(true, "ok");
  }

  /** Up, with what is worth knowing about it (e.g. that an optional part is missing). */
  public static Health ok(String detail) {
    return new Health(true, detail);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
