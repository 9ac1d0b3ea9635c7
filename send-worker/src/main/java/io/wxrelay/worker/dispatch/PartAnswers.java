package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.Sends;
import io.wxrelay.worker.plan.Sends.Parts.Merge;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answers of a split list's calls ({@link Sends.Parts}) so far in a run, and the one response
 * they add up to: {@code {"openidCount","calls"}} with the {@code fail_openid_list} of 45171
 * answers (tagging), or the answers' lists joined in order (user info); {@code callsDone} while not
 * every call was answered. Not thread-safe; lives on the record's thread.
 */
final class PartAnswers {
  private final Map<Integer, Map<String, Object>> answered = new TreeMap<>();

  /** Whether WeChat has answered {@code part} in this run: it is not called again. */
  boolean done(ApiCall.Part part) {
    return answered.containsKey(part.index());
  }

  void answered(ApiCall.Part part, Ok ok) {
    answered.put(part.index(), ok.fields());
  }

  /** The response of {@code parts}, from the answers so far. */
  Map<String, Object> response(Sends.Parts parts) {
    Map<String, Object> response = new LinkedHashMap<>();
    switch (parts.merge()) {
      case Merge.Counted counted -> {
        response.put("openidCount", parts.parts().stream().mapToInt(ApiCall.Part::count).sum());
        response.put("calls", parts.parts().size());
        List<Object> failed = joined("fail_openid_list");
        if (!failed.isEmpty()) {
          response.put("fail_openid_list", failed);
        }
      }
      case Merge.Listed listed -> response.put(listed.field(), joined(listed.field()));
    }
    if (answered.size() < parts.parts().size()) {
      response.put("callsDone", answered.size());
    }
    return response;
  }

  /** The arrays under {@code field} of the answers, joined in the order of the calls. */
  private List<Object> joined(String field) {
    List<Object> all = new ArrayList<>();
    for (Map<String, Object> fields : answered.values()) {
      if (fields.get(field) instanceof List<?> list) {
        all.addAll(list);
      }
    }
    return all;
  }
}
