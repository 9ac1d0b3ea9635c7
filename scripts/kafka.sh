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
#   scripts/kafka.sh topics ARGS...     Kafka's topic tool (bin/kafka-topics.sh), likewise
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
#   WXRELAY_CDS=0          no class-data archives: by default each node and each tool maps the
#                          classes an earlier run of its kind loaded, from target/cds/kafka-*.jsa,
#                          which the JVM writes at its first clean exit (decision 0051);
#                          WXRELAY_CDS_DIR moves them
#   WXRELAY_RUN_DIR        data, log and pid folder                        (default <repo>/.run, git-ignored):
#                          one broker in kafka-<port>/, a cluster's nodes in kafka-cluster-<port>/
#   KAFKA_SECURITY         plaintext (the default) or sasl_ssl: clients authenticate with SCRAM-SHA-512
#                          over TLS, and ACLs allow each of wxrelay's principals only what it uses
#                          (docs/security.md, "Kafka"). Its default ports are 9192 (clients) and 9193
#                          (controller), so it runs beside a plain broker; a data folder keeps the
#                          mode it was formatted with, and later commands on its port need no
#                          KAFKA_SECURITY (e.g. 'KAFKA_PORT=9192 scripts/kafka.sh stop'). Its data
#                          folder (node 1's) also holds:
#                            tls/ca.pem, tls/truststore.p12    the CA that signed the broker's certificate
#                            clients/<principal>.properties   client settings of admin, gateway, worker
#                                                             and cli (mode 0600; the passwords are in
#                                                             them, random, made once per data folder):
#                                                             a service's KAFKA_CLIENT_CONFIG_FILE
#                          'start' creates wxrelay's topics as admin and sets the ACLs, for the topic
#                          names of WXRELAY_TOPIC_* (partitions WXRELAY_TOPIC_*_PARTITIONS) and the
#                          worker's groups WORKER_GROUP_ID and WORKER_EVENTS_GROUP_ID, as the services
#                          read them; ACLs of these principals that no longer apply are removed. It
#                          needs wxrelay's schemas module built (./mvnw -q -pl schemas install -DskipTests).
#
# A cluster creates internal topics with replication factor 3 (at most the node count) and
# min.insync.replicas 2, and never elects an unclean leader; wxrelay's own topics get the same
# from KAFKA_REPLICATION_FACTOR (see 'scripts/kafka.sh bootstrap' and scripts/up.sh).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

HOST="${KAFKA_HOST:-127.0.0.1}"
SECURITY="${KAFKA_SECURITY:-}"
case "$SECURITY" in "" | plaintext | sasl_ssl) ;; *) die "KAFKA_SECURITY is plaintext or sasl_ssl, not '$SECURITY'" ;; esac
# A secure broker's own default ports, so that it runs beside a plain one.
if [ "$SECURITY" = sasl_ssl ]; then DEFAULT_PORT=9192; else DEFAULT_PORT=9092; fi
PORT="${KAFKA_PORT:-$DEFAULT_PORT}"
# A running cluster leaves its size here, so that status, stop and the node commands need no
# variables; a full stop removes it, and the next start is one broker unless KAFKA_BROKERS says.
FIRST_PORT="${KAFKA_PORTS:-}"; FIRST_PORT="${FIRST_PORT%%,*}"; FIRST_PORT="${FIRST_PORT:-$PORT}"
RUNNING_FILE="$RUN_DIR/kafka-$FIRST_PORT.cluster"
if [ -z "${KAFKA_BROKERS:-}" ] && [ -s "$RUNNING_FILE" ]; then KAFKA_BROKERS="$(cat "$RUNNING_FILE")"; fi
BROKERS="${KAFKA_BROKERS:-1}"
[[ "$BROKERS" =~ ^[1-9][0-9]?$ ]] && [ "$BROKERS" != 2 ] ||
  die "KAFKA_BROKERS is 1, or 3 and more (two nodes make a quorum that cannot lose either), not '$BROKERS'"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((DEFAULT_PORT + 1))}"
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
# The security mode the data was formatted with: later commands on its port follow it.
MODE_FILE="$FIRST_DIR/security"
if [ -z "$SECURITY" ] && [ -s "$MODE_FILE" ]; then SECURITY="$(cat "$MODE_FILE")"; fi
SECURITY="${SECURITY:-plaintext}"
TLS_DIR="$FIRST_DIR/tls"
SECRETS_DIR="$FIRST_DIR/secrets"
CLIENTS_DIR="$FIRST_DIR/clients"
PRINCIPALS=(admin gateway worker cli)
node_pid_file() { printf '%s' "$(node_dir "$1")/broker.pid"; }
node_log() { printf '%s' "$(node_dir "$1")/broker.log"; }
bootstrap() {
  local out="" i
  for ((i = 0; i < BROKERS; i++)); do out+="${out:+,}$HOST:${PORTS[$i]}"; done
  printf '%s' "$out"
}

