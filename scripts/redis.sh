#!/usr/bin/env bash
# A real Redis for wxrelay: the one answering at REDIS_URL if there is one, else redis-server
# from the PATH on a project port, else Debian's redis-server installed with apt-get (as root).
#
#   scripts/redis.sh start|stop|status
#   scripts/redis.sh start-secure|stop-secure|status-secure
#
# Environment (all optional):
#   REDIS_URL          Redis to use when it answers        (default redis://127.0.0.1:6379)
#   REDIS_PROJECT_PORT port for a Redis this script starts (default 6390)
#   WXRELAY_RUN_DIR    data, log and pid folder            (default <repo>/.run, git-ignored)
#
# start prints the URL to use and writes it to $WXRELAY_RUN_DIR/redis.url.
#
# start-secure starts a second redis-server of this script's own, TLS only (no plaintext port) and
# with ACL users (docs/security.md, "Redis"): 'default' is off; admin (everything, for tests and
# operators), token-service, gateway, worker and cli each reach only their own keys, channels and
# commands. Once, into its folder, it makes a CA and a server certificate for 127.0.0.1/localhost
# (tls/ca.crt is what clients trust: REDIS_CA_FILE) and a random password per user, kept in clear
# only in users/<user>.url (mode 0600, a whole REDIS_URL: rediss://<user>:<password>@127.0.0.1:N);
# the ACL file holds their SHA-256. Later starts reuse them. Passwords are never printed. Clients
# are not asked for certificates (--tls-auth-clients no): the password authenticates them.
# stop-secure stops it by its PID file; status-secure PINGs it over TLS as admin.
#   REDIS_SECURE_PORT  its TLS port                         (default 6391)
#   REDIS_SECURE_DIR   its data, certificates, users, log, pid (default $WXRELAY_RUN_DIR/redis-secure-<port>)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

URL="${REDIS_URL:-redis://127.0.0.1:6379}"
PROJECT_PORT="${REDIS_PROJECT_PORT:-6390}"
DIR="$RUN_DIR/redis-$PROJECT_PORT"
PID_FILE="$DIR/redis.pid"
LOG_FILE="$DIR/redis.log"
PROJECT_URL="redis://127.0.0.1:$PROJECT_PORT"

# host and port of a redis:// URL (user info and database number are ignored here).
url_host() { local h="${1#*://}"; h="${h##*@}"; h="${h%%/*}"; printf '%s' "${h%:*}"; }
url_port() { local h="${1#*://}"; h="${h##*@}"; h="${h%%/*}"; [[ "$h" == *:* ]] && printf '%s' "${h##*:}" || printf 6379; }

# Speaks RESP over bash's /dev/tcp, so it works before redis-cli is installed.
answers() {
  local reply
  reply=$( (exec 3<>"/dev/tcp/$1/$2" && printf 'PING\r\n' >&3 && timeout 2 head -c 5 <&3) 2>/dev/null) || return 1
  [[ "$reply" == "+PONG" || "$reply" == "-NOAU" ]]
}

remember() { mkdir -p "$RUN_DIR"; printf '%s\n' "$1" >"$RUN_DIR/redis.url"; }

# Runs "$@" (a daemonizing redis-server) without the descriptors this script inherited beyond
# stdin/out/err: a daemon keeping them would hold, e.g., the lock of 'flock LOCK scripts/redis.sh
# start' for as long as it runs.
daemon() {
  (
    local fd
    [ -d "/proc/$BASHPID/fd" ] || exec "$@" # no /proc (macOS): as before
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$@"
  )
}

install_redis() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "redis-server is not installed; installing Debian's redis-server with apt-get ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    say "installed: $(redis-server --version)"
  else
    die "no Redis answers at $URL and redis-server is not on the PATH.
Install it (Debian/Ubuntu: 'sudo apt-get install redis-server'; macOS: 'brew install redis'),
or start one and set REDIS_URL to it."
  fi
}

