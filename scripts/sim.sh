#!/usr/bin/env bash
# Runs wechat-sim, a local WeChat, in the foreground until Ctrl-C. Every SIM_* variable is listed
# in docs/reference.md (wechat-sim section); e.g.
#   SIM_PORT=8089 SIM_CALLBACK_URL=http://127.0.0.1:8080/wechat/{appid} scripts/sim.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
find_jdk
if [ "${SIM_SKIP_BUILD:-0}" != 1 ]; then
  say "building wechat-sim (quietly) ..."
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl wechat-sim -am package -DskipTests -Dspotless.check.skip=true)
fi
cds_options wechat-sim
exec "$JAVA_HOME/bin/java" "${CDS_OPTS[@]}" ${SIM_JAVA_OPTS:-} \
  -cp "$(module_jar wechat-sim):$ROOT/wechat-sim/target/lib/*" \
  io.wxrelay.sim.SimMain
