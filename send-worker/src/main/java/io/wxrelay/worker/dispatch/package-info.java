/**
 * Carrying a command out: decode, plan, attempt, retry or park, and end it once. Nothing here is
 * null unless marked.
 */
@NullMarked
package io.wxrelay.worker.dispatch;

import org.jspecify.annotations.NullMarked;
