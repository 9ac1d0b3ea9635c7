#!/usr/bin/env bash
# Runs one token-service replica in the foreground until Ctrl-C. Every TOKEN_* variable is listed
# in docs/reference.md (token-service section); at least TOKEN_APPS or WXRELAY_ACCOUNTS_FILE, e.g. against a local wechat-sim:
#   TOKEN_APPS=wx5823bf96d3bd56c7:sim-secret-0123456789abcdef WECHAT_API_BASE=http://127.0.0.1:8089 \
#   REDIS_URL=redis://127.0.0.1:6379 scripts/token-service.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
find_jdk
if [ "${TOKEN_SKIP_BUILD:-0}" != 1 ]; then
  say "building token-service (quietly) ..."
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl token-service -am package -DskipTests -Dspotless.check.skip=true)
fi
exec "$JAVA_HOME/bin/java" ${TOKEN_JAVA_OPTS:-} \
  -cp "$(module_jar token-service):$ROOT/token-service/target/lib/*" \
  io.wxrelay.token.TokenServiceMain
