#!/usr/bin/env bash
# wechat-sim's own ceiling: requests/s of message/custom/send with no injected latency, load from
# a second process on loopback. Bounded: a few runs of BENCH_SECONDS each; stops what it starts.
# Writes bench/results/sim-custom-send.md.
#
#   bench/sim-ceiling.sh            (BENCH_SECONDS=10, BENCH_CONCURRENCY="16 64 256"; needs wrk, installed with apt-get when root)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
SECONDS_EACH="${BENCH_SECONDS:-10}"
CONCURRENCY="${BENCH_CONCURRENCY:-16 64 256}"
PORT="${BENCH_SIM_PORT:-18090}"
OUT="$ROOT/bench/results/sim-custom-send.md"
APPID=wx5823bf96d3bd56c7
SECRET=sim-secret-0123456789abcdef

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "wrk is not installed; installing Debian's wrk with apt-get ..."
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
  else
    die "this benchmark needs wrk (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk)"
  fi
fi
(cd "$ROOT" && ./mvnw -q -B -ntp -pl wechat-sim -am package -DskipTests -Dspotless.check.skip=true)
SIM_SKIP_BUILD=1 SIM_PORT="$PORT" SIM_MESSAGE_WINDOW_QUOTA=1000000000 SIM_FOLLOWERS=1000 LOG_LEVEL=warn \
  SIM_JAVA_OPTS="-Xmx1g" "$ROOT/scripts/sim.sh" >"$RUN_DIR/bench-sim.log" 2>&1 &
SIM_PID=$!
trap 'kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true' EXIT
mkdir -p "$RUN_DIR"
for _ in $(seq 1 100); do port_open 127.0.0.1 "$PORT" && break; sleep 0.2; done
port_open 127.0.0.1 "$PORT" || die "wechat-sim did not start; see $RUN_DIR/bench-sim.log"

base="http://127.0.0.1:$PORT"
token=$(curl -s "$base/cgi-bin/token?grant_type=client_credential&appid=$APPID&secret=$SECRET" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
user=$(curl -s "$base/sim/apps/$APPID/users?limit=1" | sed -E 's/.*\["([^"]+)".*/\1/')
curl -s -X POST "$base/sim/apps/$APPID/users/$user/text" -d '{"content":"hi"}' >/dev/null # opens the window
export BENCH_BODY="{\"touser\":\"$user\",\"msgtype\":\"text\",\"text\":{\"content\":\"benchmark\"}}"
url="$base/cgi-bin/message/custom/send?access_token=$token"
wrk -t1 -c64 -d3s -s "$ROOT/bench/custom-send.lua" "$url" >/dev/null # warm-up

{
  echo "# wechat-sim ceiling: message/custom/send, no injected latency"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)."
  echo "Simulator (-Xmx1g) and load generator (wrk, one thread, keep-alive connections) share the"
  echo "machine; ${SECONDS_EACH}s per row after a 3s warm-up; ok = HTTP 200 with errcode 0 (each one"
  echo "a delivery recorded in the simulator's truth). Command: bench/sim-ceiling.sh"
  echo
  echo "| concurrency | requests | ok | requests/s | p50 ms | p99 ms | max ms |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
} >"$OUT"
for c in $CONCURRENCY; do
  line=$(wrk -t1 -c"$c" -d"${SECONDS_EACH}s" -s "$ROOT/bench/custom-send.lua" "$url" | grep '^RESULT')
  IFS=$'\t' read -r _ req ok rps p50 p99 max <<<"$line"
  echo "| $c | $req | $ok | $rps | $p50 | $p99 | $max |" >>"$OUT"
done
cat "$OUT"
