#!/usr/bin/env bash
# KRaft Kafka from Maven-resolved org.apache.kafka:kafka_2.13 jars: one broker (the default), or a
# cluster of KAFKA_BROKERS nodes on this machine, each node a broker and a controller (a static
# quorum of all of them), each its own process with its own PID file.
#
#   scripts/kafka.sh start|stop|status
#   scripts/kafka.sh bootstrap          prints the bootstrap servers (every node's client address)
#   scripts/kafka.sh start-node N       starts node N (1-based) of the cluster again
#   scripts/kafka.sh stop-node N        stops node N: SIGTERM (a controlled shutdown) by its PID
#   scripts/kafka.sh pid N              prints node N's PID
#   scripts/kafka.sh console-producer|console-consumer ARGS...
#       Kafka's own console tools (bin/kafka-console-producer.sh and -consumer.sh of a Kafka
#       distribution, with the same arguments), run from the same jars.
#
# Environment (all optional):
#   KAFKA_HOST             listen address                                  (default 127.0.0.1)
#   KAFKA_BROKERS          nodes in the cluster: 1, or 3 and more (default 1; a running cluster's
#                          size is remembered until it is stopped, so later commands need none)
#   KAFKA_PORT             node 1's client port; node N's is KAFKA_PORT+2(N-1)    (default 9092)
#   KAFKA_CONTROLLER_PORT  node 1's controller port; node N's likewise     (default 9093)
#   KAFKA_PORTS            client ports of all nodes, comma-separated (overrides KAFKA_PORT)
#   KAFKA_CONTROLLER_PORTS controller ports of all nodes, likewise
#   KAFKA_HEAP_MB          heap of each node in MiB                        (default 768; 512 in a cluster)
#   KAFKA_START_TIMEOUT_S  how long start and start-node wait for the node(s) (default 180)
#   KAFKA_BROKER_SESSION_TIMEOUT_MS  how long the controller waits for a node's heartbeat before it
#                          fences the node, moves its leaderships and drops it from every ISR: until
#                          then, acks=all sends to every partition it replicates wait (a cluster's
#                          failover time; default 1500 in a cluster: Kafka's 9000 outlasts the
#                          gateway's 3 s ack timeout and WeChat's 5 s wait)
#   WXRELAY_RUN_DIR        data, log and pid folder                        (default <repo>/.run, git-ignored):
#                          one broker in kafka-<port>/, a cluster's nodes in kafka-cluster-<port>/
#
# A cluster creates internal topics with replication factor 3 (at most the node count) and
# min.insync.replicas 2, and never elects an unclean leader; wxrelay's own topics get the same
# from KAFKA_REPLICATION_FACTOR (see 'scripts/kafka.sh bootstrap' and scripts/up.sh).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

HOST="${KAFKA_HOST:-127.0.0.1}"
PORT="${KAFKA_PORT:-9092}"
# A running cluster leaves its size here, so that status, stop and the node commands need no
# variables; a full stop removes it, and the next start is one broker unless KAFKA_BROKERS says.
FIRST_PORT="${KAFKA_PORTS:-}"; FIRST_PORT="${FIRST_PORT%%,*}"; FIRST_PORT="${FIRST_PORT:-$PORT}"
RUNNING_FILE="$RUN_DIR/kafka-$FIRST_PORT.cluster"
if [ -z "${KAFKA_BROKERS:-}" ] && [ -s "$RUNNING_FILE" ]; then KAFKA_BROKERS="$(cat "$RUNNING_FILE")"; fi
BROKERS="${KAFKA_BROKERS:-1}"
[[ "$BROKERS" =~ ^[1-9][0-9]?$ ]] && [ "$BROKERS" != 2 ] ||
  die "KAFKA_BROKERS is 1, or 3 and more (two nodes make a quorum that cannot lose either), not '$BROKERS'"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