classpath() {
  # One list for every data folder (each test's broker has its own), resolved again when the pom
  # changes; written whole, then renamed, so that two starts at once never read half of it.
  local cp_file="$ROOT/scripts/kafka/target/classpath.txt" tmp
  mkdir -p "$(dirname "$cp_file")"
  if [ ! -s "$cp_file" ] || [ "$POM" -nt "$cp_file" ]; then
    say "resolving the Kafka broker's jars with Maven (first run only) ..." >&2
    tmp="$cp_file.$$"
    mvnw -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$tmp" >&2 ||
      die "could not resolve org.apache.kafka:kafka_2.13 from Maven Central (see output above)"
    mv -f "$tmp" "$cp_file"
  fi
  cat "$cp_file"
}

# The listeners of a node with client port $1 and controller port $2, and in sasl_ssl mode how
# they authenticate and authorize: clients SCRAM-SHA-512 over TLS on SASL_SSL, which the brokers
# also use among themselves (as User:broker); the controller listener stays on loopback without
# TLS, where the nodes authenticate with PLAIN as User:broker (KRaft cannot use SCRAM there: its
# credentials live in the metadata the controllers serve).
listener_config() {
  if [ "$SECURITY" != sasl_ssl ]; then
    printf '%s\n' "listeners=PLAINTEXT://$HOST:$1,CONTROLLER://$HOST:$2" \
      "advertised.listeners=PLAINTEXT://$HOST:$1" \
      "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
    return 0
  fi
  local broker tls
  broker="$(cat "$SECRETS_DIR/broker.password")"; tls="$(cat "$SECRETS_DIR/tls.password")"
  cat <<PROPS
listeners=SASL_SSL://$HOST:$1,CONTROLLER://$HOST:$2
advertised.listeners=SASL_SSL://$HOST:$1
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=SASL_SSL
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="$broker";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$broker" user_broker="$broker";
ssl.keystore.type=PKCS12
ssl.keystore.location=$TLS_DIR/broker.p12
ssl.keystore.password=$tls
ssl.key.password=$tls
ssl.truststore.type=PKCS12
ssl.truststore.location=$TLS_DIR/truststore.p12
ssl.truststore.password=$tls
ssl.client.auth=none
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:broker
PROPS
}

