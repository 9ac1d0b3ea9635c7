package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MediaUpload.MediaFile;
import io.wxrelay.schemas.command.Payloads.InlineArticle;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of a news broadcast of one article written inline ({@code --news-title}, {@code
 * --news-thumb}, {@code --news-content}, {@code --news-via}): the worker uploads its thumbnail and
 * the news, then broadcasts it. The thumbnail is a local file (sent inline, base64) or an http(s)
 * URL the worker fetches; the content is HTML, or {@code @FILE} to read it from a file.
 */
public final class NewsFlags {
  @Option(names = "--news-title", description = "news of one article: its title")
  private String title;

  @Option(
      names = "--news-thumb",
      description = "news: the article's cover, a JPG file (at most 64 KB) or its URL")
  private String thumb;

  @Option(names = "--news-content", description = "news: the article (HTML, or @FILE)")
  private String content;

  @Option(
      names = "--news-via",
      description = "news: uploadnews (default) or draft, for accounts held to drafts")
  private String via;

  /** No flags yet: picocli sets them (a mixin of {@code wxrelay send mass|preview}). */
  public NewsFlags() {}

  public NewsFlags(String title, String thumb, String content, String via) {
    this.title = title;
    this.thumb = thumb;
    this.content = content;
    this.via = via;
  }

  /** Whether none of the flags was given. */
  public boolean absent() {
    return title == null && thumb == null && content == null && via == null;
  }

  /** The broadcast's message: news of one article, its thumbnail inline or by URL. */
  MassMessage message(String kind) {
    return MassMessage.mpnews(List.of(article(kind)), via);
  }

  /** The one article the flags describe, its thumbnail inline or by URL. */
  InlineArticle article(String kind) {
    if (title == null || thumb == null || content == null) {
      throw new CliError(kind + " with news needs --news-title, --news-thumb and --news-content");
    }
    String html = content.startsWith("@") ? read(content.substring(1)) : content;
    return new InlineArticle(title, thumbFile(), null, null, null, html, null, null, null);
  }

  /** Whether {@code --news-via} was given (a publish's article always goes via a draft). */
  boolean viaGiven() {
    return via != null;
  }

  private MediaFile thumbFile() {
    if (thumb.startsWith("https://") || thumb.startsWith("http://")) {
      String path = URI.create(thumb).getPath();
      String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
      return new MediaFile(thumb, null, name.isEmpty() ? "thumb.jpg" : name, null);
    }
    Path path = Path.of(thumb);
    try {
      String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(path));
      return new MediaFile(null, base64, path.getFileName().toString(), null);
    } catch (IOException e) {
      throw new CliError("cannot read --news-thumb " + thumb);
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliError("cannot read --news-content @" + file);
    }
  }
}