if [ "$BROKERS" -gt 1 ]; then HEAP_MB="${KAFKA_HEAP_MB:-512}"; else HEAP_MB="${KAFKA_HEAP_MB:-768}"; fi
SESSION_TIMEOUT_MS="${KAFKA_BROKER_SESSION_TIMEOUT_MS:-1500}"
POM="$ROOT/scripts/kafka/pom.xml"
START_TIMEOUT_S="${KAFKA_START_TIMEOUT_S:-180}" # a node restarted under load on two cores: up to ~75 s seen

IFS=',' read -r -a PORTS <<<"${KAFKA_PORTS:-}"
IFS=',' read -r -a CPORTS <<<"${KAFKA_CONTROLLER_PORTS:-}"
for ((i = 0; i < BROKERS; i++)); do
  [ -n "${PORTS[$i]:-}" ] || PORTS[$i]=$((PORT + 2 * i))
  [ -n "${CPORTS[$i]:-}" ] || CPORTS[$i]=$((CONTROLLER_PORT + 2 * i))
done
# A cluster's nodes keep their data apart from a single broker's (.run/kafka-<port>/), so that
# switching between one broker and a cluster needs a stop, never a deletion.
if [ "$BROKERS" = 1 ]; then DIR_PREFIX="kafka-"; else DIR_PREFIX="kafka-cluster-"; fi
node_dir() { printf '%s' "$RUN_DIR/$DIR_PREFIX${PORTS[$(($1 - 1))]}"; }
FIRST_DIR="$(node_dir 1)"
SIZE_FILE="$FIRST_DIR/brokers" # the size the cluster's data was formatted for
node_pid_file() { printf '%s' "$(node_dir "$1")/broker.pid"; }
node_log() { printf '%s' "$(node_dir "$1")/broker.log"; }
bootstrap() {
  local out="" i
  for ((i = 0; i < BROKERS; i++)); do out+="${out:+,}$HOST:${PORTS[$i]}"; done
  printf '%s' "$out"
}

classpath() {
  local cp_file="$FIRST_DIR/classpath.txt"
  mkdir -p "$FIRST_DIR"
  if [ ! -s "$cp_file" ] || [ "$POM" -nt "$cp_file" ]; then
    say "resolving the Kafka broker's jars with Maven (first run only) ..." >&2
    mvnw -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2 ||
      die "could not resolve org.apache.kafka:kafka_2.13 from Maven Central (see output above)"
  fi
  cat "$cp_file"
}

write_config() {
  local n="$1" dir; dir="$(node_dir "$n")"
  local port="${PORTS[$((n - 1))]}" cport="${CPORTS[$((n - 1))]}"
  mkdir -p "$dir"
  if [ "$BROKERS" = 1 ]; then
    cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://$HOST:$port,CONTROLLER://$HOST:$cport
advertised.listeners=PLAINTEXT://$HOST:$port
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=$HOST:$cport
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
# Topics are created by wxrelay (io.wxrelay.kit.kafka.TopicProvisioner), never by accident.
auto.create.topics.enable=false
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
PROPS
  else
    local voters="" i rf=$((BROKERS < 3 ? BROKERS : 3))
    local isr=$((rf > 1 ? rf - 1 : 1))
    for ((i = 0; i < BROKERS; i++)); do voters+="${voters:+,}$((i + 1))@$HOST:${CPORTS[$i]}"; done
    cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=$n
listeners=PLAINTEXT://$HOST:$port,CONTROLLER://$HOST:$cport
advertised.listeners=PLAINTEXT://$HOST:$port
controller.listener.names=CONTROLLER
controller.quorum.voters=$voters
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
# Topics are created by wxrelay (io.wxrelay.kit.kafka.TopicProvisioner), never by accident.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=$rf
min.insync.replicas=$isr
# A replica that was out of sync never becomes leader: an acknowledged record is never lost.
unclean.leader.election.enable=false
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$isr
group.initial.rebalance.delay.ms=0
# Failover time: a node that stops heartbeating is fenced after this, its partitions' leaders move
# to in-sync followers, and it leaves every ISR (until then, an acks=all send to any partition it
# follows waits for it). Kafka's default (9 s) outlasts WeChat's 5 s wait for a push's answer.
broker.heartbeat.interval.ms=$((SESSION_TIMEOUT_MS / 6 > 100 ? SESSION_TIMEOUT_MS / 6 : 100))
broker.session.timeout.ms=$SESSION_TIMEOUT_MS
# The same bound for the controllers' own quorum: when the active controller's node dies, the others
# elect a new one after this (Kafka's default 2000 ms plus up to 1000 ms), which then fences it.
controller.quorum.fetch.timeout.ms=$SESSION_TIMEOUT_MS
controller.quorum.election.timeout.ms=$((SESSION_TIMEOUT_MS / 3))
log.retention.hours=24
PROPS
  fi
  cat > "$dir/log4j2.yaml" <<LOG
Configuration:
  Appenders:
    File: { name: file, fileName: "$(node_log "$n")", PatternLayout: { pattern: "[%d] %p %m (%c)%n" } }
  Loggers:
    Root: { level: INFO, AppenderRef: [ { ref: file } ] }
    Logger: [ { name: kafka.request.logger, level: WARN }, { name: org.apache.kafka.controller, level: WARN } ]
LOG
}