write_config() {
  local n="$1" dir; dir="$(node_dir "$n")"
  local port="${PORTS[$((n - 1))]}" cport="${CPORTS[$((n - 1))]}"
  mkdir -p "$dir"
  rm -f "$dir/server.properties" # in sasl_ssl mode it holds the broker's passwords: 0600
  (umask 077 && : >"$dir/server.properties")
  if [ "$BROKERS" = 1 ]; then
    cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
$(listener_config "$port" "$cport")
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=$HOST:$cport
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
$(listener_config "$port" "$cport")
controller.listener.names=CONTROLLER
controller.quorum.voters=$voters
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

# Each kind of JVM here (a node, each tool) has a class-data archive of its own: a node starts
# with 1.5-2 s less CPU, a tool with about 0.5 s (cds_options, scripts/lib/common.sh).
kafka_cds() { cds_options "kafka-$1"; }

run_tool() {
  kafka_cds "tool-${1##*.}"
  "$JAVA_HOME/bin/java" "${CDS_OPTS[@]}" -cp "$(classpath)" \
    -Dlog4j2.configurationFile="$FIRST_DIR/tools-log4j2.yaml" "$@"
}

# A new cluster id, as 'kafka-storage.sh random-uuid' makes one (16 random bytes, base64url without
# padding, not starting with '-'), without starting a JVM for it.
random_cluster_id() {
  local id
  while true; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    [[ "$id" == -* ]] || break
  done
  printf '%s' "$id"
}

# How many brokers the cluster's metadata lists as alive (each answers API versions).
live_brokers() {
  local secure=()
  [ "$SECURITY" != sasl_ssl ] || secure=(--command-config "$CLIENTS_DIR/admin.properties")
  run_tool org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$(bootstrap)" "${secure[@]}" 2>/dev/null |
    grep -c '(id: [0-9]* rack' || true
}

format_node() {
  local n="$1" dir; dir="$(node_dir "$n")"
  [ -f "$dir/data/meta.properties" ] && return 0
  local cp; cp="$(classpath)"
  local args=(kafka.tools.StorageTool format)
  if [ "$BROKERS" = 1 ]; then
    args+=(--standalone --cluster-id "$(random_cluster_id)")
  else
    local id_file="$FIRST_DIR/cluster.id"
    [ -s "$id_file" ] || random_cluster_id >"$id_file"
    args+=(--cluster-id "$(cat "$id_file")")
  fi
  args+=(--config "$dir/server.properties")
  if [ "$SECURITY" = sasl_ssl ]; then
    local p
    for p in broker "${PRINCIPALS[@]}"; do
      args+=(--add-scram "SCRAM-SHA-512=[name=$p,password=$(cat "$SECRETS_DIR/$p.password")]")
    done
  fi
  # The command goes through an argument file (mode 0600), so that no password is in any process'
  # command line.
  local argfile="$dir/format.args"
  rm -f "$dir/format.out" # it lists the SCRAM credentials' salted keys: 0600
  (umask 077 && : >"$dir/format.out" && printf '"%s"\n' "${args[@]}" >"$argfile")
  kafka_cds tool-StorageTool
  if ! "$JAVA_HOME/bin/java" "${CDS_OPTS[@]}" -cp "$cp" \
    -Dlog4j2.configurationFile="$FIRST_DIR/tools-log4j2.yaml" "@$argfile" >"$dir/format.out" 2>&1; then
    rm -f "$argfile"
    die "formatting node $n's KRaft log dir failed: $(cat "$dir/format.out")"
  fi
  rm -f "$argfile"
  echo "$SECURITY" >"$MODE_FILE"
}

# A random password of 32 letters and digits.
random_password() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c 1-32; }

# sasl_ssl: the passwords (once per data folder), a CA and the broker's certificate signed by it,
# and each principal's client settings; every file that holds a secret is mode 0600.
prepare_security() {
  [ "$SECURITY" = sasl_ssl ] || return 0
  mkdir -p "$SECRETS_DIR" "$TLS_DIR" "$CLIENTS_DIR"
  chmod 700 "$SECRETS_DIR" "$CLIENTS_DIR"
  local p
  for p in broker tls "${PRINCIPALS[@]}"; do
    [ -s "$SECRETS_DIR/$p.password" ] || (umask 077 && random_password >"$SECRETS_DIR/$p.password")
  done
  [ -s "$TLS_DIR/broker.p12" ] || make_certificates
  for p in "${PRINCIPALS[@]}"; do write_client_config "$p"; done
}

