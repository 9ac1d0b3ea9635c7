package io.wxrelay.sim.account;

/** 公众号 (formerly subscription account) or 服务号 (service account). */
public enum AccountType {
  SUBSCRIPTION,
  /** Each user receives at most 4 broadcasts a month; more are filtered out. */
  SERVICE
}
