package io.wxrelay.cli.send;

import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.Payloads.News;
import io.wxrelay.schemas.command.Payloads.NewsArticle;
import java.util.List;

/** A customer-service news message of one article: a QR code's reply with a link. */
public final class NewsReply {
  private NewsReply() {}

  /** {@code description}, {@code url} and {@code picurl} may be null. */
  public static CustomMessage of(String title, String description, String url, String picurl) {
    News news = new News(List.of(new NewsArticle(title, description, url, picurl)));
    return new CustomMessage(
        "news", null, null, null, null, null, news, null, null, null, null, null, null);
  }
}
