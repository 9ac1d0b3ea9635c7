#!/usr/bin/env bash
# Starts the whole relay on this machine, as local processes, and prints where everything is:
#   Kafka and Redis (scripts/kafka.sh, scripts/redis.sh), Prometheus (Debian's package), wechat-sim
#   (the default WeChat), two token-service replicas, the callback-gateway and two send-workers.
# It waits until every service's /health/ready answers, then prints one table. Idempotent: what is
# already running is left as it is. scripts/down.sh stops exactly what this started, by PID.
#
#   scripts/up.sh
#
# Environment (all optional):
#   WXRELAY_ACCOUNTS_FILE  your WeChat accounts (YAML, see README "Real WeChat"): the relay then
#                          talks to the real WeChat API and no simulator is started. Without it the
#                          simulator's account is written to .run/relay/accounts.yml and used.
#   WXRELAY_PORT_OFFSET    added to every port (default 0), to run a second relay beside the first
#   WXRELAY_READY_TIMEOUT  seconds to wait for every service to be ready (default 180)
#   WXRELAY_SKIP_BUILD=1   use the jars already built (target/) instead of building them
#   WXRELAY_JAVA_OPTS      JVM options of every service (default: small heap, C1 only, serial GC)
#   WXRELAY_CDS=0          no class-data archives (target/cds/, decision 0051): by default each
#                          service maps the classes its kind's earlier run loaded, written at its
#                          first clean stop
#   KAFKA_BROKERS=3        a local three-node Kafka cluster instead of one broker (scripts/kafka.sh):
#                          topics replicated three times, min.insync.replicas 2
#   KAFKA_BOOTSTRAP_SERVERS / REDIS_URL   use these instead of starting Kafka / Redis
#   WXRELAY_SECURE=1       least privilege (docs/security.md): Kafka with SASL_SSL (SCRAM-SHA-512)
#                          and ACLs ('KAFKA_SECURITY=sasl_ssl scripts/kafka.sh start', 127.0.0.1:9192)
#                          and Redis with TLS and ACL users ('scripts/redis.sh start-secure', 6391).
#                          Each service runs as its own Kafka principal and Redis user, the CLI as
#                          cli (relay.env); no password is on a command line or printed. Keys keep
#                          their default prefixes (the Redis ACLs name them) and are deleted when
#                          the simulator starts and by down.sh. REDIS_URL and other key prefixes
#                          are refused. With KAFKA_BOOTSTRAP_SERVERS, each principal's client
#                          settings come from WXRELAY_KAFKA_CLIENTS_DIR/<principal>.properties
#                          (default: that broker's scripts/kafka.sh folder). Remembered until
#                          scripts/down.sh, so later commands need no variable.
#   WXRELAY_TOPIC_<NAME>_PARTITIONS   a topic's partitions when it is created (default 12, DLQ 3):
#                          the most workers that share its work (docs/deployment.md)
#   WXRELAY_PROMETHEUS=0   no Prometheus (a benchmark's relay, or a machine without it): the
#                          services' /metrics still answer; nothing scrapes or alerts
#   any variable of a service (WORKER_*, GATEWAY_*, TOKEN_*, SIM_*, WXRELAY_TOPIC_*) is passed on
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/prometheus.sh"
source "$ROOT/scripts/lib/relay.sh"
find_jdk
mkdir -p "$RELAY_DIR"
READY_TIMEOUT="${WXRELAY_READY_TIMEOUT:-180}"
STARTED_FILE="$RELAY_DIR/started"   # what this relay started, one name a line, for down.sh
touch "$STARTED_FILE"
PROMETHEUS="${WXRELAY_PROMETHEUS:-1}"
case "$PROMETHEUS" in 0 | 1) ;; *) die "WXRELAY_PROMETHEUS is 1 or 0, not '$PROMETHEUS'" ;; esac
started() { grep -qx "$1" "$STARTED_FILE" || echo "$1" >>"$STARTED_FILE"; }
t0=$(date +%s)
command -v curl >/dev/null ||
  die "curl is not on the PATH (up.sh asks each service if it is ready with it): 'apt-get install curl'"

