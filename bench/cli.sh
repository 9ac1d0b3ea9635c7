#!/usr/bin/env bash
# The CLI's start-up (decision 0035): wall time from process start to exit of ./wxrelay --help,
# ./wxrelay accounts and ./wxrelay send custom --to oBench --text ... --wait, each with its start-up
# cache and without it (WXRELAY_CLI_CACHE=off: the cold, "before"-like row), and beside them, in the
# same rounds, the Node.js peer bench/node-cli/send-wait.js (kafkajs + the cloudevents SDK) writing
# the same command and waiting for its result. Loopback only: the broker and Redis (scripts/kafka.sh,
# scripts/redis.sh, started if not running), and a simulator, one token-service and one send-worker
# of its own, on topics, a consumer group and Redis keys of its own, all stopped (by PID) and
# deleted at the end. Bounded: BENCH_RUNS rounds, each command at most 60 s. Writes
# bench/results/cli.md.
#
#   bench/cli.sh                 (BENCH_RUNS=7, BENCH_PORT_BASE=18000, BENCH_SKIP_BUILD=1 to use
#                                 the jars already built; BENCH_BEFORE_DIR=<a built checkout of an
#                                 earlier commit> adds its ./wxrelay's rows, labelled
#                                 BENCH_BEFORE_LABEL, default "before")
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
RUNS="${BENCH_RUNS:-7}"
BASE="${BENCH_PORT_BASE:-18000}"
SIM_PORT=$((BASE + 89)) TOKEN_ADMIN=$((BASE + 101)) WORKER_ADMIN=$((BASE + 103))
OUT="$ROOT/bench/results/cli.md"
WORK="$RUN_DIR/bench-cli"
mkdir -p "$WORK"
command -v node >/dev/null || die "node is not on the PATH (the Node.js peer needs it)"
command -v curl >/dev/null || die "curl is not on the PATH"

"$ROOT/scripts/kafka.sh" start >/dev/null
"$ROOT/scripts/redis.sh" start >/dev/null
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-$("$ROOT/scripts/kafka.sh" bootstrap)}"
REDIS_URL="$(cat "$RUN_DIR/redis.url")"; export REDIS_URL
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl wechat-sim,token-service,send-worker,cli -am package \
    -DskipTests -Dspotless.check.skip=true)
fi
if [ ! -d "$ROOT/bench/node-cli/node_modules" ]; then
  (cd "$ROOT/bench/node-cli" && npm ci --no-audit --no-fund --silent)
fi

# --- the relay's part that answers a custom message: its own names, stopped at the end ----------
APPID=wx5823bf96d3bd56c7
NS="bench-cli:$$:"
export WXRELAY_TOPIC_COMMANDS=bench-cli.commands WXRELAY_TOPIC_RESULTS=bench-cli.results
export WXRELAY_TOPIC_EVENTS=bench-cli.events WXRELAY_TOPIC_COMMANDS_RETRY=bench-cli.commands.retry
export WXRELAY_TOPIC_COMMANDS_DLQ=bench-cli.commands.dlq
export WXRELAY_ACCOUNTS_FILE="$WORK/accounts.yml"
cat >"$WXRELAY_ACCOUNTS_FILE" <<YAML
accounts:
  - appid: $APPID
    name: bench (simulated)
    secret: sim-secret-0123456789abcdef
    tokenEndpoint: stable
    mode: plain
YAML
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if command -v redis-cli >/dev/null; then
    redis-cli -u "$REDIS_URL" --scan --pattern "${NS}*" 2>/dev/null |
      xargs -r -n 500 redis-cli -u "$REDIS_URL" del >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
service() { # name script VAR=value...
  local name=$1 script=$2
  shift 2
  env "$@" setsid "$ROOT/scripts/$script" >"$WORK/$name.log" 2>&1 </dev/null &
  PIDS+=($!)
}
JAVA_OPTS="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
LOG_LEVEL=warn "$JAVA_HOME/bin/java" -cp "$ROOT/send-worker/target/lib/*" \
  io.wxrelay.kit.kafka.CreateTopics >/dev/null
service sim sim.sh SIM_SKIP_BUILD=1 SIM_JAVA_OPTS="$JAVA_OPTS" SIM_PORT="$SIM_PORT" \
  SIM_APPS="$APPID:sim-secret-0123456789abcdef" SIM_OPENIDS=oBench SIM_FOLLOWERS=10 \
  SIM_MESSAGE_WINDOW_QUOTA=100000 SIM_EVENT_WINDOW=24h SIM_EVENT_WINDOW_QUOTA=100000
service token token-service.sh TOKEN_SKIP_BUILD=1 TOKEN_JAVA_OPTS="$JAVA_OPTS" \
  WECHAT_API_BASE="http://127.0.0.1:$SIM_PORT" TOKEN_REDIS_PREFIX="${NS}token:" \
  ADMIN_PORT="$TOKEN_ADMIN" TOKEN_REPLICA_ID=bench-token TOKEN_API_PORT=$((BASE + 81))
service worker send-worker.sh WORKER_SKIP_BUILD=1 WORKER_JAVA_OPTS="$JAVA_OPTS" \
  WECHAT_API_BASE="http://127.0.0.1:$SIM_PORT" TOKEN_REDIS_PREFIX="${NS}token:" \
  WORKER_REDIS_PREFIX="${NS}worker:" ADMIN_PORT="$WORKER_ADMIN" WORKER_ID=bench-worker \
  WORKER_GROUP_ID=bench-cli-worker WORKER_EVENTS_GROUP_ID=bench-cli-worker-events
