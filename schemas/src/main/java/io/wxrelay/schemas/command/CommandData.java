package io.wxrelay.schemas.command;

/** The {@code data} of a record on {@code wechat.commands}: one record per command type. */
public sealed interface CommandData
    permits MassSendAll,
        MassSend,
        MassPreview,
        MassDelete,
        MassGet,
        MassSpeedGet,
        MassSpeedSet,
        QrCodeCreate,
        CustomSend,
        MediaUpload {}
