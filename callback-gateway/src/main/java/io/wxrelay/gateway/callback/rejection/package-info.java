/**
 * The callback protocol's refusals: a push the gateway refuses, with its 4xx status and a stable
 * reason. {@code callback.CallbackProcessor} answers them; the steps it runs (signature and AES in
 * {@code crypto}, XML and fields in {@code parse}) throw them. A leaf package, so that those steps
 * can refuse without depending on the processor that depends on them. Nothing here is null unless
 * marked.
 */
@NullMarked
package io.wxrelay.gateway.callback.rejection;

import org.jspecify.annotations.NullMarked;
