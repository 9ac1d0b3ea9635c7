package io.wxrelay.sim.account;

/** How an account's callback pushes are encoded (WeChat's 明文 / 兼容 / 安全 modes). */
public enum Mode {
  /** Plaintext XML, {@code signature} only. */
  PLAIN,
  /** Plaintext fields and {@code Encrypt}, with {@code msg_signature}. */
  COMPAT,
  /** Only {@code ToUserName} and {@code Encrypt}, with {@code msg_signature}. */
  SAFE
}
