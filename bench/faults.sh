#!/usr/bin/env bash
# The fault suite (system-tests, io.wxrelay.faults) run larger than the test command runs it:
# FAULTS_SCALE times the load (default 3) and a WeChat outage of FAULTS_OUTAGE seconds (default
# 120). Real broker, Redis, workers and gateways as processes, every fault on loopback and killed
# by PID; each scenario has a deadline. Writes bench/results/faults.md: per scenario, the load, the
# fault and what was counted (acknowledged, on Kafka, lost, duplicates, results by status, the
# slowest answer).
#
#   bench/faults.sh                 (FAULTS_SCALE=3, FAULTS_OUTAGE=120, FAULTS_ONLY=<IT class>)
#
# With FAULTS_ONLY (e.g. 'io.wxrelay.faults.Cluster*IT,io.wxrelay.faults.WorkerFrozenIT'), the rows
# of the scenarios it did not run are kept from the report as it was.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
"$ROOT/scripts/kafka.sh" start
"$ROOT/scripts/redis.sh" start >/dev/null
REDIS_URL="${REDIS_URL:-$(cat "$RUN_DIR/redis.url")}"; export REDIS_URL
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export FAULTS_SCALE="${FAULTS_SCALE:-3}" FAULTS_OUTAGE="${FAULTS_OUTAGE:-120}"
only="${FAULTS_ONLY:-io.wxrelay.faults.*IT}"

rows="$ROOT/system-tests/target/faults"
rm -rf "$rows"
out="$ROOT/bench/results/faults.md"
kept=""
if [ -n "${FAULTS_ONLY:-}" ] && [ -f "$out" ]; then kept="$(grep '^| [0-9]' "$out" || true)"; fi
status=0
(cd "$ROOT" && ./mvnw -q -B -ntp install -DskipTests -Dspotless.check.skip=true \
  && ./mvnw -B -ntp verify -pl system-tests -Dspotless.check.skip=true -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$only" -Dfailsafe.failIfNoSpecifiedTests=false) \
  || status=$?

# A scenario's row: the new one if it ran now, else the one kept from before.
merged_rows() {
  local new; new="$(cat "$rows"/*.md 2>/dev/null || true)"
  {
    [ -n "$new" ] && printf '%s\n' "$new"
    if [ -n "$kept" ]; then
      while IFS= read -r row; do
        local label; label="$(cut -d'|' -f2 <<<"$row")"
        grep -qF -- "|$label|" <<<"$new" || printf '%s\n' "$row"
      done <<<"$kept"
    fi
  } | sort -t'|' -k2,2n
}
{
  echo "# Faults, measured"
  echo
  echo "\`bench/faults.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, FAULTS_SCALE=$FAULTS_SCALE," \
    "FAULTS_OUTAGE=${FAULTS_OUTAGE}s; the test command runs the same scenarios at scale 1 with a" \
    "30 s outage. Acknowledged: pushes answered 200 at the first try (gateway scenarios) or" \
    "commands written (worker scenarios). On Kafka: distinct events on the events topic after" \
    "WeChat's retries (scenario 1), acknowledged pushes found there (scenario 4), or commands with" \
    "a result (worker scenarios). Lost: acknowledged but not on Kafka, or without a result." \
    "Scenarios 9-12 run on a three-node cluster (replication factor 3, min.insync.replicas 2)."
  if [ -n "${FAULTS_ONLY:-}" ]; then
    echo
    echo "This run: FAULTS_ONLY=$FAULTS_ONLY at FAULTS_SCALE=$FAULTS_SCALE; the other rows are kept" \
      "from the report before it (each row's load says its size)."
  fi
  echo
  echo "| scenario | load | fault | acknowledged | on Kafka | lost | duplicates | results by status | max answer |"
  echo "|---|---|---|---:|---:|---:|---:|---|---:|"
  merged_rows
  if [ "$status" != 0 ]; then
    echo
    echo "**The suite failed (exit $status): the failed scenarios have no row.**"
  fi
} > "$out"
say "wrote $out"
exit "$status"
