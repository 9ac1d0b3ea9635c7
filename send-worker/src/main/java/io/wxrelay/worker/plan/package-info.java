/**
 * What a command turns into before anything is sent: a {@link io.wxrelay.worker.plan.CallPlan} of
 * typed calls ({@link io.wxrelay.worker.plan.ApiCall}: a step whose answer later calls use, a plain
 * call, a broadcast's chunk, a part of a split list, a page of a walk), each sending a {@link
 * io.wxrelay.worker.plan.Request} (a JSON body, or a file to upload, described here and loaded by
 * {@code worker.media} when its call comes). {@link io.wxrelay.worker.plan.CommandCalls} makes the
 * plan of each command type. Nothing here is null unless marked.
 *
 * <p><b>Adding a WeChat API.</b> Write its command's schema and record in {@code schemas} (a new
 * {@code CommandData} type), then add its entry to {@link
 * io.wxrelay.worker.plan.CommandCalls#plan}: the switch does not compile until it has one. A call
 * with a JSON body is one line, {@code case TagCreate c -> cmd.one(json("tags/create", c),
 * repeatable)}; a file is a {@link io.wxrelay.worker.plan.Request.Upload}; a call that needs what
 * another made first is a plan with {@link io.wxrelay.worker.plan.ApiCall.Step}s and {@link
 * io.wxrelay.worker.plan.Fill}s; a list longer than WeChat takes in one call is {@link
 * io.wxrelay.worker.plan.Sends.Parts} (split with {@code CommandCalls.balanced}, its answers merged
 * as its {@code Merge} says); a read paged by {@code next_openid} is a {@link
 * io.wxrelay.worker.plan.Sends.Walk}. Say {@code repeatable} only when the call repeated after a
 * lost answer has no second effect; a call deduped by WeChat for a while only (a template's {@code
 * client_msg_id}) is {@link io.wxrelay.worker.plan.Repeatability#within} that while. Dispatch
 * ({@code worker.dispatch}) and the HTTP client ({@code worker.wechat}) work from these types alone
 * and need no change (only a new kind of {@code ApiCall} or {@code Sends} needs its case in
 * dispatch's switches); the new API is a rate-limit bucket of its own ({@code
 * worker.ratelimit.RateLimits}) that a deployment may give a limit.
 */
@NullMarked
package io.wxrelay.worker.plan;

import org.jspecify.annotations.NullMarked;
