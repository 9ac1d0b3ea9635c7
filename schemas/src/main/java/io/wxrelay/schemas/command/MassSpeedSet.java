package io.wxrelay.schemas.command;

/** {@code wechat.mass.speed.set}: 0 (fastest, 800k/min) to 4 (slowest, 100k/min). */
public record MassSpeedSet(int speed) implements CommandData {}
