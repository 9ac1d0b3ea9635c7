/**
 * The worker's spans: {@code consume} (a command or an event handled, child of its {@code
 * traceparent}), {@code claim}, {@code token}, one per WeChat call, and {@code result}; the parts
 * they wrap know nothing of tracing. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.worker.tracing;

import org.jspecify.annotations.NullMarked;
