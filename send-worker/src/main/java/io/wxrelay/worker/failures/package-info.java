/**
 * What the worker's failures mean for the record at hand: retried, held until someone fixes Redis,
 * or the record's own. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.worker.failures;

import org.jspecify.annotations.NullMarked;
