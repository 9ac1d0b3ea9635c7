package io.wxrelay.system.deploy;

import java.util.List;

/** One rule over a rendering; each problem is one message naming where it lies. */
interface Check {
  List<String> problems(ManifestSet set);
}
