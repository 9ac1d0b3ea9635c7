package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The flags of a news broadcast of one article written inline ({@code --news-title}, {@code
 * --news-thumb}, {@code --news-content}, {@code --news-via}): the worker uploads its thumbnail and
 * the news, then broadcasts it. The thumbnail is a local file (sent inline, base64) or an http(s)
 * URL the worker fetches; the content is HTML, or {@code @FILE} to read it from a file.
 */
public record NewsFlags(String title, String thumb, String content, String via) {

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
