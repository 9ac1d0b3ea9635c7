package io.wxrelay.token.store;

/** Redis key and channel names, all under one prefix (default {@code wxrelay:token:}). */
record Keys(String prefix) {
  String token(String appid) {
    return prefix + "app:" + appid;
  }

  String generation(String appid) {
    return prefix + "gen:" + appid;
  }

  String lock(String appid) {
    return prefix + "lock:" + appid;
  }

  String forcedOn(String appid, String day) {
    return prefix + "force:" + appid + ":" + day;
  }

  String lastForced(String appid) {
    return prefix + "force-last:" + appid;
  }

  /** Published after every write: {@code "<appid> <generation>"}. */
  String updates() {
    return prefix + "updates";
  }

  /** Workers' refresh requests: {@code "<appid> <generation seen failing>"}. */
  String requests() {
    return prefix + "requests";
  }
}
