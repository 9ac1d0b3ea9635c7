/**
 * The gateway's spans: {@code receive} (a push, from request to answer), {@code verify} (its
 * signature, decryption and XML) and {@code publish} (onto Kafka, until the broker's ack), whose
 * context the published event carries on. Nothing here is null unless marked.
 */
@NullMarked
package io.wxrelay.gateway.tracing;

import org.jspecify.annotations.NullMarked;
