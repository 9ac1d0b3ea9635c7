#!/usr/bin/env bash
# Runs one callback-gateway replica in the foreground until Ctrl-C. Every GATEWAY_* variable is in
# docs/reference.md (callback-gateway section); at least GATEWAY_APPS or WXRELAY_ACCOUNTS_FILE, e.g.
#   GATEWAY_APPS=wx5823bf96d3bd56c7:wxrelay:plain KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
#   REDIS_URL=redis://127.0.0.1:6379 scripts/callback-gateway.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
find_jdk
if [ "${GATEWAY_SKIP_BUILD:-0}" != 1 ]; then
  say "building callback-gateway (quietly) ..."
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl callback-gateway -am package -DskipTests -Dspotless.check.skip=true)
fi
cds_options callback-gateway
exec "$JAVA_HOME/bin/java" "${CDS_OPTS[@]}" ${GATEWAY_JAVA_OPTS:-} \
  -cp "$(module_jar callback-gateway):$ROOT/callback-gateway/target/lib/*" \
  io.wxrelay.gateway.GatewayMain
