#!/usr/bin/env bash
# Runs one token-service replica in the foreground until Ctrl-C. Every TOKEN_* variable is listed
# in docs/reference.md (token-service section); at least TOKEN_APPS or WXRELAY_ACCOUNTS_FILE, e.g. against a local wechat-sim:
#   TOKEN_APPS=wx5823bf96d3bd56c7:sim-secret-0123456789abcdef WECHAT_API_BASE=http://127.0.0.1:8089 \
#   REDIS_URL=redis://127.0.0.1:6379 scripts/token-service.sh
# The HTTP API is on only with clients: TOKEN_API_CLIENTS_FILE (one bearer per client, scoped to
# apps) or TOKEN_API_BEARER_FILE (one bearer, every app); bearers live in files, never in the
# environment (TOKEN_API_BEARER is refused). TLS: TOKEN_API_TLS_KEYSTORE (PKCS12) and
# TOKEN_API_TLS_KEYSTORE_PASSWORD_FILE. docs/security.md, "token-service's HTTP API".
set -euo pipefail
if [ -n "${TOKEN_API_BEARER:-}" ]; then
  echo "TOKEN_API_BEARER is no longer accepted: write the bearer to a file (mode 0400) and set" \
    "TOKEN_API_BEARER_FILE to its path, or list clients in TOKEN_API_CLIENTS_FILE" >&2
  exit 2
fi
source "$(dirname "$0")/lib/common.sh"
find_jdk
if [ "${TOKEN_SKIP_BUILD:-0}" != 1 ]; then
  say "building token-service (quietly) ..."
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl token-service -am package -DskipTests -Dspotless.check.skip=true)
fi
cds_options token-service
exec "$JAVA_HOME/bin/java" "${CDS_OPTS[@]}" ${TOKEN_JAVA_OPTS:-} \
  -cp "$(module_jar token-service):$ROOT/token-service/target/lib/*" \
  io.wxrelay.token.TokenServiceMain