write_tools_log_config() {
  # Command-line tools (readiness probe, console tools) must not write into the broker's log.
  mkdir -p "$FIRST_DIR"
  printf 'Configuration:\n  Appenders:\n    Console: { name: err, target: SYSTEM_ERR }\n  Loggers:\n    Root: { level: ERROR, AppenderRef: [ { ref: err } ] }\n' >"$FIRST_DIR/tools-log4j2.yaml"
}

run_tool() {
  "$JAVA_HOME/bin/java" -cp "$(classpath)" -Dlog4j2.configurationFile="$FIRST_DIR/tools-log4j2.yaml" "$@"
}

# How many brokers the cluster's metadata lists as alive (each answers API versions).
live_brokers() {
  run_tool org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$(bootstrap)" 2>/dev/null |
    grep -c '(id: [0-9]* rack' || true
}

format_node() {
  local n="$1" dir; dir="$(node_dir "$n")"
  [ -f "$dir/data/meta.properties" ] && return 0
  local cp; cp="$(classpath)"
  if [ "$BROKERS" = 1 ]; then
    "$JAVA_HOME/bin/java" -cp "$cp" -Dlog4j2.configurationFile="$FIRST_DIR/tools-log4j2.yaml" \
      kafka.tools.StorageTool format --standalone \
      --cluster-id "$("$JAVA_HOME/bin/java" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      --config "$dir/server.properties" >"$dir/format.out" 2>&1 ||
      die "formatting the KRaft log dir failed: $(cat "$dir/format.out")"
  else
    local id_file="$FIRST_DIR/cluster.id"
    [ -s "$id_file" ] ||
      "$JAVA_HOME/bin/java" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null >"$id_file"
    "$JAVA_HOME/bin/java" -cp "$cp" -Dlog4j2.configurationFile="$FIRST_DIR/tools-log4j2.yaml" \
      kafka.tools.StorageTool format --cluster-id "$(cat "$id_file")" \
      --config "$dir/server.properties" >"$dir/format.out" 2>&1 ||
      die "formatting node $n's KRaft log dir failed: $(cat "$dir/format.out")"
  fi
}

# True once node N has logged that it started since it was last launched (cheap: no JVM, unlike
# live_brokers, which matters on a machine busy with the load a test runs beside a restart).
node_started() {
  local log; log="$(node_log "$1")"
  [ -f "$log" ] && tail -n "+$(($(cat "$(node_dir "$1")/log.mark" 2>/dev/null || echo 0) + 1))" "$log" |
    grep -q 'Kafka Server started'
}