# Checked before anything starts: a port taken by another program is this relay's Prometheus's.
if [ "$PROMETHEUS" = 1 ] && ! pid_alive "$RELAY_DIR/prometheus.pid" && port_open 127.0.0.1 "$PROMETHEUS_PORT_"; then
  die "port $PROMETHEUS_PORT_ is taken, so this relay's Prometheus cannot start.
Is it a system Prometheus (on systemd, Debian's package starts one: 'systemctl disable --now prometheus')?
Or run the relay on other ports: WXRELAY_PORT_OFFSET=1000 scripts/up.sh"
fi

# --- the mode: plain, or WXRELAY_SECURE=1 (remembered in $SECURE_FILE until scripts/down.sh) ---
if [ -z "${WXRELAY_SECURE:-}" ] && [ -f "$SECURE_FILE" ]; then WXRELAY_SECURE=1; fi
SECURE="${WXRELAY_SECURE:-0}"
case "$SECURE" in 0 | 1) ;; *) die "WXRELAY_SECURE is 1 or 0, not '$SECURE'" ;; esac
if [ "$SECURE" = 0 ] && [ -f "$SECURE_FILE" ]; then
  die "this relay was started with WXRELAY_SECURE=1 ($SECURE_FILE): run scripts/down.sh first"
fi
if [ "$SECURE" = 1 ] && [ ! -f "$SECURE_FILE" ] && [ -s "$STARTED_FILE" ]; then
  die "this relay was started without WXRELAY_SECURE=1 ($STARTED_FILE): run scripts/down.sh first"
fi
if [ "$SECURE" = 1 ]; then
  [ -z "${REDIS_URL:-}" ] || die "WXRELAY_SECURE=1 runs its own TLS Redis (scripts/redis.sh start-secure) \
and gives each service a user of its own there: unset REDIS_URL"
  for pair in TOKEN_REDIS_PREFIX=wxrelay:token: WORKER_REDIS_PREFIX=wxrelay:worker: \
    GATEWAY_DEDUPE_PREFIX=wxrelay:gateway:seen:; do
    name="${pair%%=*}"
    [ -z "${!name:-}" ] || [ "${!name}" = "${pair#*=}" ] ||
      die "WXRELAY_SECURE=1 keeps the default Redis key prefixes, which the Redis ACLs name: unset $name"
  done
  export REDIS_SECURE_PORT="${REDIS_SECURE_PORT:-6391}"
  export REDIS_SECURE_DIR="${REDIS_SECURE_DIR:-$RUN_DIR/redis-secure-$REDIS_SECURE_PORT}"
  if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then export KAFKA_SECURITY=sasl_ssl; fi
  # Before anything starts, so that scripts/down.sh can stop what this starts even if it fails.
  {
    echo "# Written by scripts/up.sh: this relay runs with WXRELAY_SECURE=1 until scripts/down.sh."
    echo "KAFKA_PORT=$(first="${KAFKA_PORTS:-${KAFKA_PORT:-9192}}"; printf '%s' "${first%%,*}")"
    echo "REDIS_SECURE_PORT=$REDIS_SECURE_PORT"
    echo "REDIS_SECURE_DIR=$REDIS_SECURE_DIR"
    [ -n "${WXRELAY_ACCOUNTS_FILE:-}" ] || echo "SIMULATED=1"
  } >"$SECURE_FILE"
fi

# --- the services' jars (first: the secure broker's setup needs the schemas module) -------------
t_build=$(date +%s)
if [ "${WXRELAY_SKIP_BUILD:-0}" != 1 ]; then
  say "building the services and the CLI (quietly; the first build takes a few minutes) ..."
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl wechat-sim,token-service,callback-gateway,send-worker,cli -am \
    package -DskipTests -Dspotless.check.skip=true)
fi
t_built=$(date +%s)
for module in wechat-sim token-service callback-gateway send-worker cli; do
  [ -n "$(module_jar "$module")" ] ||
    die "$module is not built; run scripts/up.sh without WXRELAY_SKIP_BUILD=1"
done
export SIM_SKIP_BUILD=1 TOKEN_SKIP_BUILD=1 GATEWAY_SKIP_BUILD=1 WORKER_SKIP_BUILD=1

