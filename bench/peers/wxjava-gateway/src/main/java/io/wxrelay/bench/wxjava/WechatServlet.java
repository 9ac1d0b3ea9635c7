package io.wxrelay.bench.wxjava;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@code /wechat/<appid>}: GET answers WeChat's URL check ({@code echostr}); POST takes a plaintext
 * push: checks its signature, parses it, drops a repeat seen within the dedupe window, publishes it
 * as JSON (blocking until Kafka acknowledged it) and answers {@code success}.
 */
final class WechatServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient WxMpService wx;
  private final transient RedissonClient redisson;
  private final transient KafkaProducer<String, String> producer;
  private final transient ObjectMapper json;
  private final String topic;
  private final String dedupePrefix;
  private final Duration dedupeWindow;

  WechatServlet(
      WxMpService wx,
      RedissonClient redisson,
      KafkaProducer<String, String> producer,
      ObjectMapper json,
      String topic,
      String dedupePrefix,
      Duration dedupeWindow) {
    this.wx = wx;
    this.redisson = redisson;
    this.producer = producer;
    this.json = json;
    this.topic = topic;
    this.dedupePrefix = dedupePrefix;
    this.dedupeWindow = dedupeWindow;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String appid = admitted(req, resp);
    if (appid == null) {
      return;
    }
    String echostr = req.getParameter("echostr");
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter().write(echostr == null ? "" : echostr);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String appid = admitted(req, resp);
    if (appid == null) {
      return;
    }
    String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    WxMpXmlMessage message;
    try {
      message = WxMpXmlMessage.fromXml(body);
    } catch (RuntimeException e) {
      resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    RBucket<String> seen =
        redisson.getBucket(dedupePrefix + appid + ":" + messageKey(message), StringCodec.INSTANCE);
    if (seen.setIfAbsent("1", dedupeWindow)) {
      try {
        producer
            .send(new ProducerRecord<>(topic, message.getFromUser(), toJson(appid, message)))
            .get();
      } catch (ExecutionException e) {
        seen.delete(); // let WeChat's retry through
        resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        seen.delete();
        resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return;
      }
    }
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter().write("success");
  }

  /** The path's appid when it is one of ours and the query is signed with its token; else null. */
  private String admitted(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String appid = appid(req);
    if (appid == null || !wx.switchover(appid)) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return null;
    }
    if (!signed(req)) {
      resp.sendError(HttpServletResponse.SC_FORBIDDEN);
      return null;
    }
    return appid;
  }

  private boolean signed(HttpServletRequest req) {
    String signature = req.getParameter("signature");
    String timestamp = req.getParameter("timestamp");
    String nonce = req.getParameter("nonce");
    return signature != null
        && timestamp != null
        && nonce != null
        && wx.checkSignature(timestamp, nonce, signature);
  }

  private static String appid(HttpServletRequest req) {
    String path = req.getPathInfo();
    return path == null || path.length() < 2 ? null : path.substring(1);
  }

  /** The message id; an event has none, so its sender, time, event and key. */
  static String messageKey(WxMpXmlMessage m) {
    if (m.getMsgId() != null) {
      return String.valueOf(m.getMsgId());
    }
    return m.getFromUser() + "-" + m.getCreateTime() + "-" + m.getEvent() + "-" + m.getEventKey();
  }

  private String toJson(String appid, WxMpXmlMessage m) throws IOException {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("appid", appid);
    event.put("toUser", m.getToUser());
    event.put("fromUser", m.getFromUser());
    event.put("createTime", m.getCreateTime());
    event.put("msgType", m.getMsgType());
    event.put("msgId", m.getMsgId());
    event.put("event", m.getEvent());
    event.put("eventKey", m.getEventKey());
    event.put("content", m.getContent());
    event.put("receivedAt", System.currentTimeMillis());
    return json.writeValueAsString(event);
  }
}
