#!/usr/bin/env bash
# callback-gateway throughput and latency: signed pushes with varying nonces from a second process
# (wrk, loopback), real broker with acks=all, real Redis dedupe; the same server's bare `success`
# endpoint in the same run, for the ratio, and its floor (/bench/publish: HTTP and the acks=all publish of
# the body as it is, nothing else); p50/p99 at half the measured maximum; and the same
# without Redis dedupe (GATEWAY_DEDUPE=false), to show what it costs.
# CPU per request: the gateway JVM's utime+stime (/proc/<pid>/stat) across each row, divided by the
# requests answered, and the push/bare ratio of the two in the same run.
# Bounded: seven runs of BENCH_SECONDS each (and two more for each of BENCH_ROUNDS after the
# first: the bare request and the push alternating, with their median ratio), loopback only. Writes bench/results/gateway-c<connections>.md.
# Its events go to a topic of its own (wechat.events.bench, about 1 GB a run), deleted before and
# after the run.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
SECONDS_EACH="${BENCH_SECONDS:-10}"
CONNS="${BENCH_CONNS:-64}"
ROUNDS="${BENCH_ROUNDS:-1}" # pairs of (bare, push as fast as possible); more than 1 adds a table
PORT="${BENCH_GATEWAY_PORT:-18080}"
OUT="$ROOT/bench/results/gateway-c${CONNS}.md"
APPID=wx5823bf96d3bd56c7
TOKEN=benchtoken

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || die "needs wrk (apt-get install wrk)"
"$ROOT/scripts/kafka.sh" start >/dev/null
"$ROOT/scripts/redis.sh" start >/dev/null
(cd "$ROOT" && ./mvnw -q -B -ntp -pl callback-gateway -am package -DskipTests -Dspotless.check.skip=true)
mkdir -p "$RUN_DIR"
GW_PID=""
stop_gateway() { [ -n "$GW_PID" ] && { kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; }; GW_PID=""; }
drop_topic() { # a topic left behind grows by about 1 GB a run: say so when it cannot go
  "$ROOT/scripts/kafka.sh" topics --bootstrap-server "$("$ROOT/scripts/kafka.sh" bootstrap)" \
    --delete --if-exists --topic wechat.events.bench >/dev/null 2>&1 ||
    say "warning: could not delete the topic wechat.events.bench; delete it with: scripts/kafka.sh topics --bootstrap-server $("$ROOT/scripts/kafka.sh" bootstrap) --delete --topic wechat.events.bench" >&2
}
trap 'stop_gateway; drop_topic' EXIT
drop_topic

start_gateway() { # $1: GATEWAY_DEDUPE
  stop_gateway
  env ${GATEWAY_BENCH_ENV:-} GATEWAY_APPS="$APPID:$TOKEN:plain" GATEWAY_PORT="$PORT" GATEWAY_BARE_ENDPOINT=true GATEWAY_DEDUPE="$1" \
    ADMIN_PORT=0 WXRELAY_TOPIC_EVENTS=wechat.events.bench REDIS_URL="$(cat "$RUN_DIR/redis.url")" LOG_LEVEL=warn \
    "$JAVA_HOME/bin/java" -Xmx1g ${GATEWAY_JAVA_OPTS:-} \
    -cp "$(ls "$ROOT"/callback-gateway/target/callback-gateway-*.jar):$ROOT/callback-gateway/target/lib/*" \
    io.wxrelay.gateway.GatewayMain >"$RUN_DIR/bench-gateway.log" 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 150); do port_open 127.0.0.1 "$PORT" && break; sleep 0.2; done
  port_open 127.0.0.1 "$PORT" || die "gateway did not start; see $RUN_DIR/bench-gateway.log"
  # Warm-up: the JIT is still compiling the push path (Jackson XML, the validator, Kafka) for
  # about 15 s; measuring earlier shows the compiler, not the gateway.
  signed_queries "${BENCH_WARMUP_SECONDS:-20}"
  wrk -t1 -c"$CONNS" -d"${BENCH_WARMUP_SECONDS:-20}s" -s "$ROOT/bench/gateway-push.lua" "$url" >/dev/null
  # The bare request and the floor have code paths of their own: compiled now, not in their rows.
  for path in success publish; do
    wrk -t1 -c"$CONNS" -d"$(( (${BENCH_WARMUP_SECONDS:-20} + 7) / 4 ))s" -s "$ROOT/bench/gateway-push.lua" \
      "http://127.0.0.1:$PORT/bench/$path" >/dev/null
  done
}

