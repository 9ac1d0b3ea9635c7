package io.wxrelay.worker.wechat;

import io.wxrelay.worker.media.LoadedFiles;
import io.wxrelay.worker.plan.Request;

/** WeChat's API as the worker sees it: one call, one classified outcome. */
@FunctionalInterface
public interface WeChat {
  /**
   * Sends {@code request} with {@code accessToken}; never throws for WeChat's or the network's
   * sake. An upload's file is taken from {@code files}, where it was loaded before the call.
   */
  CallOutcome call(Request request, LoadedFiles files, String accessToken)
      throws InterruptedException;
}