deadline=$(($(date +%s) + 180))
for url in "http://127.0.0.1:$SIM_PORT/sim/apps" "http://127.0.0.1:$TOKEN_ADMIN/health/ready" \
  "http://127.0.0.1:$WORKER_ADMIN/health/ready"; do
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || die "not ready within 180 s: $url (logs in $WORK)"
    sleep 1
  done
done
# oBench follows: a window for customer-service messages (the simulator's quota raised above).
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$SIM_PORT/sim/apps/$APPID/users/oBench/follow"

# --- the rows ------------------------------------------------------------------------------------
declare -A TIMES
export APPID BENCH_BEFORE_DIR="${BENCH_BEFORE_DIR:-}"
row_cmd() { # row -> runs it once, in the checkout
  local send=(send custom --to oBench --text bench --wait --timeout 30s)
  case "$1" in
    help) ./wxrelay --help ;;
    help-cold) WXRELAY_CLI_CACHE=off ./wxrelay --help ;;
    accounts) ./wxrelay accounts ;;
    accounts-cold) WXRELAY_CLI_CACHE=off ./wxrelay accounts ;;
    send) ./wxrelay "${send[@]}" ;;
    send-cold) WXRELAY_CLI_CACHE=off ./wxrelay "${send[@]}" ;;
    node) node bench/node-cli/send-wait.js --app "$APPID" --to oBench --text bench ;;
    before-help) "$BENCH_BEFORE_DIR/wxrelay" --help ;;
    before-accounts) "$BENCH_BEFORE_DIR/wxrelay" accounts ;;
    before-send) "$BENCH_BEFORE_DIR/wxrelay" "${send[@]}" ;;
  esac
}
export -f row_cmd
ROWS=(help help-cold accounts accounts-cold send send-cold node)
[ -z "$BENCH_BEFORE_DIR" ] || ROWS+=(before-help before-accounts before-send)
once() { # row -> prints milliseconds; the bench fails when the command does
  local t0 t1
  t0=$(date +%s%N)
  if ! (cd "$ROOT" && timeout 60 bash -c 'row_cmd "$1"' _ "$1") >"$WORK/last.out" 2>&1; then
    cat "$WORK/last.out" >&2
    die "$1 failed"
  fi
  t1=$(date +%s%N)
  printf '%d' $(((t1 - t0) / 1000000))
}

# The first ./wxrelay run of a kind (local: --help; full: send) starts making that kind's cache in
# the background (decision 0041): how long until it is there.
cache_dir="${WXRELAY_CLI_CACHE_DIR:-$ROOT/cli/target/startup-cache}"
rm -rf "$cache_dir"
CACHE_NOTE=""
for kind_row in local:help full:send; do
  kind=${kind_row%%:*}
  t0=$(date +%s%N)
  first_ms=$(once "${kind_row#*:}")
  until compgen -G "$cache_dir/cli-$kind-*.aot" >/dev/null || compgen -G "$cache_dir/cli-$kind-*.jsa" >/dev/null; do
    [ $(($(date +%s%N) - t0)) -lt 300000000000 ] || die "no $kind start-up cache in $cache_dir after 300 s"
    sleep 0.2
  done
  cache_ms=$((($(date +%s%N) - t0) / 1000000))
  cache_file="$(compgen -G "$cache_dir/cli-$kind-*.aot" || compgen -G "$cache_dir/cli-$kind-*.jsa")"
  CACHE_NOTE+="${CACHE_NOTE:+; }first \`${kind_row#*:}\` run (no $kind cache yet) ${first_ms} ms, its cache"
  CACHE_NOTE+=" ($(du -h "$cache_file" | cut -f1)) there ${cache_ms} ms after that run started"
done
say "$CACHE_NOTE"
once send >/dev/null; once node >/dev/null # warm the broker, the worker and the token
for round in $(seq 1 "$RUNS"); do
  line=""
  for row in "${ROWS[@]}"; do
    ms=$(once "$row")
    TIMES[$row]+="$ms "
    line+=" $row=$ms"
  done
  say "round $round/$RUNS (ms):$line"
done

stats() { # "ms ms ..." -> min median max
  tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], a[NR]}'
}
label() {
  case "$1" in
    help) echo '`./wxrelay --help`' ;;
    help-cold) echo '`./wxrelay --help`, WXRELAY_CLI_CACHE=off' ;;
    accounts) echo '`./wxrelay accounts`' ;;
    accounts-cold) echo '`./wxrelay accounts`, WXRELAY_CLI_CACHE=off' ;;
    send) echo '`./wxrelay send custom --wait`' ;;
    send-cold) echo '`./wxrelay send custom --wait`, WXRELAY_CLI_CACHE=off' ;;
    node) echo 'Node.js peer `send-wait.js` (kafkajs, cloudevents)' ;;
    before-*) echo "${BENCH_BEFORE_LABEL:-before} (\`\$BENCH_BEFORE_DIR/wxrelay\`): ${1#before-}" ;;
  esac
}
{
  echo "# CLI start-up: ./wxrelay against its Node.js peer"
  echo
  echo "Command: \`bench/cli.sh\` (BENCH_RUNS=$RUNS), $(date -u +%Y-%m-%d), wall time from process start to exit,"
  echo "each row run once per round, the rows back to back in each of $RUNS rounds."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"
  echo "shared with other work: noisy), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), node $(node --version)."
  echo "Broker $KAFKA_BOOTSTRAP_SERVERS, a simulator, one token-service and one send-worker on loopback."
  echo "Start-up caches, made in the background: $CACHE_NOTE."
  echo
  echo "| command | min ms | median ms | max ms |"
  echo "|---|---:|---:|---:|"
  for row in "${ROWS[@]}"; do
    read -r lo med hi <<<"$(stats "${TIMES[$row]}")"
    echo "| $(label "$row") | $lo | $med | $hi |"
  done
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
