package io.wxrelay.schemas.command;

/**
 * {@code wechat.qrcode.create}: a parametric QR code. The worker chooses WeChat's action name from
 * the scene's kind and {@code permanent}.
 *
 * @param scene integer scene_id or string scene_str
 * @param expireSeconds lifetime of a temporary code (WeChat: default 60, max 2,592,000)
 * @param permanent a permanent code (at most 100,000 per account)
 * @param reply sent as a customer-service message to whoever scans this code, or null
 */
public record QrCodeCreate(
    QrScene scene, Integer expireSeconds, Boolean permanent, CustomMessage reply)
    implements CommandData {

  /** True when this asks for a permanent code. */
  public boolean permanentRequested() {
    return Boolean.TRUE.equals(permanent);
  }
}
