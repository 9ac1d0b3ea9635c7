package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.wechat.CallPlan;
import io.wxrelay.worker.wechat.CallPlan.QrReply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A created QR code's reply, remembered for its scene; and the code's image URL. */
final class QrReplies {
  private QrReplies() {}

  static void remember(Dispatch d, CallPlan plan) {
    QrReply reply = plan.qrReply();
    Duration ttl = reply.lifetime() == null ? d.policy().permanentQrReplyTtl() : reply.lifetime();
    d.correlations()
        .rememberQrReply(
            plan.appid(),
            reply.scene().asEventKey(),
            d.mapper().writeValueAsString(reply.message()),
            ttl);
  }

  /**
   * {@code showqrcode?ticket=...}: tickets hold +, / and =, so it is URL-encoded
   * (docs/wechat-api.md §4).
   */
  static String imageUrl(String base, String ticket) {
    return base + "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
  }
}
