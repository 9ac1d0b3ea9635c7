#!/usr/bin/env bash
# Every test of wxrelay against real infrastructure: starts (or reuses) Kafka and Redis, then runs
# unit tests (Surefire), integration tests (*IT, Failsafe), the enforcer, ArchUnit and the format
# check through ./mvnw -B verify -Pimages (the images profile builds every service's image, which
# ImagesIT opens and starts). Extra arguments go to Maven.
#
#   scripts/test.sh [maven args...]
#
# Installs Prometheus (Debian's package, for promtool and RelayIT) when it is missing.
# Uses KAFKA_BOOTSTRAP_SERVERS / REDIS_URL when set; otherwise starts them with scripts/kafka.sh
# and scripts/redis.sh, and stops what it started when it ends (WXRELAY_KEEP_INFRA=1 keeps them).
# KAFKA_BROKERS=3 runs every test on a local three-node cluster, topics replicated three times (the
# cluster fault scenarios start a cluster of their own either way).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/prometheus.sh"
find_jdk
ensure_prometheus # promtool checks the alert rules; RelayIT runs the real Prometheus
say "JDK: $JAVA_HOME"

started=()
cleanup() {
  [ "${WXRELAY_KEEP_INFRA:-0}" = 1 ] && return 0
  for service in "${started[@]}"; do "$ROOT/scripts/$service.sh" stop >/dev/null || true; done
}
trap cleanup EXIT

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  "$ROOT/scripts/kafka.sh" status >/dev/null 2>&1 || started+=(kafka)
  "$ROOT/scripts/kafka.sh" start
  KAFKA_BOOTSTRAP_SERVERS="$("$ROOT/scripts/kafka.sh" bootstrap)"; export KAFKA_BOOTSTRAP_SERVERS
  # A local cluster (KAFKA_BROKERS=3) replicates wxrelay's topics three times, min.insync.replicas 2.
  if [ "$(tr ',' '\n' <<<"$KAFKA_BOOTSTRAP_SERVERS" | wc -l)" -ge 3 ]; then
    export KAFKA_REPLICATION_FACTOR="${KAFKA_REPLICATION_FACTOR:-3}"
  fi
fi
if [ -z "${REDIS_URL:-}" ]; then
  out=$("$ROOT/scripts/redis.sh" start); say "$out"
  [[ "$out" == "redis started"* ]] && started+=(redis)
  REDIS_URL="$(cat "$RUN_DIR/redis.url")"; export REDIS_URL
fi
say "Kafka: $KAFKA_BOOTSTRAP_SERVERS   Redis: $(redacted_url "$REDIS_URL")"

status=0
mkdir -p "$RUN_DIR"
output="$RUN_DIR/test-output.log"
since="$RUN_DIR/test-started"; : >"$since"
(cd "$ROOT" && ./mvnw -B -ntp -Pimages verify "$@") 2>&1 | tee "$output" || status=$?

# No password may appear in the test command's own output (Maven's, and each test's captured
# output): not REDIS_URL's, nor any this run's tests set (the secure Kafka's SCRAM passwords, the
# secure Redis' ACL users').
leaks=0 checked=0
leaked() { # $1: where the secret comes from, $2: the secret (at least 8 characters are checked)
  [ "${#2}" -ge 8 ] || return 0
  checked=$((checked + 1))
  if grep -rqF -- "$2" "$output" "$ROOT"/*/target/*-reports/*-output.txt 2>/dev/null; then
    say "error: the password of $1 appears in the test output"; leaks=1
  fi
}
leaked REDIS_URL "$(sed -nE 's#^[a-z]+://[^:@/]*:([^@]+)@.*#\1#p' <<<"$REDIS_URL")"
while IFS= read -r file; do
  case "$file" in
    *.url) leaked "$file" "$(sed -nE 's#^[a-z]+://[^:@/]*:([^@]+)@.*#\1#p' "$file")" ;;
    *) leaked "$file" "$(cat "$file")" ;;
  esac
done < <(find "$ROOT"/*/target -path '*secure-*' \( -name '*.password' -o -name '*.url' \) -newer "$since" 2>/dev/null)
say "Passwords found in this run's output: $([ "$leaks" = 0 ] && echo none || echo SOME), of $checked checked"
[ "$leaks" = 0 ] || status=1

# How many integration tests really ran against the broker and Redis (Failsafe's own reports).
summary=$(cat "$ROOT"/*/target/failsafe-reports/TEST-*.xml 2>/dev/null |
  grep -o '<testsuite [^>]*' |
  sed -E 's/.* tests="([0-9]+)".* errors="([0-9]+)".* skipped="([0-9]+)".* failures="([0-9]+)".*/\1 \2 \3 \4/' |
  awk '{t+=$1; e+=$2; s+=$3; f+=$4} END {printf "%d %d %d %d", t, e, s, f}')
read -r its errs skips fails <<<"${summary:-0 0 0 0}"
say "Integration tests against real Kafka and Redis: $((its - errs - fails - skips)) passed, $((errs + fails)) failed, $skips skipped"
exit "$status"
