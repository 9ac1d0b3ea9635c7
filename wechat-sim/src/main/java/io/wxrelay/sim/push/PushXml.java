package io.wxrelay.sim.push;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a push body as WeChat writes it: {@code <xml>} with text in CDATA and numbers bare, nested
 * elements for MASSSENDJOBFINISH's results.
 */
public final class PushXml {
  private final List<String> parts = new ArrayList<>();

  public static PushXml of(
      String toUserName, String fromUserName, long createTime, String msgType) {
    return new PushXml()
        .text("ToUserName", toUserName)
        .text("FromUserName", fromUserName)
        .number("CreateTime", createTime)
        .text("MsgType", msgType);
  }

  public PushXml text(String name, String value) {
    if (value != null) {
      parts.add(
          "<"
              + name
              + "><![CDATA["
              + value.replace("]]>", "]]]]><![CDATA[>")
              + "]]></"
              + name
              + ">");
    }
    return this;
  }

  public PushXml number(String name, long value) {
    parts.add("<" + name + ">" + value + "</" + name + ">");
    return this;
  }

  /** A nested element holding {@code inner}'s children. */
  public PushXml element(String name, PushXml inner) {
    parts.add("<" + name + ">" + String.join("", inner.parts) + "</" + name + ">");
    return this;
  }

  public PushXml child() {
    return new PushXml();
  }

  public String build() {
    return "<xml>" + String.join("", parts) + "</xml>";
  }
}
