package io.wxrelay.schemas.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code wechat.publish.delete}: delete a published article (freepublish/delete); {@code index} is
 * the article's 1-based number in its group, 0 or null for the whole group. It cannot be undone.
 */
public record PublishDelete(@JsonProperty("article_id") String articleId, Integer index)
    implements CommandData {}
