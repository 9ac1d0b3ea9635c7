package io.wxrelay.worker.plan;

import io.wxrelay.worker.media.MediaFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one WeChat call sends to {@code cgi-bin/<api>}: a JSON body, a file to upload, or (a read
 * WeChat serves by {@code GET}) query parameters.
 */
public sealed interface Request permits Request.Json, Request.Upload, Request.Query {
  /** The path under {@code cgi-bin/}, e.g. {@code message/custom/send}. */
  String api();

  /**
   * This request with what it takes from earlier steps filled in from {@code made} (step name to
   * what it made).
   *
   * @throws IllegalStateException when a step it needs has not been made: the plan's order is wrong
   */
  Request filledFrom(Map<String, String> made);

  /**
   * A JSON body.
   *
   * @param body the body as WeChat spells it
   * @param fills what the body takes from earlier steps, filled in just before the call
   */
  record Json(String api, ObjectNode body, List<Fill> fills) implements Request {
    public Json {
      fills = List.copyOf(fills);
    }

    /** A body that takes nothing from a step. */
    public Json(String api, ObjectNode body) {
      this(api, body, List.of());
    }

    @Override
    public Json filledFrom(Map<String, String> made) {
      if (fills.isEmpty()) {
        return this;
      }
      ObjectNode filled = body.deepCopy();
      for (Fill fill : fills) {
        String value = made.get(fill.step());
        if (value == null) {
          throw new IllegalStateException(api + " needs step " + fill.step() + ", not done yet");
        }
        JsonPointer pointer = JsonPointer.compile(fill.pointer());
        ((ObjectNode) filled.at(pointer.head())).put(pointer.last().getMatchingProperty(), value);
      }
      return new Json(api, filled);
    }
  }

  /**
   * A file, sent as WeChat's {@code media} form part (media/upload, material/add_material,
   * media/uploadimg). Its bytes are loaded when its call comes ({@link
   * io.wxrelay.worker.media.LoadedFiles}).
   *
   * @param type WeChat's {@code type} query parameter (image, voice, video, thumb); empty for an
   *     API that takes none (media/uploadimg)
   * @param description the {@code description} form field (a permanent video's title and
   *     introduction); empty when there is none to send
   */
  record Upload(String api, Optional<String> type, MediaFile file, ObjectNode description)
      implements Request {
    @Override
    public Upload filledFrom(Map<String, String> made) {
      return this;
    }
  }

  /**
   * A {@code GET} with query parameters besides the access token (tags/get, user/get): a read, so
   * nothing to fill in.
   *
   * @param params the query parameters, in order
   */
  record Query(String api, Map<String, String> params) implements Request {
    public Query {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public Query filledFrom(Map<String, String> made) {
      return this;
    }
  }
}
