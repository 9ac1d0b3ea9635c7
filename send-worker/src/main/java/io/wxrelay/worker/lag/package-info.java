/**
 * Consumer-group lag read from the brokers: for each partition of the worker's groups, the records
 * not yet finished and the age of the oldest, from committed offsets, log ends and record
 * timestamps. It shares nothing with the worker's consumers, so it reports the same whether they
 * run, are paused, rebalance or are dead. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.worker.lag;

import org.jspecify.annotations.NullMarked;