# --- Kafka and Redis ---------------------------------------------------------------------------
if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  kafka_name=kafka; [ "$SECURE" = 0 ] || kafka_name=secure-kafka
  "$ROOT/scripts/kafka.sh" status >/dev/null 2>&1 || started "$kafka_name"
  "$ROOT/scripts/kafka.sh" start
  KAFKA_BOOTSTRAP_SERVERS="$("$ROOT/scripts/kafka.sh" bootstrap)"; export KAFKA_BOOTSTRAP_SERVERS
  # A local cluster (KAFKA_BROKERS=3) replicates wxrelay's topics three times, min.insync.replicas 2.
  if [ "$(tr ',' '\n' <<<"$KAFKA_BOOTSTRAP_SERVERS" | wc -l)" -ge 3 ]; then
    export KAFKA_REPLICATION_FACTOR="${KAFKA_REPLICATION_FACTOR:-3}"
  fi
fi
KAFKA_LOG="$RUN_DIR/kafka-${KAFKA_PORT:-9092}/broker.log"
if [ "$SECURE" = 1 ]; then
  KAFKA_LOG="$(kafka_node_dir "$KAFKA_BOOTSTRAP_SERVERS")/broker.log"
  KAFKA_CLIENTS_DIR="${WXRELAY_KAFKA_CLIENTS_DIR:-$(kafka_node_dir "$KAFKA_BOOTSTRAP_SERVERS")/clients}"
  for principal in admin gateway worker cli; do
    [ -r "$KAFKA_CLIENTS_DIR/$principal.properties" ] ||
      die "no client settings for Kafka principal $principal: $KAFKA_CLIENTS_DIR/$principal.properties (WXRELAY_KAFKA_CLIENTS_DIR)"
  done
  redis_out=$("$ROOT/scripts/redis.sh" start-secure)
  say "$redis_out"
  [[ "$redis_out" == "secure redis started"* ]] && started secure-redis
  REDIS_CA_FILE="$REDIS_SECURE_DIR/tls/ca.crt"
  unset REDIS_URL # not exported: the CLI's, for relay.env only; never printed
  REDIS_URL="$(<"$REDIS_SECURE_DIR/users/cli.url")"
  say "each service as its own Kafka principal ($KAFKA_CLIENTS_DIR) and Redis user ($REDIS_SECURE_DIR/users)"
else
  redis_out=$("$ROOT/scripts/redis.sh" start)
  say "$redis_out"
  [[ "$redis_out" == "redis started"* ]] && started redis
  REDIS_URL="$(cat "$RUN_DIR/redis.url")"; export REDIS_URL
fi

say "topics on $KAFKA_BOOTSTRAP_SERVERS:"
admin_config="${KAFKA_CLIENT_CONFIG_FILE:-}"
[ "$SECURE" = 0 ] || admin_config="$KAFKA_CLIENTS_DIR/admin.properties"
KAFKA_CLIENT_CONFIG_FILE="$admin_config" LOG_LEVEL=warn "$JAVA_HOME/bin/java" \
  -cp "$ROOT/send-worker/target/lib/*" io.wxrelay.kit.kafka.CreateTopics

# --- accounts: yours, or the simulator's --------------------------------------------------------
SIM_URL="http://127.0.0.1:$SIM_PORT_"
if [ -n "${WXRELAY_ACCOUNTS_FILE:-}" ]; then
  [ -r "$WXRELAY_ACCOUNTS_FILE" ] || die "WXRELAY_ACCOUNTS_FILE=$WXRELAY_ACCOUNTS_FILE cannot be read"
  WXRELAY_ACCOUNTS_FILE="$(cd "$(dirname "$WXRELAY_ACCOUNTS_FILE")" && pwd)/$(basename "$WXRELAY_ACCOUNTS_FILE")"
  MODE="real WeChat (${WECHAT_API_BASE:-https://api.weixin.qq.com}), accounts from $WXRELAY_ACCOUNTS_FILE"
  SIMULATED=0
else
  SIMULATED=1
  export SIM_APPS="${SIM_APPS:-wx5823bf96d3bd56c7:sim-secret-0123456789abcdef}"
  appid="${SIM_APPS%%:*}"; secret="${SIM_APPS#*:}"; secret="${secret%%,*}"
  WXRELAY_ACCOUNTS_FILE="$RELAY_DIR/accounts.yml"
  cat >"$WXRELAY_ACCOUNTS_FILE" <<YAML
