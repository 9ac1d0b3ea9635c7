package io.wxrelay.sim.template;

import io.wxrelay.sim.rules.WeChatError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The templates an account can add with api_add_template: industry-library ones ({@code TM...},
 * plain keys like {@code keyword1}) and category ones (digits, typed keys like {@code thing2}).
 */
public final class TemplateLibrary {
  /** The template every account starts with. */
  public static final String BUILT_IN = "TM00015";

  /** A library entry; {@code content} holds the {@code {{key.DATA}}} placeholders. */
  public record Entry(String shortId, String title, String content, String example) {}

  private static final Map<String, Entry> ENTRIES =
      Map.of(
          BUILT_IN,
          new Entry(
              BUILT_IN,
              "订单支付成功",
              "{{first.DATA}}\n支付金额：{{keyword1.DATA}}\n商品信息：{{keyword2.DATA}}\n{{remark.DATA}}",
              "我们已收到您的货款，开始为您打包商品，请耐心等待: )\n支付金额：30.00元\n商品信息：我是商品名字\n"
                  + "如有问题请致电400-828-1878或直接在微信留言，小易将第一时间为您服务！"),
          "9527",
          new Entry(
              "9527",
              "下单成功通知",
              "订单号{{character_string1.DATA}}\n商品名称{{thing2.DATA}}\n金额{{amount3.DATA}}",
              "订单号2026112200001\n商品名称保温杯\n金额￥99.00"));

  private TemplateLibrary() {}

  public static Optional<Entry> find(String shortId) {
    return Optional.ofNullable(shortId == null ? null : ENTRIES.get(shortId));
  }

  /**
   * A category template's content keeping only the lines whose label is in {@code keywordNames} (in
   * the template's order); 40246 for a name the template does not have. Library templates and an
   * empty list keep the whole content.
   */
  static String select(Entry entry, List<String> keywordNames) {
    if (keywordNames.isEmpty() || !entry.shortId().matches("\\d+")) {
      return entry.content();
    }
    List<String> lines = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (String line : entry.content().split("\n")) {
      String label = line.substring(0, Math.max(0, line.indexOf("{{")));
      if (keywordNames.contains(label)) {
        lines.add(line);
        found.add(label);
      }
    }
    if (!found.containsAll(keywordNames)) {
      throw WeChatError.INVALID_KEYWORD_LIST.exception();
    }
    return String.join("\n", lines);
  }
}