# Starts node N's process (not waiting for it); returns 1 when it was already running.
launch_node() {
  local n="$1" dir; dir="$(node_dir "$n")"
  local pid_file; pid_file="$(node_pid_file "$n")"
  if pid_alive "$pid_file"; then return 1; fi
  write_config "$n"
  format_node "$n"
  if [ -f "$(node_log "$n")" ]; then wc -l <"$(node_log "$n")" >"$dir/log.mark"; else echo 0 >"$dir/log.mark"; fi
  nohup "$JAVA_HOME/bin/java" "-Xms${HEAP_MB}m" "-Xmx${HEAP_MB}m" -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$dir/log4j2.yaml" -cp "$(classpath)" \
    kafka.Kafka "$dir/server.properties" >"$dir/stdout.log" 2>&1 &
  echo $! >"$pid_file"
}

# Waits until the cluster answers and lists all its brokers as alive.
await_ready() {
  local deadline=$((SECONDS + START_TIMEOUT_S)) n
  while true; do
    for ((n = 1; n <= BROKERS; n++)); do
      pid_alive "$(node_pid_file "$n")" ||
        die "kafka node $n exited during start; see $(node_log "$n") and $(node_dir "$n")/stdout.log"
    done
    local all=1
    for ((n = 1; n <= BROKERS; n++)); do node_started "$n" || all=0; done
    if [ "$all" = 1 ] && [ "$(live_brokers)" -ge "$BROKERS" ]; then return 0; fi
    [ "$SECONDS" -lt "$deadline" ] ||
      die "kafka did not answer with $BROKERS live broker(s) within ${START_TIMEOUT_S}s; see $(node_log 1)"
    sleep 0.5
  done
}

start() {
  find_jdk
  write_tools_log_config
  if [ "$BROKERS" != 1 ] && [ -s "$SIZE_FILE" ] && [ "$(cat "$SIZE_FILE")" != "$BROKERS" ]; then
    die "$FIRST_DIR holds a cluster of $(cat "$SIZE_FILE") node(s), not $BROKERS: to change its size, delete $RUN_DIR/${DIR_PREFIX}* (its data) first"
  fi
  if [ "$BROKERS" != 1 ] && ! pid_alive "$(node_pid_file 1)" && port_open "$HOST" "${PORTS[0]}"; then
    die "something already listens on $HOST:${PORTS[0]} (one broker? 'scripts/kafka.sh stop' first), so a cluster cannot start there"
  fi
  if [ "$BROKERS" = 1 ] && ! pid_alive "$(node_pid_file 1)" && port_open "$HOST" "${PORTS[0]}"; then
    say "something already listens on $HOST:${PORTS[0]} (not started by this script); using it as the broker"
    return 0
  fi
  local n launched=0
  if [ "$BROKERS" != 1 ]; then
    echo "$BROKERS" >"$SIZE_FILE"
    echo "$BROKERS" >"$RUNNING_FILE"
  fi
  for ((n = 1; n <= BROKERS; n++)); do
    if launch_node "$n"; then launched=$((launched + 1)); fi
  done
  if [ "$launched" = 0 ]; then
    say "kafka already running ($(pids)) at $(bootstrap); log: $(node_log 1)"
    return 0
  fi
  await_ready
  if [ "$BROKERS" = 1 ]; then
    say "kafka started (pid $(cat "$(node_pid_file 1)")) at $(bootstrap); log: $(node_log 1)"
  else
    say "kafka cluster started: $BROKERS nodes ($(pids)) at $(bootstrap); logs: $RUN_DIR/${DIR_PREFIX}<port>/broker.log"
  fi
}

pids() {
  local n out=""
  for ((n = 1; n <= BROKERS; n++)); do
    pid_alive "$(node_pid_file "$n")" && out+="${out:+, }node $n pid $(cat "$(node_pid_file "$n")")"
  done
  printf '%s' "${out:-none}"
}

node_arg() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$BROKERS" ] ||
    die "a node number from 1 to $BROKERS (KAFKA_BROKERS), not '${1:-}'"
}