# Written by scripts/up.sh: the simulator's account, as a real one would be configured.
accounts:
  - appid: $appid
    name: demo-shop (simulated)
    secret: $secret
    tokenEndpoint: stable
    callbackToken: ${SIM_CALLBACK_TOKEN:-wxrelay}
    mode: ${SIM_MODE:-plain}
    rateLimits:
      mass: 60/1m
YAML
  chmod 600 "$WXRELAY_ACCOUNTS_FILE"
  # The simulator forgets everything when it stops (its tokens, its msg_ids start again at the
  # same number), so each simulator run gets Redis keys of its own: a token or a broadcast's link
  # left by an earlier run must not be taken for one of this run's.
  if ! pid_alive "$RELAY_DIR/wechat-sim.pid"; then
    for entry in "${RELAY_SERVICES[@]}"; do
      pid_alive "$RELAY_DIR/$(svc_field "$entry" 1).pid" &&
        die "the simulator is not running but $(svc_field "$entry" 1) is: run scripts/down.sh, then scripts/up.sh"
    done
  fi
  if [ "$SECURE" = 1 ]; then
    # The ACLs name the default prefixes, so a new simulator run starts with them empty instead.
    if ! pid_alive "$RELAY_DIR/wechat-sim.pid"; then
      clear_secure_keys "$REDIS_SECURE_DIR" "$REDIS_SECURE_PORT" ||
        die "could not delete the previous run's keys from the secure Redis as admin"
    fi
  else
    if ! pid_alive "$RELAY_DIR/wechat-sim.pid" || [ ! -s "$RELAY_DIR/namespace" ]; then
      echo "wxrelay:local-$(date +%s)-$$:" >"$RELAY_DIR/namespace"
    fi
    NS="$(cat "$RELAY_DIR/namespace")"
    export TOKEN_REDIS_PREFIX="${TOKEN_REDIS_PREFIX:-${NS}token:}"
    export WORKER_REDIS_PREFIX="${WORKER_REDIS_PREFIX:-${NS}worker:}"
    export GATEWAY_DEDUPE_PREFIX="${GATEWAY_DEDUPE_PREFIX:-${NS}gateway:seen:}"
  fi
  export WECHAT_API_BASE="$SIM_URL"
  export WECHAT_QR_IMAGE_BASE="$SIM_URL/cgi-bin/showqrcode"
  export SIM_CALLBACK_URL="http://127.0.0.1:$GATEWAY_PORT_/wechat/{appid}"
  export SIM_FOLLOWERS="${SIM_FOLLOWERS:-20000}" SIM_TAGS="${SIM_TAGS:-4}"
  export SIM_OPENIDS="${SIM_OPENIDS:-oAlice@100,oBob@100,oCarol@101,oDave}"
  MODE="the simulator at $SIM_URL (no WXRELAY_ACCOUNTS_FILE given), accounts from $WXRELAY_ACCOUNTS_FILE"
fi
export WXRELAY_ACCOUNTS_FILE
# token-service's HTTP API, for web pages' JS-SDK signatures (docs/security.md, "token-service's
# HTTP API"): one client, "web", that may sign for every account but never read a token or a
# ticket, its bearer in a file only this user reads. TOKEN_API_CLIENTS_FILE of your own wins.
TOKEN_API_DIR="$RELAY_DIR/token-api"
if [ -z "${TOKEN_API_CLIENTS_FILE:-}" ]; then
  mkdir -p "$TOKEN_API_DIR"
  if [ ! -s "$TOKEN_API_DIR/web.bearer" ]; then
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$TOKEN_API_DIR/web.bearer")
    chmod 0400 "$TOKEN_API_DIR/web.bearer"
  fi
  printf 'clients:\n  - name: web\n    bearerFile: %s\n    apps: ["*"]\n    scopes: [sign]\n' \
    "$TOKEN_API_DIR/web.bearer" >"$TOKEN_API_DIR/clients.yml"
  export TOKEN_API_CLIENTS_FILE="$TOKEN_API_DIR/clients.yml"
fi
# A first local relay answers the scans that reached Kafka before its workers joined.
export WORKER_EVENTS_START="${WORKER_EVENTS_START:-earliest}"
JAVA_OPTS="${WXRELAY_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"

