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
