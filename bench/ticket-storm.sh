#!/usr/bin/env bash
# The JS-SDK ticket storm: 3 processes × 200 callers ask for the jsapi ticket while 3 token-service
# replicas start on an empty Redis, then report it invalid at once; counts getticket calls. Bounded
# (fixed callers, 60 s per process), loopback only, stops by itself.
# Writes bench/results/ticket-storm.md.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
source "$(dirname "$0")/lib/token-service-bench.sh"
token_service_bench io.wxrelay.token.TicketStormBenchmark ticket-storm
