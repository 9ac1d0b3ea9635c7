#!/usr/bin/env bash
# Single-node KRaft Kafka broker from Maven-resolved org.apache.kafka:kafka_2.13 jars.
#
#   scripts/kafka.sh start|stop|status
#   scripts/kafka.sh console-producer|console-consumer ARGS...
#       Kafka's own console tools (bin/kafka-console-producer.sh and -consumer.sh of a Kafka
#       distribution, with the same arguments), run from the same jars.
#
# Environment (all optional):
#   KAFKA_HOST             listen address               (default 127.0.0.1)
#   KAFKA_PORT             client listener port         (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port        (default 9093)
#   KAFKA_HEAP_MB          broker heap in MiB           (default 768)
#   WXRELAY_RUN_DIR        data, log and pid folder     (default <repo>/.run, git-ignored)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

HOST="${KAFKA_HOST:-127.0.0.1}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP_MB="${KAFKA_HEAP_MB:-768}"
DIR="$RUN_DIR/kafka-$PORT"
PID_FILE="$DIR/broker.pid"
LOG_FILE="$DIR/broker.log"
POM="$ROOT/scripts/kafka/pom.xml"
START_TIMEOUT_S=60

classpath() {
  local cp_file="$DIR/classpath.txt"
  if [ ! -s "$cp_file" ] || [ "$POM" -nt "$cp_file" ]; then
    say "resolving the Kafka broker's jars with Maven (first run only) ..." >&2
    mvnw -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2 ||
      die "could not resolve org.apache.kafka:kafka_2.13 from Maven Central (see output above)"
  fi
  cat "$cp_file"
}

write_config() {
  cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=$HOST:$CONTROLLER_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/data
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
  cat > "$DIR/log4j2.yaml" <<LOG
Configuration:
  Appenders:
    File: { name: file, fileName: "$LOG_FILE", PatternLayout: { pattern: "[%d] %p %m (%c)%n" } }
  Loggers:
    Root: { level: INFO, AppenderRef: [ { ref: file } ] }
    Logger: [ { name: kafka.request.logger, level: WARN }, { name: org.apache.kafka.controller, level: WARN } ]
LOG
  write_tools_log_config
}

write_tools_log_config() {
  # Command-line tools (readiness probe, console tools) must not write into the broker's log.
  printf 'Configuration:\n  Appenders:\n    Console: { name: err, target: SYSTEM_ERR }\n  Loggers:\n    Root: { level: ERROR, AppenderRef: [ { ref: err } ] }\n' >"$DIR/tools-log4j2.yaml"
}

run_java() {
  "$JAVA_HOME/bin/java" -cp "$(classpath)" "$@"
}

broker_answers() {
  port_open "$HOST" "$PORT" &&
    run_java -Dlog4j2.configurationFile="$DIR/tools-log4j2.yaml" \
      org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$PORT" --list >/dev/null 2>&1
}

start() {
  mkdir -p "$DIR"
  find_jdk
  if pid_alive "$PID_FILE"; then
    say "kafka already running (pid $(cat "$PID_FILE")) at $HOST:$PORT; log: $LOG_FILE"
    return 0
  fi
  if port_open "$HOST" "$PORT"; then
    say "something already listens on $HOST:$PORT (not started by this script); using it as the broker"
    return 0
  fi
  write_config
  local cp; cp="$(classpath)"
  if [ ! -f "$DIR/data/meta.properties" ]; then
    "$JAVA_HOME/bin/java" -cp "$cp" -Dlog4j2.configurationFile="$DIR/tools-log4j2.yaml" \
      kafka.tools.StorageTool format --standalone \
      --cluster-id "$("$JAVA_HOME/bin/java" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      --config "$DIR/server.properties" >"$DIR/format.out" 2>&1 ||
      die "formatting the KRaft log dir failed: $(cat "$DIR/format.out")"
  fi
  nohup "$JAVA_HOME/bin/java" "-Xms${HEAP_MB}m" "-Xmx${HEAP_MB}m" -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$DIR/log4j2.yaml" -cp "$cp" \
    kafka.Kafka "$DIR/server.properties" >"$DIR/stdout.log" 2>&1 &
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until broker_answers; do
    if ! pid_alive "$PID_FILE"; then
      die "kafka exited during start; see $LOG_FILE and $DIR/stdout.log"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "kafka did not answer within ${START_TIMEOUT_S}s; see $LOG_FILE"
    sleep 0.5
  done
  say "kafka started (pid $(cat "$PID_FILE")) at $HOST:$PORT; log: $LOG_FILE"
}

stop() {
  if ! pid_alive "$PID_FILE"; then
    say "kafka is not running (from this script) on port $PORT"
    rm -f "$PID_FILE"
    return 0
  fi
  local pid; pid="$(cat "$PID_FILE")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  rm -f "$PID_FILE"
  say "kafka stopped (pid $pid)"
}

status() {
  if pid_alive "$PID_FILE"; then
    say "kafka running (pid $(cat "$PID_FILE")) at $HOST:$PORT; log: $LOG_FILE"
  elif port_open "$HOST" "$PORT"; then
    say "a broker answers at $HOST:$PORT (not started by this script)"
  else
    say "kafka not running at $HOST:$PORT"
    return 3
  fi
}

# Runs one of Kafka's command-line tools with the broker's classpath; its warnings go to stderr.
tool() {
  local class="$1"; shift
  find_jdk
  mkdir -p "$DIR"
  [ -f "$DIR/tools-log4j2.yaml" ] || write_tools_log_config
  run_java -Dlog4j2.configurationFile="$DIR/tools-log4j2.yaml" "$class" "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  console-producer) shift; tool org.apache.kafka.tools.ConsoleProducer "$@" ;;
  console-consumer) shift; tool org.apache.kafka.tools.consumer.ConsoleConsumer "$@" ;;
  *) die "usage: $0 start|stop|status, or $0 console-producer|console-consumer ARGS" ;;
esac