# --- the services --------------------------------------------------------------------------------
# WXRELAY_SECURE=1: the Redis user and the Kafka principal of a kind of service (-: it uses none).
secure_identity() {
  case "$1" in
    token-service) echo "token-service -" ;;
    callback-gateway) echo "gateway gateway" ;;
    send-worker) echo "worker worker" ;;
    *) echo "- -" ;;
  esac
}

start_service() { # name kind admin script extra
  local name=$1 admin=$3 script=$4 extra=$5 pid_file="$RELAY_DIR/$1.pid" log="$RELAY_DIR/$1.log"
  if pid_alive "$pid_file"; then say "  $name already running (pid $(cat "$pid_file"))"; return 0; fi
  if [ "$SECURE" = 1 ]; then
    # Its own user and principal, by environment: no password on a command line.
    local -x REDIS_URL REDIS_CA_FILE KAFKA_CLIENT_CONFIG_FILE
    local user principal
    read -r user principal <<<"$(secure_identity "$2")"
    if [ "$user" != - ]; then
      REDIS_URL="$(<"$REDIS_SECURE_DIR/users/$user.url")"
      REDIS_CA_FILE="$REDIS_SECURE_DIR/tls/ca.crt"
    fi
    [ "$principal" = - ] || KAFKA_CLIENT_CONFIG_FILE="$KAFKA_CLIENTS_DIR/$principal.properties"
  fi
  # shellcheck disable=SC2086 # extra is a list of NAME=value words
  env $extra ADMIN_PORT="$admin" SIM_JAVA_OPTS="$JAVA_OPTS" TOKEN_JAVA_OPTS="$JAVA_OPTS" \
    GATEWAY_JAVA_OPTS="$JAVA_OPTS" WORKER_JAVA_OPTS="$JAVA_OPTS" \
    setsid "$ROOT/scripts/$script" >"$log" 2>&1 </dev/null &
  echo $! >"$pid_file"
  started "$name"
  say "  $name started (pid $!), log $log"
}

say "starting the relay against $MODE"
for entry in "${RELAY_SERVICES[@]}"; do
  name=$(svc_field "$entry" 1); kind=$(svc_field "$entry" 2)
  [ "$kind" = sim ] && [ "$SIMULATED" = 0 ] && continue
  start_service "$name" "$kind" "$(svc_field "$entry" 3)" "$(svc_field "$entry" 4)" "$(svc_field "$entry" 5)"
done

# --- Prometheus ------------------------------------------------------------------------------------
if [ "$PROMETHEUS" = 1 ]; then
  PROM_DIR="$RELAY_DIR/prometheus"
  mkdir -p "$PROM_DIR/targets" "$PROM_DIR/data"
  for file in prometheus.yml alerts.yml; do
    cmp -s "$ROOT/deploy/prometheus/$file" "$PROM_DIR/$file" || cp "$ROOT/deploy/prometheus/$file" "$PROM_DIR/$file"
  done
  {
    printf '['; sep=""
    for entry in "${RELAY_SERVICES[@]}"; do
      admin=$(svc_field "$entry" 3); [ "$admin" = 0 ] && continue
      printf '%s\n  {"targets": ["127.0.0.1:%s"], "labels": {"service": "%s", "replica": "%s"}}' \
        "$sep" "$admin" "$(svc_field "$entry" 2)" "$(svc_field "$entry" 1)"
      sep=","
    done
    printf '\n]\n'
  } >"$PROM_DIR/wxrelay.json.new"
  # Prometheus watches the folder: the file changes in one rename, and only when it differs.
  if cmp -s "$PROM_DIR/wxrelay.json.new" "$PROM_DIR/targets/wxrelay.json"; then
    rm -f "$PROM_DIR/wxrelay.json.new"
  else
    mv "$PROM_DIR/wxrelay.json.new" "$PROM_DIR/targets/wxrelay.json"
  fi
  if ! pid_alive "$RELAY_DIR/prometheus.pid"; then
    ensure_prometheus
    # A new relay run starts with empty series: a previous run's last values would otherwise be
    # read for five minutes as this run's (its processes restarted their counters).
    rm -rf "$PROM_DIR/data"; mkdir -p "$PROM_DIR/data"
    setsid prometheus --config.file="$PROM_DIR/prometheus.yml" --storage.tsdb.path="$PROM_DIR/data" \
      --web.listen-address="127.0.0.1:$PROMETHEUS_PORT_" --storage.tsdb.retention.time=2d \
      >"$RELAY_DIR/prometheus.log" 2>&1 </dev/null &
    echo $! >"$RELAY_DIR/prometheus.pid"
    started prometheus
    say "  prometheus started (pid $!), log $RELAY_DIR/prometheus.log"
  else
    say "  prometheus already running (pid $(cat "$RELAY_DIR/prometheus.pid"))"
  fi
