/** WeChat's callback protocol, without HTTP plumbing. Nothing here is null unless marked. */
@NullMarked
package io.wxrelay.gateway.callback;

import org.jspecify.annotations.NullMarked;
