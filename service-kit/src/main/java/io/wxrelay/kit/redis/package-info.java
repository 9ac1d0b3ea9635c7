/**
 * Redis clients as every service makes them, a pipeline that batches many threads' requests, and
 * what their failures mean. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.kit.redis;

import org.jspecify.annotations.NullMarked;
