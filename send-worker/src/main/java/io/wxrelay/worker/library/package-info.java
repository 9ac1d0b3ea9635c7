/**
 * The account's permanent material library against WeChat's caps (docs/wechat-api.md §14): the
 * configured caps ({@link io.wxrelay.worker.library.MaterialCaps}) and what a count answer says
 * about them ({@link io.wxrelay.worker.library.MaterialLibrary}), in results and gauges.
 */
@NullMarked
package io.wxrelay.worker.library;

import org.jspecify.annotations.NullMarked;
