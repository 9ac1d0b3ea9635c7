package io.wxrelay.worker.library;

import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.plan.ApiCall;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What WeChat's count of an account's permanent material (material/get_materialcount) says against
 * the caps: the result's {@code library} of an upload (the kind it made, its count and cap), the
 * count command's {@code libraries} (each kind), and the gauges {@code
 * wxrelay_worker_material_count} and {@code wxrelay_worker_material_cap}. Thread-safe.
 */
public final class MaterialLibrary {
  /** The count of the account's permanent material, a read (GET). */
  public static final String COUNT_API = "material/get_materialcount";

  /** The upload that makes permanent material. */
  static final String ADD_API = "material/add_material";

  /** The delete of permanent material. */
  static final String DELETE_API = "material/del_material";

  private final MaterialCaps caps;
  private final WorkerMeters.Recorder meters;

  public MaterialLibrary(MaterialCaps caps, WorkerMeters.Recorder meters) {
    this.caps = caps;
    this.meters = meters;
  }

  /**
   * The kind of permanent material {@code plan} makes (image, voice, video; a thumb counts as an
   * image, as WeChat counts it): empty when it makes none.
   */
  public static Optional<String> madeKind(CallPlan plan) {
    for (ApiCall call : plan.calls()) {
      if (call.request() instanceof Request.Upload upload && upload.api().equals(ADD_API)) {
        return upload.type().map(type -> type.equals("thumb") ? "image" : type);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code plan} is the delete command, after which the library is counted again. */
  public static boolean isDelete(CallPlan plan) {
    return plan.calls().size() == 1 && plan.calls().getFirst().api().equals(DELETE_API);
  }

  /** Whether {@code plan} is the count command, whose answer is the count. */
  public static boolean isCount(CallPlan plan) {
    return plan.calls().size() == 1 && plan.calls().getFirst().api().equals(COUNT_API);
  }

  /**
   * Each kind's count in {@code answer} (get_materialcount's fields) against its cap, in WeChat's
   * order of kinds; the gauges of {@code appid} take them.
   */
  public List<Map<String, Object>> counted(String appid, Map<String, Object> answer) {
    List<Map<String, Object>> libraries = new ArrayList<>();
    for (String kind : MaterialCaps.KINDS) {
      count(answer, kind).ifPresent(count -> libraries.add(entry(appid, kind, count)));
    }
    return libraries;
  }

  /**
   * {@code kind}'s count in {@code answer} against its cap ({@code {"kind","count","cap"}}); the
   * gauges of {@code appid} take every kind of the answer. Empty when the answer has no count of
   * {@code kind}.
   */
  public Optional<Map<String, Object>> library(
      String appid, String kind, Map<String, Object> answer) {
    List<Map<String, Object>> all = counted(appid, answer);
    return all.stream().filter(entry -> kind.equals(entry.get("kind"))).findFirst();
  }

  private Map<String, Object> entry(String appid, String kind, long count) {
    int cap = caps.of(kind);
    meters.material(appid, kind, count, cap);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("kind", kind);
    entry.put("count", count);
    entry.put("cap", cap);
    return entry;
  }

  private static Optional<Long> count(Map<String, Object> answer, String kind) {
    return answer.get(kind + "_count") instanceof Number n
        ? Optional.of(n.longValue())
        : Optional.empty();
  }
}
