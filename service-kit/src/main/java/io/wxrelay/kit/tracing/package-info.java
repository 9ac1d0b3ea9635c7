/**
 * Traces and the log fields that tie a line to a command: an OpenTelemetry SDK built from the
 * standard {@code OTEL_*} variables (or none at all), W3C trace context read from and written to
 * CloudEvents extension attributes, and the ECS fields every log line about a command or an event
 * carries. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.kit.tracing;

import org.jspecify.annotations.NullMarked;
