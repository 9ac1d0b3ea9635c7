#!/usr/bin/env bash
# Stops what scripts/up.sh started (a Redis it did not start is left alone).
set -euo pipefail
dir="$(dirname "$0")"
"$dir/kafka.sh" stop
"$dir/redis.sh" stop
