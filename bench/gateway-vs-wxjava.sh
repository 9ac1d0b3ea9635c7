#!/usr/bin/env bash
# callback-gateway against a conventional WxJava gateway (bench/peers/wxjava-gateway: embedded
# Tomcat, WxJava, Redisson, a blocking acks=all send; docs/decisions/0037-wxjava-peer-gateway.md),
# in the same run: the gateway's bare `success` endpoint, the gateway's signed pushes and the peer's
# signed pushes, each after a warm-up, the same wrk script (bench/gateway-push.lua) and the same
# broker and Redis. CPU per request is the server process's utime+stime (/proc/<pid>/stat) over the
# measured window divided by its requests; the broker's and Redis's likewise, where their PIDs can
# be seen. Afterwards every acknowledged push is looked for on each gateway's topic (records are
# counted by a consumer), so neither is fast because it drops pushes.
# Bounded: three warm-ups of BENCH_WARMUP_SECONDS and three runs of BENCH_SECONDS, loopback only.
# Writes bench/results/gateway-vs-wxjava.md.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
SECONDS_EACH="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP_SECONDS:-20}"
CONNS="${BENCH_CONNS:-64}"
GW_PORT="${BENCH_GATEWAY_PORT:-18080}"
PEER_PORT="${BENCH_PEER_PORT:-18090}"
OUT="$ROOT/bench/results/gateway-vs-wxjava.md"
APPID=wx5823bf96d3bd56c7
TOKEN=benchtoken
GW_TOPIC=bench.vs.wxrelay
PEER_TOPIC=bench.vs.wxjava
PEER="$ROOT/bench/peers/wxjava-gateway"
TICK="$(getconf CLK_TCK)"

command -v wrk >/dev/null || die "needs wrk (apt-get install wrk)"
"$ROOT/scripts/kafka.sh" start >/dev/null
"$ROOT/scripts/redis.sh" start >/dev/null
(cd "$ROOT" && ./mvnw -q -B -ntp -pl callback-gateway -am package -DskipTests -Dspotless.check.skip=true)
(cd "$ROOT" && ./mvnw -q -B -ntp -f bench/peers/wxjava-gateway/pom.xml package)
mkdir -p "$RUN_DIR"
REDIS_URL="$(cat "$RUN_DIR/redis.url")"
PEER_CP="$PEER/target/wxjava-gateway.jar:$PEER/target/lib/*"
SERVER_PID=""
stop_server() { [ -n "$SERVER_PID" ] && { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }; SERVER_PID=""; }
trap stop_server EXIT

KAFKA_PID="$(listener_pid 9092)"
REDIS_PID="$(listener_pid "$(port_of "$REDIS_URL")")"
ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}' || echo ""; }
# µs of CPU per request: ticks before, after, requests.
per_request() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" -v n="$3" -v t="$TICK" 'BEGIN{printf "%.0f", (b - a) * 1e6 / t / n}' || echo "n/a"; }

topic_tool() { "$JAVA_HOME/bin/java" -cp "$PEER_CP" io.wxrelay.bench.wxjava.BenchTopic "$@" 2>>"$RUN_DIR/bench-vs-topics.log"; }

wait_port() { # $1: port, $2: log
  for _ in $(seq 1 150); do port_open 127.0.0.1 "$1" && return 0; sleep 0.2; done
  die "server on port $1 did not start; see $2"
}
start_gateway() {
  stop_server
  env GATEWAY_APPS="$APPID:$TOKEN:plain" GATEWAY_PORT="$GW_PORT" GATEWAY_BARE_ENDPOINT=true GATEWAY_DEDUPE=true \
    ADMIN_PORT=0 WXRELAY_TOPIC_EVENTS="$GW_TOPIC" REDIS_URL="$REDIS_URL" LOG_LEVEL=warn \
    "$JAVA_HOME/bin/java" -Xmx1g \
    -cp "$(module_jar callback-gateway):$ROOT/callback-gateway/target/lib/*" \
    io.wxrelay.gateway.GatewayMain >"$RUN_DIR/bench-vs-gateway.log" 2>&1 &
  SERVER_PID=$!
  wait_port "$GW_PORT" "$RUN_DIR/bench-vs-gateway.log"
}
start_peer() {
  stop_server
  env GATEWAY_APPS="$APPID:$TOKEN" GATEWAY_PORT="$PEER_PORT" WXRELAY_TOPIC_EVENTS="$PEER_TOPIC" \
    REDIS_URL="$REDIS_URL" GATEWAY_DEDUPE_PREFIX="wxjava-peer:seen:" \
    "$JAVA_HOME/bin/java" -Xmx1g -cp "$PEER_CP" io.wxrelay.bench.wxjava.WxJavaGateway \
    >"$RUN_DIR/bench-vs-wxjava.log" 2>&1 &
  SERVER_PID=$!
  wait_port "$PEER_PORT" "$RUN_DIR/bench-vs-wxjava.log"
}