make_certificates() {
  local kt="$JAVA_HOME/bin/keytool" pw="$SECRETS_DIR/tls.password" san="IP:127.0.0.1,DNS:localhost"
  if [[ "$HOST" =~ ^[0-9.]+$ ]]; then san+=",IP:$HOST"; else san+=",DNS:$HOST"; fi
  rm -f "$TLS_DIR"/*
  (
    umask 077
    cd "$TLS_DIR"
    "$kt" -genkeypair -keystore ca.p12 -storetype PKCS12 -storepass:file "$pw" -alias ca \
      -dname "CN=wxrelay local Kafka CA" -keyalg RSA -keysize 2048 -validity 3650 -ext bc:c
    "$kt" -exportcert -keystore ca.p12 -storepass:file "$pw" -alias ca -rfc -file ca.pem
    "$kt" -importcert -keystore truststore.p12 -storetype PKCS12 -storepass:file "$pw" \
      -alias ca -file ca.pem -noprompt
    "$kt" -genkeypair -keystore broker.tmp.p12 -storetype PKCS12 -storepass:file "$pw" -alias broker \
      -dname "CN=wxrelay-kafka-broker" -keyalg RSA -keysize 2048 -validity 825
    "$kt" -certreq -keystore broker.tmp.p12 -storepass:file "$pw" -alias broker -file broker.csr
    "$kt" -gencert -keystore ca.p12 -storepass:file "$pw" -alias ca -infile broker.csr -rfc \
      -outfile broker.pem -validity 825 -ext "SAN=$san" -ext ku:c=digitalSignature,keyEncipherment \
      -ext eku=serverAuth,clientAuth
    "$kt" -importcert -keystore broker.tmp.p12 -storepass:file "$pw" -alias ca -file ca.pem -noprompt
    "$kt" -importcert -keystore broker.tmp.p12 -storepass:file "$pw" -alias broker -file broker.pem
    rm -f broker.csr
    mv broker.tmp.p12 broker.p12
    chmod 644 ca.pem
  ) >"$FIRST_DIR/keytool.out" 2>&1 || die "making the TLS certificates failed: $(cat "$FIRST_DIR/keytool.out")"
}

write_client_config() {
  local p="$1" file="$CLIENTS_DIR/$1.properties"
  rm -f "$file"
  (
    umask 077
    cat >"$file" <<PROPS
# $p's Kafka client settings for the SASL_SSL broker at $(bootstrap): a service's
# KAFKA_CLIENT_CONFIG_FILE, or --command-config of Kafka's tools. Holds a password: keep it 0600.
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$p" password="$(cat "$SECRETS_DIR/$p.password")";
ssl.truststore.type=PKCS12
ssl.truststore.location=$TLS_DIR/truststore.p12
ssl.truststore.password=$(cat "$SECRETS_DIR/tls.password")
PROPS
  )
}

# The schemas module's classes, where the Topic enum spells wxrelay's topics.
schemas_classpath() {
  if [ -f "$ROOT/schemas/target/classes/io/wxrelay/schemas/Topic.class" ]; then
    printf '%s' "$ROOT/schemas/target/classes"
  elif [ -n "$(module_jar schemas)" ]; then
    module_jar schemas
  else
    die "KAFKA_SECURITY=sasl_ssl needs wxrelay's schemas module built for its topic names: ./mvnw -q -pl schemas install -DskipTests"
  fi
}

# As admin: creates wxrelay's missing topics and makes the ACLs of gateway, worker and cli exactly
# what scripts/kafka/SecureSetup.java lists.
apply_acls() {
  [ "$SECURITY" = sasl_ssl ] || return 0
  local cp; cp="$(classpath):$(schemas_classpath)"
  "$JAVA_HOME/bin/java" -cp "$cp" -Dlog4j2.configurationFile="$FIRST_DIR/tools-log4j2.yaml" \
    "$ROOT/scripts/kafka/SecureSetup.java" "$(bootstrap)" "$CLIENTS_DIR/admin.properties" ||
    die "creating the topics or the ACLs failed (see above)"
  say "client settings (mode 0600) for each principal: $CLIENTS_DIR/{admin,gateway,worker,cli}.properties; CA: $TLS_DIR/ca.pem"
}

# True once node N has logged that it started since it was last launched (cheap: no JVM, unlike
# live_brokers, which matters on a machine busy with the load a test runs beside a restart).
node_started() {
  local log; log="$(node_log "$1")"
  # Not `tail | grep -q`: grep stops at the first match, tail then dies of SIGPIPE when more of a
  # long log follows, and under pipefail the node would never count as started.
  [ -f "$log" ] &&
    grep -q 'Kafka Server started' < <(tail -n "+$(($(cat "$(node_dir "$1")/log.mark" 2>/dev/null || echo 0) + 1))" "$log")
}

# Node N's output since it was last launched: its stdout and the new part of its log.
output_since_launch() {
  local dir; dir="$(node_dir "$1")"
  cat "$dir/stdout.log" 2>/dev/null || true
  tail -n "+$(($(cat "$dir/log.mark" 2>/dev/null || echo 0) + 1))" "$(node_log "$1")" 2>/dev/null || true
}

# Why node N stopped, as ': <line>' (nothing if its output does not say): a failed bind first
# ("Address already in use" names the port), else its first ERROR.
exit_cause() {
  local out line; out="$(output_since_launch "$1")"
  line="$(grep -m 1 -E 'failed to bind|Address already in use' <<<"$out" ||
    grep -m 1 -E '\b(ERROR|FATAL)\b' <<<"$out" || true)"
  # No password in it (Kafka logs them as [hidden]; this is for a line that would not).
  line="$(sed -E 's/((password|user_[a-z0-9_]+)[^=: ]*[=:] *"?)[^ ;,"]+/\1***/Ig' <<<"$line")"
  [ -z "$line" ] || printf ': %s' "${line:0:300}"
}