start() {
  if answers "$(url_host "$URL")" "$(url_port "$URL")"; then
    remember "$URL"; say "redis answering at $URL (not started by this script); using it"; return 0
  fi
  if answers 127.0.0.1 "$PROJECT_PORT"; then
    remember "$PROJECT_URL"; say "redis already running at $PROJECT_URL; log: $LOG_FILE"; return 0
  fi
  command -v redis-server >/dev/null || install_redis
  mkdir -p "$DIR"
  # The command ledger must survive a restart (docs/operations.md, "What Redis must keep"): an
  # append-only file synced every second, and no eviction.
  daemon redis-server --daemonize yes --bind 127.0.0.1 --port "$PROJECT_PORT" --save "" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
    --dir "$DIR" --pidfile "$PID_FILE" --logfile "$LOG_FILE"
  for _ in $(seq 1 50); do answers 127.0.0.1 "$PROJECT_PORT" && break; sleep 0.1; done
  answers 127.0.0.1 "$PROJECT_PORT" || die "redis-server did not answer on port $PROJECT_PORT; see $LOG_FILE"
  remember "$PROJECT_URL"
  say "redis started (pid $(cat "$PID_FILE")) at $PROJECT_URL; log: $LOG_FILE"
}

stop() {
  if pid_alive "$PID_FILE"; then
    local pid; pid="$(cat "$PID_FILE")"; kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$PID_FILE"; say "redis stopped (pid $pid)"
    if [ "$(cat "$RUN_DIR/redis.url" 2>/dev/null)" = "$PROJECT_URL" ]; then rm -f "$RUN_DIR/redis.url"; fi
  else
    say "no redis started by this script on port $PROJECT_PORT (a Redis at $URL is left alone)"
  fi
}

status() {
  if answers "$(url_host "$URL")" "$(url_port "$URL")"; then say "redis answering at $URL"
  elif answers 127.0.0.1 "$PROJECT_PORT"; then say "redis answering at $PROJECT_URL (started by this script)"
  else say "no redis answering at $URL or $PROJECT_URL"; return 3
  fi
}

# ---- start-secure: TLS only, ACL users ----------------------------------------------------------

SECURE_PORT="${REDIS_SECURE_PORT:-6391}"
SECURE_DIR="${REDIS_SECURE_DIR:-$RUN_DIR/redis-secure-$SECURE_PORT}"
SECURE_PID="$SECURE_DIR/redis.pid"
SECURE_LOG="$SECURE_DIR/redis.log"
SECURE_USERS=(admin token-service gateway worker cli)
# Each service's ACL rules (docs/security.md, "Redis" says why each one is there). Redis 7.0: "%R~"
# is a read-only key pattern; a "(...)" selector is a second set of rules a command may match.
# AUTH and HELLO need no grant. Key patterns assume the default prefixes (TOKEN_REDIS_PREFIX,
# WORKER_REDIS_PREFIX, GATEWAY_DEDUPE_PREFIX).
CONNECT="-@all +ping +hello +client|setname"
acl_rules() {
  case "$1" in
    admin) printf '%s' "~* &* +@all" ;;
    token-service)
      printf '%s' "~wxrelay:token:* &wxrelay:token:updates &wxrelay:token:requests" \
        " &wxrelay:token:ticket:*:updates &wxrelay:token:ticket:*:requests $CONNECT" \
        " +hgetall +hget +get +set +del +incr +hset +pexpire +pexpireat +eval +publish" \
        " +subscribe +unsubscribe +zadd +zscore +zcard +zrange +zremrangebyscore" ;;
    worker)
      printf '%s' "~wxrelay:worker:* %R~wxrelay:token:app:* &wxrelay:token:updates $CONNECT" \
        " +info +time +eval +evalsha +get +set +del +incr +hget +hgetall +hset +hsetnx +hexists" \
        " +zadd +zcard +zrange +zremrangebyscore" \
        " +hdel +rpush +lpop +lindex +lrem +pttl +pexpire +subscribe +unsubscribe" \
        " (+publish &wxrelay:token:requests)" ;;
    gateway) printf '%s' "~wxrelay:gateway:* $CONNECT +set +del" ;;
    cli)
      printf '%s' "%R~wxrelay:token:app:* %R~wxrelay:token:force:* ~wxrelay:worker:cmd:*" \
        " %R~wxrelay:token:ticket:*:app:* %R~wxrelay:token:ticket:*:force:*" \
        " $CONNECT +hgetall +get +hget +eval +evalsha +del" ;;
  esac
}

# A user's URL file; its password is made once (random, 32 bytes hex) and kept only there.
secure_user_url() {
  local user="$1" file="$SECURE_DIR/users/$1.url" password
  if [ -f "$file" ]; then
    password="$(sed -n 's|^rediss://[^:]*:\([0-9a-f]*\)@.*|\1|p' "$file")"
  fi
  [ -n "${password:-}" ] || password="$(openssl rand -hex 32)"
  (umask 077 && printf 'rediss://%s:%s@127.0.0.1:%s\n' "$user" "$password" "$SECURE_PORT" >"$file")
  chmod 600 "$file"
}

