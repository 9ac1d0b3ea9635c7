#!/usr/bin/env bash
# token-service's client: p50/p99 of current() from its cache and of a fresh Redis read, and the
# upstream fetch count of a reportInvalid storm. Bounded (fixed call counts), loopback only.
# Writes bench/results/token-client.md.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
source "$(dirname "$0")/lib/token-service-bench.sh"
token_service_bench io.wxrelay.token.TokenClientBenchmark token-client
