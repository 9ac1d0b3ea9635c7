/**
 * Reply rules: what an account answers to a follow, a text or a menu click, read from a file that
 * is picked up again when it changes.
 */
@NullMarked
package io.wxrelay.worker.replies;

import org.jspecify.annotations.NullMarked;