# Starts node N's process (not waiting for it); returns 1 when it was already running.
launch_node() {
  local n="$1" dir; dir="$(node_dir "$n")"
  local pid_file; pid_file="$(node_pid_file "$n")"
  if pid_alive "$pid_file"; then return 1; fi
  write_config "$n"
  format_node "$n"
  if [ -f "$(node_log "$n")" ]; then wc -l <"$(node_log "$n")" >"$dir/log.mark"; else echo 0 >"$dir/log.mark"; fi
  kafka_cds broker
  nohup "$JAVA_HOME/bin/java" "-Xms${HEAP_MB}m" "-Xmx${HEAP_MB}m" -XX:+UseG1GC "${CDS_OPTS[@]}" \
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
        die "kafka node $n exited during start$(exit_cause "$n"); see $(node_log "$n") and $(node_dir "$n")/stdout.log"
    done
    local all=1
    for ((n = 1; n <= BROKERS; n++)); do node_started "$n" || all=0; done
    if [ "$all" = 1 ] && [ "$(live_brokers)" -ge "$BROKERS" ]; then return 0; fi
    [ "$SECONDS" -lt "$deadline" ] ||
      die "kafka did not answer with $BROKERS live broker(s) within ${START_TIMEOUT_S}s; see $(node_log 1)"
    sleep 0.5
  done
}

# Refuses to start data formatted in another security mode than asked for.
check_mode() {
  local formatted=""
  if [ -s "$MODE_FILE" ]; then formatted="$(cat "$MODE_FILE")"
  elif [ -f "$FIRST_DIR/data/meta.properties" ]; then formatted=plaintext; fi
  [ -z "$formatted" ] || [ "$formatted" = "$SECURITY" ] ||
    die "$FIRST_DIR was formatted for KAFKA_SECURITY=$formatted, not $SECURITY: use another KAFKA_PORT, or delete that folder (its data) first"
}

start() {
  find_jdk
  write_tools_log_config
  check_mode
  prepare_security
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
    say "kafka already running ($(pids)) at $(bootstrap)$(mode_note); log: $(node_log 1)"
    apply_acls
    return 0
  fi
  await_ready
  if [ "$BROKERS" = 1 ]; then
    say "kafka started (pid $(cat "$(node_pid_file 1)")) at $(bootstrap)$(mode_note); log: $(node_log 1)"
  else
    say "kafka cluster started: $BROKERS nodes ($(pids)) at $(bootstrap)$(mode_note); logs: $RUN_DIR/${DIR_PREFIX}<port>/broker.log"
  fi
  apply_acls
}

mode_note() { [ "$SECURITY" != sasl_ssl ] || printf ' (SASL_SSL, SCRAM-SHA-512, ACLs)'; }

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
    pid_alive "$(node_pid_file "$1")" || die "kafka node $1 exited during start$(exit_cause "$1"); see $(node_log "$1")"
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
    say "kafka running: $running of $BROKERS node(s) ($(pids)) at $(bootstrap)$(mode_note); log: $(node_log 1)"
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
  topics) shift; tool org.apache.kafka.tools.TopicCommand "$@" ;;
  *) die "usage: $0 start|stop|status|bootstrap, $0 start-node|stop-node|pid N, or $0 console-producer|console-consumer|topics ARGS" ;;
esac
