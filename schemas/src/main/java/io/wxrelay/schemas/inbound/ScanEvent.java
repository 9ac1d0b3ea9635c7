package io.wxrelay.schemas.inbound;

/** {@code wechat.event.scan}: a follower scanned a parametric QR code (WeChat's SCAN). */
public record ScanEvent(
    String toUserName,
    String openid,
    long createTime,
    String scene,
    String ticket,
    boolean newFollower)
    implements InboundData {}
