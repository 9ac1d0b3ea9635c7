package io.wxrelay.schemas.outcome;

/**
 * {@code wechat.mass.finished}: WeChat's MASSSENDJOBFINISH matched to the command (and chunk) that
 * caused it, keyed by the command id.
 *
 * @param status WeChat's Status as pushed ({@code send success}, {@code send fail}, {@code err(n)})
 * @param eventId id of the {@code wechat.event.masssendjobfinish} event
 */
public record MassFinished(
    String commandId,
    Integer chunkIndex,
    long msgId,
    String status,
    boolean succeeded,
    long totalCount,
    long filterCount,
    long sentCount,
    long errorCount,
    String eventId) {}