start_node() {
  node_arg "$1"
  find_jdk
  write_tools_log_config
  if ! launch_node "$1"; then
    say "kafka node $1 already running (pid $(cat "$(node_pid_file "$1")"))"
    return 0
  fi
  local deadline=$((SECONDS + START_TIMEOUT_S))
  # A node logs that it started only once the controller has unfenced it: it is alive in the
  # metadata. (No JVM-per-poll probe here: a restart happens under load, on a busy machine.)
  until node_started "$1"; do
    pid_alive "$(node_pid_file "$1")" || die "kafka node $1 exited during start; see $(node_log "$1")"
    [ "$SECONDS" -lt "$deadline" ] || die "kafka node $1 did not rejoin within ${START_TIMEOUT_S}s"
    sleep 0.5
  done
  say "kafka node $1 started (pid $(cat "$(node_pid_file "$1")")) at $HOST:${PORTS[$(($1 - 1))]}"
}

# SIGTERM to each PID given, SIGKILL to those still alive after 60 s; waits for all.
terminate() {
  local pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 120); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.5
  done
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; done
}

stop_node() {
  node_arg "$1"
  local pid_file; pid_file="$(node_pid_file "$1")"
  if ! pid_alive "$pid_file"; then
    say "kafka node $1 is not running (from this script)"; rm -f "$pid_file"; return 0
  fi
  local pid; pid="$(cat "$pid_file")"
  terminate "$pid"
  rm -f "$pid_file"
  say "kafka node $1 stopped (pid $pid)"
}

stop() {
  local n pids=() stopped=""
  for ((n = 1; n <= BROKERS; n++)); do
    if pid_alive "$(node_pid_file "$n")"; then
      pids+=("$(cat "$(node_pid_file "$n")")")
      stopped+="${stopped:+, }$(cat "$(node_pid_file "$n")")"
    fi
  done
  if [ "${#pids[@]}" = 0 ]; then
    say "kafka is not running (from this script) at $(bootstrap)"
  else
    # All at once: a node shutting down waits for the controller quorum, which its peers are part of.
    terminate "${pids[@]}"
    say "kafka stopped (pid $stopped)"
  fi
  for ((n = 1; n <= BROKERS; n++)); do rm -f "$(node_pid_file "$n")"; done
  rm -f "$RUNNING_FILE"
}

status() {
  local n running=0
  for ((n = 1; n <= BROKERS; n++)); do pid_alive "$(node_pid_file "$n")" && running=$((running + 1)); done
  if [ "$running" -gt 0 ]; then
    say "kafka running: $running of $BROKERS node(s) ($(pids)) at $(bootstrap); log: $(node_log 1)"
    [ "$running" = "$BROKERS" ] || return 3
  elif port_open "$HOST" "${PORTS[0]}"; then
    say "a broker answers at $HOST:${PORTS[0]} (not started by this script)"
  else
    say "kafka not running at $(bootstrap)"
    return 3
  fi
}

# Runs one of Kafka's command-line tools with the broker's classpath; its warnings go to stderr.
tool() {
  local class="$1"; shift
  find_jdk
  [ -f "$FIRST_DIR/tools-log4j2.yaml" ] || write_tools_log_config
  run_tool "$class" "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  bootstrap) bootstrap; echo ;;
  start-node) start_node "${2:-}" ;;
  stop-node) stop_node "${2:-}" ;;
  pid) node_arg "${2:-}"; pid_alive "$(node_pid_file "$2")" || die "kafka node $2 is not running"; cat "$(node_pid_file "$2")" ;;
  console-producer) shift; tool org.apache.kafka.tools.ConsoleProducer "$@" ;;
  console-consumer) shift; tool org.apache.kafka.tools.consumer.ConsoleConsumer "$@" ;;
  *) die "usage: $0 start|stop|status|bootstrap, $0 start-node|stop-node|pid N, or $0 console-producer|console-consumer ARGS" ;;
esac
