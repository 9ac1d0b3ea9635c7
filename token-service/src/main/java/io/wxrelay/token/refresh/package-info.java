/**
 * Keeping each account's token fresh, once for all replicas. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.token.refresh;

import org.jspecify.annotations.NullMarked;
