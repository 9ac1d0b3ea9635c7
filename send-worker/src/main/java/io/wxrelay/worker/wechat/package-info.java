/**
 * WeChat's HTTP API as the worker calls it: one request of a plan ({@code worker.plan}) sent with
 * an access token ({@link io.wxrelay.worker.wechat.WeChatApi}, behind the {@link
 * io.wxrelay.worker.wechat.WeChat} interface), and its answer classified into a {@link
 * io.wxrelay.worker.wechat.CallOutcome} that alone decides what dispatch does next ({@link
 * io.wxrelay.worker.wechat.Classifier}). Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.worker.wechat;

import org.jspecify.annotations.NullMarked;
