package io.wxrelay.worker.wechat;

/** WeChat's API as the worker sees it: one call, one classified outcome. */
@FunctionalInterface
public interface WeChat {
  /**
   * Makes {@code call} with {@code accessToken}; never throws for WeChat's or the network's sake.
   */
  CallOutcome call(ApiCall call, String accessToken) throws InterruptedException;
}