secure_acl_file() {
  local acl="$SECURE_DIR/users.acl" user password hash
  (umask 077 && printf 'user default off resetkeys resetchannels -@all\n' >"$acl")
  for user in "${SECURE_USERS[@]}"; do
    secure_user_url "$user"
    password="$(sed -n 's|^rediss://[^:]*:\([0-9a-f]*\)@.*|\1|p' "$SECURE_DIR/users/$user.url")"
    hash="$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)"
    printf 'user %s on #%s resetkeys resetchannels %s\n' "$user" "$hash" "$(acl_rules "$user")" >>"$acl"
  done
}

# A CA and a server certificate it signed, for 127.0.0.1, ::1 and localhost; made once.
secure_certificates() {
  local tls="$SECURE_DIR/tls"
  [ -f "$tls/ca.crt" ] && [ -f "$tls/server.crt" ] && [ -f "$tls/server.key" ] && return 0
  command -v openssl >/dev/null || die "openssl is needed to make the TLS certificates"
  mkdir -p "$tls"
  (
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=wxrelay dev Redis CA" \
      -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
      -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n' \
      >"$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
      -CAcreateserial -days 825 -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null
  ) || die "openssl could not make the certificates in $tls"
  chmod 644 "$tls/ca.crt"
  rm -f "$tls/server.csr" "$tls/server.ext"
}

# PING over TLS as admin; the password goes through the environment, not the command line.
secure_answers() {
  local url
  url="$(cat "$SECURE_DIR/users/admin.url" 2>/dev/null)" || return 1
  [ "$(REDISCLI_AUTH="$(sed -n 's|^rediss://[^:]*:\([0-9a-f]*\)@.*|\1|p' <<<"$url")" \
    timeout 5 redis-cli --tls --cacert "$SECURE_DIR/tls/ca.crt" -h 127.0.0.1 \
    -p "$SECURE_PORT" --user admin --no-auth-warning PING 2>/dev/null)" = PONG ]
}

secure_start() {
  if pid_alive "$SECURE_PID" && secure_answers; then
    say "secure redis already running (pid $(cat "$SECURE_PID")) at rediss://127.0.0.1:$SECURE_PORT"
    say "users' URLs: $SECURE_DIR/users/<user>.url; CA: $SECURE_DIR/tls/ca.crt"; return 0
  fi
  command -v redis-server >/dev/null || install_redis
  mkdir -p "$SECURE_DIR/users"; chmod 700 "$SECURE_DIR/users"
  secure_certificates
  secure_acl_file
  daemon redis-server --daemonize yes --bind "127.0.0.1 -::1" --port 0 --tls-port "$SECURE_PORT" \
    --tls-cert-file "$SECURE_DIR/tls/server.crt" --tls-key-file "$SECURE_DIR/tls/server.key" \
    --tls-ca-cert-file "$SECURE_DIR/tls/ca.crt" --tls-auth-clients no \
    --aclfile "$SECURE_DIR/users.acl" --save "" --appendonly yes --appendfsync everysec \
    --maxmemory-policy noeviction --dir "$SECURE_DIR" --pidfile "$SECURE_PID" \
    --logfile "$SECURE_LOG" || die "redis-server did not start; see $SECURE_LOG"
  for _ in $(seq 1 50); do secure_answers && break; sleep 0.1; done
  secure_answers || die "secure redis did not answer on TLS port $SECURE_PORT; see $SECURE_LOG"
  say "secure redis started (pid $(cat "$SECURE_PID")) at rediss://127.0.0.1:$SECURE_PORT (TLS, ACL)"
  say "users' URLs: $SECURE_DIR/users/<user>.url; CA: $SECURE_DIR/tls/ca.crt; log: $SECURE_LOG"
}

secure_stop() {
  if pid_alive "$SECURE_PID"; then
    local pid; pid="$(cat "$SECURE_PID")"; kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$SECURE_PID"; say "secure redis stopped (pid $pid)"
  else
    say "no secure redis started by this script on port $SECURE_PORT"
  fi
}

secure_status() {
  if secure_answers; then say "secure redis answering at rediss://127.0.0.1:$SECURE_PORT (TLS, ACL)"
  else say "no secure redis answering at rediss://127.0.0.1:$SECURE_PORT"; return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  start-secure) secure_start ;;
  stop-secure) secure_stop ;;
  status-secure) secure_status ;;
  *) die "usage: $0 start|stop|status|start-secure|stop-secure|status-secure" ;;
esac
