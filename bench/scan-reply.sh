#!/usr/bin/env bash
# A QR code's reply under load, through the whole relay: newcomers scan a QR code that carries a
# reply in the simulator, open-loop at fixed rates (scan i at start + i/rate, whatever the answers),
# and each scan is timed by the simulator's own clock, from sending its push to receiving the reply
# by the custom-send API (simulator → callback-gateway → wechat.events → send-worker → WeChat).
# Beside it, in the same run, the bare peer: the same pushes' round trip to the gateway's
# `success`. Loopback only, bounded (fixed counts, 30 s to answer per phase). Writes
# bench/results/scan-reply.md.
#
#   bench/scan-reply.sh
#
# Starts the relay with scripts/up.sh if this checkout's relay is not running, and stops it with
# scripts/down.sh at the end only then. Environment (all optional):
#   SCAN_WARMUP   the warm-up, COUNT@RATE (default 300@50): measured, not in the table
#   SCAN_PHASES   the measured phases, COUNT@RATE each (default "600@50 2400@200")
#   SCAN_RESULTS  where the table goes (default bench/results/scan-reply.md; - for nowhere)
#   SCAN_HOPS=0   no split by hop (default 1: python3 joins the gateway's event times, scan-hops.py)
#   SCAN_RAW      each scan's times, CSV (default .run/scan-reply-raw.csv)
#   SCAN_DRIVER_JAVA_OPTS  the driver's JVM options (default: -Xmx256m, serial GC, C1 only)
#   SCAN_PACER    who paces the scans: sim (default: the simulator, one control request a phase,
#                 POST /sim/apps/<appid>/scans) or driver (one control request per scan from the
#                 benchmark's JVM, as before decision 0052); the simulator takes a phase of at
#                 most 100,000 scans, 5,000/s and 10 minutes
#   and scripts/up.sh's: WXRELAY_PORT_OFFSET, KAFKA_BOOTSTRAP_SERVERS, REDIS_URL, WXRELAY_TOPIC_*,
#   WORKER_*, ... (a relay on a shared broker wants topics and groups of its own: see the result)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
source "$ROOT/scripts/lib/relay.sh"
find_jdk
WARMUP="${SCAN_WARMUP:-300@50}"
PHASES="${SCAN_PHASES:-600@50 2400@200}"
RESULTS="${SCAN_RESULTS:-$ROOT/bench/results/scan-reply.md}"
RUN="$(date +%H%M%S)$((RANDOM % 100))"

mkdir -p "$RUN_DIR"
started_here=0
if pid_alive "$RELAY_DIR/wechat-sim.pid" && [ -f "$RELAY_DIR/relay.env" ]; then
  say "using the relay already running ($RELAY_DIR)"
else
  say "starting the relay (scripts/up.sh, without Prometheus unless WXRELAY_PROMETHEUS=1) ..."
  started_here=1
  WXRELAY_PROMETHEUS="${WXRELAY_PROMETHEUS:-0}" "$ROOT/scripts/up.sh" >"$RUN_DIR/scan-reply-up.log" 2>&1 || {
    tail -n 30 "$RUN_DIR/scan-reply-up.log" >&2
    "$ROOT/scripts/down.sh" >/dev/null 2>&1 || true
    die "scripts/up.sh failed (its output: $RUN_DIR/scan-reply-up.log)"
  }
