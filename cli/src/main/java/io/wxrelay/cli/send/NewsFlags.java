package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The flags of a news broadcast of one article written inline ({@code --news-title}, {@code
 * --news-thumb}, {@code --news-content}, {@code --news-via}): the worker uploads its thumbnail and
 * the news, then broadcasts it. The thumbnail is a local file (sent inline, base64) or an http(s)
 * URL the worker fetches; the content is HTML, or {@code @FILE} to read it from a file.
 */
public final class NewsFlags {
  @Option(names = "--news-title", description = "mass, preview: news of one article, its title")
  private String title;

  @Option(
      names = "--news-thumb",
      description = "mass, preview: the article's cover, a JPG file (at most 64 KB) or its URL")
  private String thumb;

  @Option(names = "--news-content", description = "mass, preview: the article (HTML, or @FILE)")
  private String content;

  @Option(
      names = "--news-via",
      description = "mass, preview: uploadnews (default) or draft, for accounts held to drafts")
  private String via;

  /** No flags yet: picocli sets them (a mixin of {@code wxrelay send}). */
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

  /** The broadcast's {@code mpnews}: one article with its thumbnail inline or by URL. */
  ObjectNode mpnews(String kind) {
    if (title == null || thumb == null || content == null) {
      throw new CliError(
          "send " + kind + " with news needs --news-title, --news-thumb and --news-content");
    }
    ObjectNode mpnews = JsonNodeFactory.instance.objectNode();
    ObjectNode article = mpnews.putArray("articles").addObject();
    article.put("title", title);
    article.set("thumb", thumbFile());
    article.put("content", content.startsWith("@") ? read(content.substring(1)) : content);
    if (via != null) {
      mpnews.put("via", via);
    }
    return mpnews;
  }

  private ObjectNode thumbFile() {
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    if (thumb.startsWith("https://") || thumb.startsWith("http://")) {
      String path = URI.create(thumb).getPath();
      String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
      file.put("url", thumb);
      file.put("filename", name.isEmpty() ? "thumb.jpg" : name);
      return file;
    }
    Path path = Path.of(thumb);
    try {
      file.put("base64", Base64.getEncoder().encodeToString(Files.readAllBytes(path)));
    } catch (IOException e) {
      throw new CliError("cannot read --news-thumb " + thumb);
    }
    file.put("filename", path.getFileName().toString());
    return file;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliError("cannot read --news-content @" + file);
    }
  }
}