fi

# --- wait until everything is ready -----------------------------------------------------------------
ready_url() { # name kind admin
  case "$2" in
    sim) printf '%s/sim/apps' "$SIM_URL" ;;
    prometheus) printf 'http://127.0.0.1:%s/-/ready' "$PROMETHEUS_PORT_" ;;
    scrapes) printf 'http://127.0.0.1:%s/api/v1/targets?state=active' "$PROMETHEUS_PORT_" ;;
    *) printf 'http://127.0.0.1:%s/health/ready' "$3" ;;
  esac
}
# Ready when its URL answers 2xx; Prometheus' scrapes when every service's target is up.
is_ready() { # name kind admin
  if [ "$2" = scrapes ]; then
    local up
    up=$(curl -fsS --max-time 2 "$(ready_url "$@")" 2>/dev/null | grep -o '"health":"up"' | wc -l)
    [ "$up" -ge "$SCRAPED" ]
  else
    curl -fsS -o /dev/null --max-time 2 "$(ready_url "$@")" 2>/dev/null
  fi
}
waiting=()
for entry in "${RELAY_SERVICES[@]}"; do
  [ "$(svc_field "$entry" 2)" = sim ] && [ "$SIMULATED" = 0 ] && continue
  waiting+=("$(svc_field "$entry" 1)|$(svc_field "$entry" 2)|$(svc_field "$entry" 3)")
done
if [ "$PROMETHEUS" = 1 ]; then
  waiting+=("prometheus|prometheus|0")
  SCRAPED=$(grep -c '"targets"' "$PROM_DIR/targets/wxrelay.json")
  waiting+=("prometheus|scrapes|0")