fi
cleanup() { [ "$started_here" = 1 ] && "$ROOT/scripts/down.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT
SIM_URL="$(sed -n 's/^WXRELAY_SIM_URL=//p' "$RELAY_DIR/relay.env")"
[ -n "$SIM_URL" ] || die "this relay has no simulator (WXRELAY_ACCOUNTS_FILE): the benchmark needs one"
APPID="$(sed -n 's/^  - appid: //p' "$(sed -n 's/^WXRELAY_ACCOUNTS_FILE=//p' "$RELAY_DIR/relay.env")" | head -n 1)"

# The QR code and its reply, as a user makes it; its ticket from the command's result.
QR_ID="bench-scan-qr-$RUN"
"$ROOT/wxrelay" send qr --id "$QR_ID" --app "$APPID" --scene "bench-$RUN" --expire 1h \
  --reply-text "Thanks for scanning" --wait >/dev/null
TICKET="$("$ROOT/wxrelay" tail results --from-beginning --id "$QR_ID" --max 1 --json --idle-timeout 20s |
  grep -o '"ticket":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
[ -n "$TICKET" ] || die "no ticket in the result of $QR_ID"

say "scans: warm-up $WARMUP, then $PHASES (run $RUN, simulator $SIM_URL)"
# shellcheck disable=SC2086 # PHASES is a list of COUNT@RATE words
export SCAN_RAW="${SCAN_RAW:-$RUN_DIR/scan-reply-raw.csv}"
# Where the CPU goes while a phase is sent: each of the relay's running processes (its pid files),
# the broker (the relay's first bootstrap server) and Redis when they listen on this machine, and
# the driver.
cpu_pids=""
for pid_file in "$RELAY_DIR"/*.pid; do
  pid_alive "$pid_file" && cpu_pids+="$(basename "$pid_file" .pid)=$(cat "$pid_file"),"
done
kafka_pid="$(listener_pid "$(port_of "$(sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p' "$RELAY_DIR/relay.env")")")"
broker_age=""
if [ -n "$kafka_pid" ]; then
  cpu_pids+="kafka=$kafka_pid,"
  broker_age="$(ps -o etimes= -p "$kafka_pid" 2>/dev/null | tr -d ' ' || true)"
fi
redis_pid="$(listener_pid "$(port_of "$(sed -n 's/^REDIS_URL=//p' "$RELAY_DIR/relay.env")")")"
[ -n "$redis_pid" ] && cpu_pids+="redis=$redis_pid,"
export SCAN_CPU_PIDS="$cpu_pids"
# The driver is the load, not the relay. It runs C1 only with the serial GC, as up.sh runs the
# relay's services: on C2 it took 21-28 % of a core at 200/s against 12-14 % (decision 0039).
# shellcheck disable=SC2086 # the JVM options are words
table="$("$JAVA_HOME/bin/java" ${SCAN_DRIVER_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "$ROOT/send-worker/target/lib/*" \
  "$ROOT/bench/ScanReply.java" "$SIM_URL" "$APPID" "$TICKET" "$RUN" "$WARMUP" $PHASES)"
echo "$table"
hops=""
if [ "${SCAN_HOPS:-1}" = 1 ]; then
  # Where the time goes: the gateway's receipt time of each push, from the events topic.
  "$ROOT/wxrelay" tail events --from-beginning --json --type wechat.event.subscribe \
    --idle-timeout 5s >"$RUN_DIR/scan-reply-events.jsonl" 2>/dev/null || true
  hops="$(python3 "$ROOT/bench/scan-hops.py" "$SCAN_RAW" <"$RUN_DIR/scan-reply-events.jsonl" || true)"
  echo "$hops"
fi
[ "$RESULTS" = - ] && exit 0
{
  echo "# QR scan → reply through the whole relay"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/scan-reply.sh\` (decision 0039), on this"
  echo "machine ($(nproc) cores shared with other work: noisy), JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1 | cut -d'"' -f2)."
  echo "Warm-up $WARMUP first (not shown); each phase's scans by distinct newcomers (subscribe with"
  echo "the QR scene), open-loop. Times in ms from the simulator's truth: scan→reply is the push's"
  echo "\`sentAt\` to the custom-send delivery's \`at\`; the bare peer is the same pushes' \`sentAt\` to"
  echo "\`answeredAt\` (the gateway's \`success\`); pacing lag is the scheduled send to \`sentAt\`."
  if [ "${SCAN_PACER:-sim}" = sim ]; then
    echo "The simulator paced the scans itself (one control request a phase, decision 0052)."
  else
    echo "The driver paced the scans: one control request to the simulator per scan."
  fi
  echo "The second table is where the CPU went while each phase's scans were sent (from /proc): the"
  echo "machine's busy share of all its cores, then each process in % of one core, the benchmark's"
  echo "driver (the load, not the relay; JVM options: ${SCAN_DRIVER_JAVA_OPTS:-C1 only, serial GC, as up.sh runs the relay}) included."
  if [ -n "$broker_age" ]; then
    echo "The broker had been running for $((broker_age / 60)) min $((broker_age % 60)) s when the scans began."
    [ "$broker_age" -lt 600 ] &&
      echo "A broker started minutes before is still compiling and takes a larger share of the CPU (decision 0039)."
  fi
  echo
  echo "$table"
  if [ -n "$hops" ]; then
    echo
    echo "Where the time goes, by the gateway's receipt time of each push (the CloudEvent's \`time\`"
    echo "on the events topic; \`bench/scan-hops.py\`): push sent → gateway received; received → the"
    echo "gateway's \`success\` answered (its Kafka write); received → reply delivered (Kafka, worker, call)."
    echo
    echo "$hops"
  fi
  echo
  echo "Command:"
  echo
  echo '```bash'
  env | grep -E '^(WXRELAY_[A-Z_]+|KAFKA_BOOTSTRAP_SERVERS|REDIS_URL|WORKER_[A-Z_]+|SCAN_[A-Z_]+)=' |
    grep -v -e '^WXRELAY_RELAY_DIR=' -e '^SCAN_RAW=' -e '^SCAN_CPU_PIDS=' | sed 's|//[^/@]*@|//***@|' |
    sed -E "s/^([A-Z_]+)=(.* .*)$/\\1='\\2'/" | sort | sed 's/$/ \\/' || true # none set: grep finds none
  echo "bench/scan-reply.sh"
  echo '```'
} >"$RESULTS"
say "written to $RESULTS"
