package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import java.util.List;

/**
 * {@code wechat.publish.submit}: publish a draft (freepublish/submit) named by its {@code
 * media_id}, or one the worker makes first from {@code articles} as it makes a broadcast's inline
 * news via draft/add (permanent thumbnails, then the draft). Exactly one of the two.
 */
public record PublishSubmit(@JsonProperty("media_id") String mediaId, List<InlineArticle> articles)
    implements CommandData {

  public PublishSubmit {
    articles = articles == null ? null : List.copyOf(articles);
  }

  /** Whether the draft is made from the articles in the command. */
  public boolean inline() {
    return articles != null && !articles.isEmpty();
  }
}