fi
deadline=$(($(date +%s) + READY_TIMEOUT))
say "waiting for every service to be ready (at most ${READY_TIMEOUT}s) ..."
while [ ${#waiting[@]} -gt 0 ]; do
  still=()
  for w in "${waiting[@]}"; do
    IFS='|' read -r name kind admin <<<"$w"
    if ! pid_alive "$RELAY_DIR/$name.pid"; then
      say "error: $name exited before it was ready; the end of $RELAY_DIR/$name.log:" >&2
      tail -n 25 "$RELAY_DIR/$name.log" >&2
      say "scripts/down.sh stops the rest." >&2
      exit 1
    fi
    is_ready "$name" "$kind" "$admin" || still+=("$w")
  done
  waiting=("${still[@]+"${still[@]}"}")
  [ ${#waiting[@]} -eq 0 ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    for w in "${waiting[@]}"; do
      IFS='|' read -r name kind admin <<<"$w"
      what=$name; [ "$kind" = scrapes ] && what="Prometheus' scrape of every service"
      say "error: $what was not ready within ${READY_TIMEOUT}s ($(ready_url "$name" "$kind" "$admin")); the end of $name's log:" >&2
      tail -n 25 "$RELAY_DIR/$name.log" >&2
    done
    say "scripts/down.sh stops the rest." >&2
    exit 1
  fi
  sleep 1
done
elapsed="$(($(date +%s) - t0))s, of which $((t_built - t_build))s building"

# --- what the CLI reads, and the table -------------------------------------------------------------
(umask 077 && : >>"$RELAY_DIR/relay.env") && chmod 600 "$RELAY_DIR/relay.env" # before its secrets
{
  echo "# Written by scripts/up.sh; ./wxrelay reads it."
  echo "KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS"
  echo "REDIS_URL=$REDIS_URL"
  if [ "$SECURE" = 1 ]; then # the CLI as its own principal and Redis user
    echo "REDIS_CA_FILE=$REDIS_CA_FILE"
    echo "KAFKA_CLIENT_CONFIG_FILE=$KAFKA_CLIENTS_DIR/cli.properties"
  fi
  echo "WXRELAY_ACCOUNTS_FILE=$WXRELAY_ACCOUNTS_FILE"
  [ "$PROMETHEUS" = 0 ] || echo "WXRELAY_PROMETHEUS_URL=http://127.0.0.1:$PROMETHEUS_PORT_"
  [ "$SIMULATED" = 1 ] && echo "WXRELAY_SIM_URL=$SIM_URL"
  admins=""
  for entry in "${RELAY_SERVICES[@]}"; do
    admin=$(svc_field "$entry" 3); [ "$admin" = 0 ] && continue
    admins="$admins${admins:+,}$(svc_field "$entry" 1)=http://127.0.0.1:$admin"
  done
  echo "WXRELAY_ADMIN_URLS=$admins"
  env | grep -E '^(WXRELAY_TOPIC_[A-Z_]+|TOKEN_REDIS_PREFIX|WORKER_REDIS_PREFIX|TOKEN_FORCE_DAILY_LIMIT)=' || true
} >"$RELAY_DIR/relay.env"
chmod 600 "$RELAY_DIR/relay.env" # REDIS_URL may carry a password

row() { printf '  %-18s %-38s %-40s %s\n' "$@"; }
say ""
say "wxrelay is up (ready after ${elapsed}), talking to $MODE"
[ "$SECURE" = 0 ] ||
  say "secure mode (WXRELAY_SECURE=1): Kafka SASL_SSL with ACLs, Redis TLS with ACL users, each service as its own"
say ""
row SERVICE URL "ADMIN / METRICS" LOG
if [ "$SECURE" = 1 ]; then
  row kafka "$KAFKA_BOOTSTRAP_SERVERS (SASL_SSL, ACLs)" - "$KAFKA_LOG"
  row redis "$(redacted_url "$REDIS_URL") (TLS, ACL users)" - "$REDIS_SECURE_DIR/redis.log"
else
  row kafka "$KAFKA_BOOTSTRAP_SERVERS" - "$KAFKA_LOG"
  row redis "$(redacted_url "$REDIS_URL")" - -
fi
for entry in "${RELAY_SERVICES[@]}"; do
  name=$(svc_field "$entry" 1); kind=$(svc_field "$entry" 2); admin=$(svc_field "$entry" 3)
  case "$kind" in
    sim) [ "$SIMULATED" = 1 ] || continue; url="$SIM_URL/sim/apps"; adm=- ;;
    callback-gateway) url="http://127.0.0.1:$GATEWAY_PORT_/wechat/{appid}"; adm="http://127.0.0.1:$admin/metrics" ;;
    *) url="-"; adm="http://127.0.0.1:$admin/metrics" ;;
  esac
  row "$name" "$url" "$adm" "$RELAY_DIR/$name.log"
done
[ "$PROMETHEUS" = 0 ] ||
  row prometheus "http://127.0.0.1:$PROMETHEUS_PORT_" "http://127.0.0.1:$PROMETHEUS_PORT_/targets" "$RELAY_DIR/prometheus.log"
say ""
say "Try next:"
if [ "$SIMULATED" = 1 ]; then
  say "  scripts/demo.sh                   the mission end to end, narrated, with a summary of what it observed"
  say "  ./wxrelay send mass --tag 100 --text \"Autumn sale\" --wait    a broadcast and its progress"
else
  say "  point each account's server URL at this gateway: https://<your host>/wechat/<appid>"
  say "  (a reverse proxy in front of 127.0.0.1:$GATEWAY_PORT_, or GATEWAY_HOST=0.0.0.0)"
  say "  ./wxrelay accounts                what is configured, secrets hidden"
fi
say "  ./wxrelay tail events             what WeChat pushes, a line each (Ctrl-C stops)"
say "  ./wxrelay token status            each account's token and JS-SDK tickets, never a token or a ticket"
if [ "$TOKEN_API_CLIENTS_FILE" = "$TOKEN_API_DIR/clients.yml" ]; then
  say "  a web page's wx.config signature (README, \"Web pages: the JS-SDK signature\"):"
  say "    curl -s -H \"Authorization: Bearer \$(cat $TOKEN_API_DIR/web.bearer)\" -d '{\"url\":\"https://shop.example/orders/42\"}' http://127.0.0.1:$((8081 + OFFSET))/v1/apps/<appid>/jssdk/signature"
fi
say "  ./wxrelay --help                  everything else"
say "  scripts/down.sh                   stop what this started"
