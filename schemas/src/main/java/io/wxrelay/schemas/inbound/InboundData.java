package io.wxrelay.schemas.inbound;

/**
 * The {@code data} of a record on {@code wechat.events}: what WeChat pushed, normalized. Every push
 * has the same header.
 */
public sealed interface InboundData
    permits TextMessage,
        ImageMessage,
        VoiceMessage,
        VideoMessage,
        LocationMessage,
        LinkMessage,
        OtherMessage,
        SubscribeEvent,
        UnsubscribeEvent,
        ScanEvent,
        LocationEvent,
        ClickEvent,
        ViewEvent,
        TemplateSendJobFinishEvent,
        MassSendJobFinishEvent,
        PublishJobFinishEvent,
        OtherEvent {

  /** The account's original id ({@code gh_...}), WeChat's ToUserName. */
  String toUserName();

  /** The user, WeChat's FromUserName. */
  String openid();

  /** WeChat's CreateTime, Unix seconds. */
  long createTime();
}
