/** What the worker remembers to answer later events. Nothing here is null unless marked. */
@NullMarked
package io.wxrelay.worker.correlation;

import org.jspecify.annotations.NullMarked;
