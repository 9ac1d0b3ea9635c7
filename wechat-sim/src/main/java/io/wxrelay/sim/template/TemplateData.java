package io.wxrelay.sim.template;

import io.wxrelay.sim.rules.WeChatError;
import java.util.Map;

/**
 * Checks a template message's {@code data} against its template: every key of the content and no
 * other, and the typed keys of category templates within their length ({@code thing} 20 characters,
 * {@code character_string} 32). A breach is 47003 naming the key, as WeChat answers.
 */
final class TemplateData {
  private TemplateData() {}

  /** {@code values}: key to value, null when the item has no {@code value}. */
  static void check(TemplateStore.Template template, Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      String value = e.getValue();
      if (!template.keys().contains(e.getKey())
          || value == null
          || value.codePointCount(0, value.length()) > maxLength(e.getKey())) {
        throw invalid(e.getKey());
      }
    }
    for (String key : template.keys()) {
      if (!values.containsKey(key)) {
        throw invalid(key);
      }
    }
  }

  private static int maxLength(String key) {
    if (key.matches("thing\\d*")) {
      return 20;
    }
    if (key.matches("character_string\\d*")) {
      return 32;
    }
    return Integer.MAX_VALUE;
  }

  private static RuntimeException invalid(String key) {
    return WeChatError.ARGUMENT_INVALID
        .exception()
        .withMessage("argument invalid! data." + key + ".value invalid");
  }
}