# Signed queries (sha1 of the sorted token, timestamp, nonce), one per request, more than a run sends.
export BENCH_QUERIES="$RUN_DIR/bench-vs-queries.txt"
signed_queries() { "$JAVA_HOME/bin/java" "$ROOT/bench/SignedQueries.java" "$TOKEN" $((20000 * $1)) >"$BENCH_QUERIES"; }
wrk_run() { # $1: seconds, $2: URL; prints wrk's RESULT line (requests, ok, rps, p50, p99, max)
  signed_queries "$1"
  wrk -t1 -c"$CONNS" -d"$1s" -s "$ROOT/bench/gateway-push.lua" "$2" | grep '^RESULT'
}
# Warm-up, then the measured run with the server's, the broker's and Redis's CPU around it.
# Prints: warm-up ok, then RESULT's fields, then µs of CPU per request (server, broker, Redis).
measure() { # $1: URL
  local warm s0 k0 r0 res s1 k1 r1 req
  warm=$(wrk_run "$WARMUP" "$1" | cut -f3)
  signed_queries "$SECONDS_EACH"
  s0=$(ticks "$SERVER_PID"); k0=$(ticks "$KAFKA_PID"); r0=$(ticks "$REDIS_PID")
  res=$(wrk -t1 -c"$CONNS" -d"${SECONDS_EACH}s" -s "$ROOT/bench/gateway-push.lua" "$1" | grep '^RESULT')
  s1=$(ticks "$SERVER_PID"); k1=$(ticks "$KAFKA_PID"); r1=$(ticks "$REDIS_PID")
  req=$(cut -f2 <<<"$res")
  printf '%s\t%s\t%s\t%s\t%s\n' "$warm" "$(cut -f2- <<<"$res")" \
    "$(per_request "$s0" "$s1" "$req")" "$(per_request "$k0" "$k1" "$req")" "$(per_request "$r0" "$r1" "$req")"
}

start_gateway # creates its topic (12 partitions, as wechat.events)
topic_tool create "$PEER_TOPIC" 12
gw_from=$(topic_tool end "$GW_TOPIC")
peer_from=$(topic_tool end "$PEER_TOPIC")
bare=$(measure "http://127.0.0.1:$GW_PORT/bench/success")
gw=$(measure "http://127.0.0.1:$GW_PORT/wechat/$APPID")
start_peer
peer=$(measure "http://127.0.0.1:$PEER_PORT/wechat/$APPID")
stop_server # each producer flushes as it closes; what is on the topics now is what either published
gw_published=$(topic_tool count "$GW_TOPIC" "$gw_from")
peer_published=$(topic_tool count "$PEER_TOPIC" "$peer_from")

# Fields of a measure line: 1 warm-up ok, 2 requests, 3 ok, 4 rps, 5 p50, 6 p99, 7 max, 8 CPU, 9 broker, 10 Redis.
f() { cut -f"$2" <<<"$1"; }
acked() { echo $(($(f "$1" 1) + $(f "$1" 3))); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
sum3() { awk -v a="$(f "$1" 8)" -v b="$(f "$1" 9)" -v c="$(f "$1" 10)" 'BEGIN{ if (b == "n/a" || c == "n/a") print "n/a"; else print a + b + c }'; }
row() { echo "| $1 | $(f "$bare" "$2") | $(f "$gw" "$2") | $(f "$peer" "$2") |"; }
verdict() { if [ "$2" -ge "$1" ]; then echo "all $1 acknowledged pushes are there"; else echo "MISSING $(($1 - $2)) of $1 acknowledged pushes"; fi; }
gw_acked=$(acked "$gw"); peer_acked=$(acked "$peer")
{
  echo "# callback-gateway vs a conventional WxJava gateway, same run"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores shared by the server under test (-Xmx1g), the single-node"
  echo "KRaft broker, Redis and wrk (one thread, $CONNS connections); ${SECONDS_EACH}s measured per column after a"
  echo "${WARMUP}s warm-up of the same endpoint. Each push is a distinct plaintext text message (~400 bytes)"
  echo "with a valid signature (bench/gateway-push.lua), published with acks=all before \`success\`."
  echo "wxrelay: callback-gateway (Netty, 2 event-loop threads, async send, Redis dedupe). WxJava peer:"
  echo "bench/peers/wxjava-gateway (embedded Tomcat 11 with its 200 threads, WxJava checkSignature and"
  echo "fromXml, Redisson setIfAbsent dedupe, KafkaProducer send().get(), Jackson JSON)."
  echo "CPU = utime+stime of the process over the measured window / requests. Command: bench/gateway-vs-wxjava.sh"
  echo
  echo "| | wxrelay bare \`success\` | wxrelay gateway | WxJava peer |"
  echo "|---|---:|---:|---:|"
  row "requests" 2
  row "ok (200 \`success\`)" 3
  row "requests/s" 4
  row "p50 ms" 5
  row "p99 ms" 6
  row "max ms" 7
  row "server CPU µs/request" 8
  row "broker CPU µs/request" 9
  row "Redis CPU µs/request" 10
  echo "| server+broker+Redis CPU µs/request | $(sum3 "$bare") | $(sum3 "$gw") | $(sum3 "$peer") |"
  echo "| pushes acknowledged (warm-up + run) | – | $gw_acked | $peer_acked |"
  echo "| records on its topic afterwards | – | $gw_published | $peer_published |"
  echo
  echo "- throughput, wxrelay / WxJava: **$(ratio "$(f "$gw" 4)" "$(f "$peer" 4)")×**"
  echo "- server CPU per push, WxJava / wxrelay: **$(ratio "$(f "$peer" 8)" "$(f "$gw" 8)")×**;" \
    "server+broker+Redis: $(ratio "$(sum3 "$peer")" "$(sum3 "$gw")")×"
  echo "- wxrelay push CPU / its bare endpoint's CPU per request: $(ratio "$(f "$gw" 8)" "$(f "$bare" 8)")×"
  echo "- wxrelay's topic: $(verdict "$gw_acked" "$gw_published"); the peer's: $(verdict "$peer_acked" "$peer_published")"
  echo "  (a topic may hold a few more: pushes in flight when wrk stopped were published but not counted as answered)"
} >"$OUT"
cat "$OUT"
