package io.wxrelay.schemas.inbound;

/**
 * {@code wechat.event.subscribe}: the user followed. From a parametric QR code it carries the
 * {@code scene} (without WeChat's {@code qrscene_} prefix) and the {@code ticket}.
 */
public record SubscribeEvent(
    String toUserName,
    String openid,
    long createTime,
    String scene,
    String ticket,
    boolean newFollower)
    implements InboundData {}
