#!/usr/bin/env bash
# Stops what scripts/up.sh started, by the PIDs it wrote: the services, Prometheus, and Kafka and
# Redis if up.sh started them (a Kafka or Redis that was already running is left alone). A relay
# started with WXRELAY_SECURE=1 (.run/relay/secure) needs no variable: its secure broker and Redis
# are stopped the same way, and its keys deleted as the secure Redis' admin.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/relay.sh"

# SIGTERM (services drain and commit), then SIGKILL after 20 s.
stop_pid_file() { # name
  local pid_file="$RELAY_DIR/$1.pid" pid
  if ! pid_alive "$pid_file"; then rm -f "$pid_file"; return 0; fi
  pid="$(cat "$pid_file")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; say "  $1 killed (pid $pid)"
  else say "  $1 stopped (pid $pid)"; fi
  rm -f "$pid_file"
}

names=(prometheus)
for entry in "${RELAY_SERVICES[@]}"; do names+=("$(svc_field "$entry" 1)"); done
# The workers first (they drain), the simulator last among the services.
for ((i = ${#names[@]} - 1; i >= 0; i--)); do stop_pid_file "${names[$i]}" & done
wait

# A simulated relay's Redis keys (scripts/up.sh gave them a namespace of their own) go with it.
if [ -s "$RELAY_DIR/namespace" ] && [ -f "$RELAY_DIR/relay.env" ] && command -v redis-cli >/dev/null; then
  ns="$(cat "$RELAY_DIR/namespace")"
  url="$(sed -n 's/^REDIS_URL=//p' "$RELAY_DIR/relay.env")"
  redis-cli -u "$url" --scan --pattern "${ns}*" 2>/dev/null | xargs -r -n 500 redis-cli -u "$url" del >/dev/null 2>&1 || true
  rm -f "$RELAY_DIR/namespace"
fi

# WXRELAY_SECURE=1: the same for the default prefixes (the ACLs name them), as the secure Redis' admin.
if [ -f "$SECURE_FILE" ] && [ "$(secure_field SIMULATED)" = 1 ] &&
  [ -f "$(secure_field REDIS_SECURE_DIR)/users/admin.url" ]; then
  clear_secure_keys "$(secure_field REDIS_SECURE_DIR)" "$(secure_field REDIS_SECURE_PORT)" 2>/dev/null || true
fi

if [ -f "$RELAY_DIR/started" ]; then
  grep -qx redis "$RELAY_DIR/started" && "$ROOT/scripts/redis.sh" stop
  grep -qx kafka "$RELAY_DIR/started" && "$ROOT/scripts/kafka.sh" stop
  if grep -qx secure-redis "$RELAY_DIR/started"; then
    REDIS_SECURE_PORT="$(secure_field REDIS_SECURE_PORT)" REDIS_SECURE_DIR="$(secure_field REDIS_SECURE_DIR)" \
      "$ROOT/scripts/redis.sh" stop-secure
  fi
  if grep -qx secure-kafka "$RELAY_DIR/started"; then
    KAFKA_SECURITY=sasl_ssl KAFKA_PORT="$(secure_field KAFKA_PORT)" KAFKA_PORTS="" "$ROOT/scripts/kafka.sh" stop
  fi
  rm -f "$RELAY_DIR/started" "$RELAY_DIR/relay.env"
fi
rm -f "$SECURE_FILE"
say "wxrelay is down."
