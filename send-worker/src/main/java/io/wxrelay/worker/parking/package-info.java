/**
 * The parking protocol: what a command parked on {@code wechat.commands.retry} carries in its
 * headers, written by the publisher and read by dispatch. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.worker.parking;

import org.jspecify.annotations.NullMarked;
