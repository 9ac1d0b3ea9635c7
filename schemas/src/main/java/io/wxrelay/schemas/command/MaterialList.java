package io.wxrelay.schemas.command;

/**
 * {@code wechat.material.list}: one page of the account's permanent material of {@code type}
 * (image, video, voice or news), {@code count} (1–20) items from {@code offset}.
 */
public record MaterialList(String type, int offset, int count) implements CommandData {}