# Signed queries (WeChat's signature: sha1 of the sorted token, timestamp, nonce), fresh timestamps,
# one per request: the gateway takes a signed query string for one body only (a replay with another
# is refused), so each run gets its own, more than it can send (BENCH_QUERIES_PER_SECOND each second).
export BENCH_QUERIES="$RUN_DIR/bench-queries.txt"
signed_queries() { # $1: seconds the run lasts
  "$JAVA_HOME/bin/java" "$ROOT/bench/SignedQueries.java" "$TOKEN" \
    $(( ${BENCH_QUERIES_PER_SECOND:-20000} * $1 )) >"$BENCH_QUERIES"
}
url="http://127.0.0.1:$PORT/wechat/$APPID"
CLK_TCK=$(getconf CLK_TCK)
# The gateway JVM's user+system CPU in clock ticks (fields 14 and 15; the name field may hold spaces).
cpu_ticks() { sed 's/^.*) //' "/proc/$GW_PID/stat" | awk '{print $12 + $13}'; }
# The same per thread, summed by what the thread does: the event loops (with the one that accepts
# connections), Kafka's producer thread, the dedupe store's thread and the JIT compilers (a compiler
# thread that ends during a row takes its ticks along); then the dedupe thread's read calls, one or
# two per Redis round trip (Jedis reads with a timeout: a read that finds nothing yet is retried
# once the socket is readable).
thread_ticks() {
  local loop=0 producer=0 dedupe=0 jit=0 reads=0 task name ticks
  for task in /proc/"$GW_PID"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    ticks=$(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    case "$name" in
      multiThreadIoEv*) loop=$((loop + ticks)) ;;
      kafka-producer-*) producer=$((producer + ticks)) ;;
      "C1 CompilerThre"* | "C2 CompilerThre"*) jit=$((jit + ticks)) ;;
      gateway-dedupe)
        dedupe=$((dedupe + ticks))
        reads=$(awk '/^syscr/ {print $2}' "$task/io" 2>/dev/null || echo 0) ;;
    esac
  done
  echo "$loop $producer $dedupe $jit $reads"
}
# wrk's RESULT fields, then the gateway's CPU µs per request answered; then that of its event
# loops, producer thread, dedupe thread and JIT, and the dedupe thread's reads from Redis per
# request.
run() {
  signed_queries "$SECONDS_EACH"
  local before after threads_before threads_after result requests
  before=$(cpu_ticks)
  threads_before=$(thread_ticks)
  result=$(wrk -t1 -c"$CONNS" -d"${SECONDS_EACH}s" -s "$ROOT/bench/gateway-push.lua" "$1" | grep '^RESULT')
  threads_after=$(thread_ticks)
  after=$(cpu_ticks)
  IFS=$'\t' read -r _ requests _ <<<"$result"
  printf '%s\t%s\t%s\n' "$result" \
    "$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')" \
    "$(awk -v hz="$CLK_TCK" -v n="$requests" -v b="$threads_before" -v a="$threads_after" 'BEGIN {
      split(b, x, " "); split(a, y, " ")
      for (i = 1; i <= 4; i++) printf "%.1f\t", (n > 0 ? (y[i] - x[i]) * 1e6 / hz / n : 0)
      printf "%.2f", (n > 0 ? (y[5] - x[5]) / n : 0) }')"
}

