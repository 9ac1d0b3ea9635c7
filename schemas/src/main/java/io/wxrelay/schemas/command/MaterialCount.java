package io.wxrelay.schemas.command;

/** {@code wechat.material.count}: how much permanent material the account holds, per kind. */
public record MaterialCount() implements CommandData {}
