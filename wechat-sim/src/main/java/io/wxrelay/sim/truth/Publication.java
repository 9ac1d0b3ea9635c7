package io.wxrelay.sim.truth;

import java.time.Instant;
import java.util.List;

/**
 * A publish task the simulator finished (freepublish/submit, then PUBLISHJOBFINISH).
 *
 * @param publishStatus WeChat's publish_status it ended with (0 success, 2 originality, 4 review)
 * @param articleId the published group's article_id (status 0), or null
 * @param articleUrls the published articles' URLs in order (status 0)
 * @param failIdx 1-based numbers of the articles that failed (status 2 and 4)
 */
public record Publication(
    String appid,
    long publishId,
    String draftMediaId,
    int publishStatus,
    String articleId,
    List<String> articleUrls,
    List<Integer> failIdx,
    Instant at) {

  public Publication {
    articleUrls = List.copyOf(articleUrls);
    failIdx = List.copyOf(failIdx);
  }
}
