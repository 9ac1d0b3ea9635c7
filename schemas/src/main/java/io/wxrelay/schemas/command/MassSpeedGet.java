package io.wxrelay.schemas.command;

/** {@code wechat.mass.speed.get}: read the broadcast speed. No fields. */
public record MassSpeedGet() implements CommandData {}
