#!/usr/bin/env bash
# The local relay's layout, shared by scripts/up.sh, scripts/down.sh and ./wxrelay. Source it after
# common.sh. Every port moves by WXRELAY_PORT_OFFSET (default 0), so a second relay (a test's) can
# run beside the first.
#   RELAY_DIR   where each process's pid file and log live, and relay.env for the CLI

RELAY_DIR="$RUN_DIR/relay"
OFFSET="${WXRELAY_PORT_OFFSET:-0}"

SIM_PORT_=$((8089 + OFFSET))
GATEWAY_PORT_=$((8080 + OFFSET))
PROMETHEUS_PORT_=$((9090 + OFFSET))

# name | kind | admin port (0: none) | script | extra environment (space-separated NAME=value)
RELAY_SERVICES=(
  "wechat-sim|sim|0|sim.sh|SIM_PORT=$SIM_PORT_"
  "token-1|token-service|$((9101 + OFFSET))|token-service.sh|TOKEN_REPLICA_ID=token-1 TOKEN_API_PORT=$((8081 + OFFSET))"
  "token-2|token-service|$((9111 + OFFSET))|token-service.sh|TOKEN_REPLICA_ID=token-2 TOKEN_API_PORT=$((8082 + OFFSET))"
  "gateway|callback-gateway|$((9102 + OFFSET))|callback-gateway.sh|GATEWAY_PORT=$GATEWAY_PORT_"
  "worker-1|send-worker|$((9103 + OFFSET))|send-worker.sh|WORKER_ID=worker-1"
  "worker-2|send-worker|$((9113 + OFFSET))|send-worker.sh|WORKER_ID=worker-2"
)

# field N (1-based) of a RELAY_SERVICES entry
svc_field() { printf '%s' "$1" | cut -d'|' -f"$2"; }

# WXRELAY_SECURE=1 (scripts/up.sh): the relay on the SASL_SSL broker and the TLS Redis. This file
# remembers it until scripts/down.sh: NAME=value lines, no secret.
SECURE_FILE="$RELAY_DIR/secure"
secure_field() { sed -n "s/^$1=//p" "$SECURE_FILE"; }

# Node 1's folder of the scripts/kafka.sh broker (or cluster) whose bootstrap servers are $1.
kafka_node_dir() {
  local first="${1%%,*}" prefix=kafka-
  [ "$(tr ',' '\n' <<<"$1" | wc -l)" -lt 3 ] || prefix=kafka-cluster-
  printf '%s' "$RUN_DIR/$prefix${first##*:}"
}

# Deletes the relay's keys (the default prefixes, which the ACLs name) from the secure Redis in
# folder $1 on port $2, as its admin user: the password goes by REDISCLI_AUTH, not a command line.
clear_secure_keys() { # dir port
  command -v redis-cli >/dev/null || return 0
  local -x REDISCLI_AUTH
  REDISCLI_AUTH="$(sed -n 's|^rediss://[^:]*:\([^@]*\)@.*|\1|p' "$1/users/admin.url")"
  local cli=(redis-cli --tls --cacert "$1/tls/ca.crt" -h 127.0.0.1 -p "$2" --user admin --no-auth-warning)
  local pattern
  for pattern in 'wxrelay:token:*' 'wxrelay:worker:*' 'wxrelay:gateway:*'; do
    "${cli[@]}" --scan --pattern "$pattern" | xargs -r -n 500 "${cli[@]}" del >/dev/null
  done
}
