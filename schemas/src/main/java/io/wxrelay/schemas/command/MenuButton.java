package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One button of a custom menu as WeChat spells it (docs/wechat-api.md §11.1): a top button either
 * opens {@code sub_button} (and has no type) or acts by its {@code type}, with the field that type
 * needs. The rules WeChat checks on lengths in bytes and on the fields a type needs are checked
 * when a command is read ({@code MenuShapeRule}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MenuButton(
    String type,
    String name,
    String key,
    String url,
    @JsonProperty("media_id") String mediaId,
    @JsonProperty("article_id") String articleId,
    String appid,
    String pagepath,
    @JsonProperty("sub_button") List<MenuButton> subButton) {

  /** A button that sends a CLICK with {@code key}. */
  public static MenuButton click(String name, String key) {
    return new MenuButton("click", name, key, null, null, null, null, null, null);
  }

  /** A button that opens {@code url} (WeChat pushes VIEW). */
  public static MenuButton view(String name, String url) {
    return new MenuButton("view", name, null, url, null, null, null, null, null);
  }

  /** A top button that opens {@code subButtons}. */
  public static MenuButton parent(String name, List<MenuButton> subButtons) {
    return new MenuButton(null, name, null, null, null, null, null, null, subButtons);
  }
}
