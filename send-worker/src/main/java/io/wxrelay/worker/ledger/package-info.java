/**
 * Which commands are running and which are done, shared by every worker. Nothing here is null
 * unless marked.
 */
@NullMarked
package io.wxrelay.worker.ledger;

import org.jspecify.annotations.NullMarked;
