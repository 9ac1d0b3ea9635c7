#!/usr/bin/env bash
# A real Redis for wxrelay: the one answering at REDIS_URL if there is one, else redis-server
# from the PATH on a project port, else Debian's redis-server installed with apt-get (as root).
#
#   scripts/redis.sh start|stop|status
#
# Environment (all optional):
#   REDIS_URL          Redis to use when it answers        (default redis://127.0.0.1:6379)
#   REDIS_PROJECT_PORT port for a Redis this script starts (default 6390)
#   WXRELAY_RUN_DIR    data, log and pid folder            (default <repo>/.run, git-ignored)
#
# Prints the URL to use and writes it to $WXRELAY_RUN_DIR/redis.url.
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
  redis-server --daemonize yes --bind 127.0.0.1 --port "$PROJECT_PORT" --save "" \
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

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
