/** WeChat's rate limits, shared by every worker. Nothing here is null unless marked. */
@NullMarked
package io.wxrelay.worker.ratelimit;

import org.jspecify.annotations.NullMarked;
