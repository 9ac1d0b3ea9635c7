package io.wxrelay.sim.push;

/**
 * What WeChat pushes, before signing and encryption.
 *
 * @param kind e.g. {@code event:subscribe}, {@code message:text}
 * @param dedupeKey WeChat's dedupe key for this push
 * @param xml the plaintext XML body
 */
public record Push(String appid, String openid, String kind, String dedupeKey, String xml) {}