start_gateway true
bare=$(run "http://127.0.0.1:$PORT/bench/success")
floor=$(run "http://127.0.0.1:$PORT/bench/publish")
full=$(run "$url")
IFS=$'\t' read -r _ _ _ full_rps _ _ _ _ <<<"$full"
half=$(( ${full_rps%.*} / 2 ))
paced=$(BENCH_RATE="$half" BENCH_CONNS="$CONNS" run "$url")
floor_paced=$(BENCH_RATE="$half" BENCH_CONNS="$CONNS" run "http://127.0.0.1:$PORT/bench/publish")
# More rounds of the bare request and the push as fast as possible, alternating on the same
# gateway: on a noisy machine one pair's ratio moves by ±10 %; the median of several says more.
rounds=("$bare"$'\n'"$full")
for ((r = 2; r <= ROUNDS; r++)); do
  rounds+=("$(run "http://127.0.0.1:$PORT/bench/success")"$'\n'"$(run "$url")")
done
start_gateway false
nodedupe=$(run "$url")
IFS=$'\t' read -r _ _ _ nodedupe_rps _ _ _ _ <<<"$nodedupe"
nodedupe_half=$(( ${nodedupe_rps%.*} / 2 ))
nodedupe_paced=$(BENCH_RATE="$nodedupe_half" BENCH_CONNS="$CONNS" run "$url")
stop_gateway

row() { IFS=$'\t' read -r _ req ok rps p50 p99 max cpu _ <<<"$2"; echo "| $1 | $req | $ok | $rps | $p50 | $p99 | $max | $cpu |"; }
threads_row() { IFS=$'\t' read -r _ _ _ _ _ _ _ cpu loop producer dedupe jit trips <<<"$2"; echo "| $1 | $cpu | $loop | $producer | $dedupe | $jit | $trips |"; }
cpu_of() { IFS=$'\t' read -r _ _ _ _ _ _ _ cpu _ <<<"$1"; echo "$cpu"; }
ratio() { # CPU per request of row $1 over row $2's (the bare request's by default)
  awk -v a="$(cpu_of "$1")" -v b="$(cpu_of "${2:-$bare}")" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'
}
IFS=$'\t' read -r _ _ _ bare_rps _ _ _ _ <<<"$bare"
{
  echo "# callback-gateway: signed pushes through to Kafka (acks=all) vs the bare endpoint"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores shared by the gateway (-Xmx1g, 2 event-loop threads),"
  echo "the single-node KRaft broker, Redis and wrk (one thread, $CONNS connections); ${SECONDS_EACH}s per row"
  echo "after a ${BENCH_WARMUP_SECONDS:-20}s warm-up of the push path and $(( (${BENCH_WARMUP_SECONDS:-20} + 7) / 4 ))s each of the bare request and the floor."
  echo "Each push is a distinct plaintext text message (~400 bytes) with a valid signature, so each is"
  echo "verified, parsed, validated, deduped and published before \`success\`. ok = HTTP 200 \`success\`."
  echo "Command: $([ "$ROUNDS" -gt 1 ] && printf 'BENCH_ROUNDS=%s ' "$ROUNDS")bench/gateway.sh"
  echo
  echo "| run | requests | ok | requests/s | p50 ms | p99 ms | max ms | gateway CPU µs/request |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  row "bare \`success\` endpoint (same server)" "$bare"
  row "floor: bare + its body published as it is (acks=all), nothing else" "$floor"
  row "callbacks, as fast as possible" "$full"
  row "callbacks paced at half that rate ($half/s)" "$paced"
  row "floor paced at the same rate" "$floor_paced"
  row "callbacks without Redis dedupe, as fast as possible" "$nodedupe"
  row "callbacks without Redis dedupe, paced at half ($nodedupe_half/s)" "$nodedupe_paced"
  echo
  echo "With dedupe, callbacks reach $(( ${full_rps%.*} * 100 / ${bare_rps%.*} ))% of the bare endpoint's throughput;"
  echo "without, $(( ${nodedupe_rps%.*} * 100 / ${bare_rps%.*} ))%."
  echo
  echo "Gateway CPU per push / per bare request (same run): $(ratio "$full")× as fast as possible,"
  echo "$(ratio "$paced")× paced; without Redis dedupe $(ratio "$nodedupe")× and $(ratio "$nodedupe_paced")×."
  echo "The floor (HTTP and the producer's acks=all publish, nothing of the push's own work) is"
  echo "$(ratio "$floor")× the bare request; a push is $(ratio "$full" "$floor")× the floor as fast as possible,"
  echo "$(ratio "$paced" "$floor_paced")× paced (the paced floor is $(ratio "$floor_paced")× the bare request)."
  echo
  echo "Where the CPU goes, µs per request, from /proc/<pid>/task (the rest of the total is GC, the"
  echo "deadline wheel and other threads; a row with much JIT measured the compiler too). Redis reads ="
  echo "the dedupe thread's read calls per request, one or two per round trip:"
  echo
  echo "| run | total | event loops | Kafka producer thread | dedupe thread | JIT compilers | Redis reads |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  threads_row "bare" "$bare"
  threads_row "floor" "$floor"
  threads_row "callbacks, as fast as possible" "$full"
  threads_row "callbacks paced" "$paced"
  threads_row "floor paced" "$floor_paced"
  threads_row "without dedupe, as fast as possible" "$nodedupe"
  threads_row "without dedupe, paced" "$nodedupe_paced"
  if [ "$ROUNDS" -gt 1 ]; then
    echo
    echo "$ROUNDS rounds of the bare request and the push as fast as possible, alternating on the same"
    echo "gateway (round 1 is the rows above), µs per request:"
    echo
    echo "| round | bare | push | push / bare |"
    echo "|---:|---:|---:|---:|"
    ratios=()
    for ((r = 1; r <= ROUNDS; r++)); do
      { IFS= read -r b; IFS= read -r f; } <<<"${rounds[r - 1]}"
      ratios+=("$(ratio "$f" "$b")")
      echo "| $r | $(cpu_of "$b") | $(cpu_of "$f") | ${ratios[-1]}× |"
    done
    echo
    echo "Median push / bare over the $ROUNDS rounds: $(printf '%s\n' "${ratios[@]}" | sort -n |
      awk '{ v[NR] = $1 } END { printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')×."
  fi
} >"$OUT"
cat "$OUT"
