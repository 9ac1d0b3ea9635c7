#!/usr/bin/env bash
# Writes what docker-compose.yml needs and must not be in the repository, beside that file:
#
#   secrets/                         mode 0700
#     token-api-bearer               mode 0600: token-service's HTTP API bearer (TOKEN_API_BEARER_FILE)
#     grafana-admin-password         mode 0600: Grafana's admin password (user admin)
#   .env                             mode 0600: REDIS_PASSWORD (Redis and every REDIS_URL),
#                                    SECRETS_UID (the user id Grafana runs as to read its secret)
#
#   scripts/compose-secrets.sh
#
# Each value is 32 random bytes from /dev/urandom in hex, made only when missing: running it again
# changes nothing, and a value you set yourself is kept. Values are never printed: read them from
# the files (e.g. the bearer for `curl -H "Authorization: Bearer $(cat secrets/token-api-bearer)"`).
# Both secrets/ and .env are git-ignored. To rotate one, delete it, run this again, and restart
# the services that use it (`docker compose up -d`).
#
# Environment (optional):
#   COMPOSE_DIR  the folder of docker-compose.yml (default: the repository root)
set -euo pipefail

DIR="${COMPOSE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
SECRETS="$DIR/secrets"
ENV_FILE="$DIR/.env"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# 32 random bytes as 64 hex digits: fit for a URL, a bearer and a password alike.
random_hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

# Writes a random value to the file $1 unless it exists and is not empty; its mode is 0600 either way.
secret_file() {
  local file="$1"
  if [ -s "$file" ]; then
    say "kept    $file"
  else
    (umask 077 && random_hex >"$file")
    say "created $file"
  fi
  chmod 600 "$file"
}

# Appends NAME=value to .env unless .env already sets NAME.
env_var() {
  local name="$1" value="$2"
  if grep -q "^$name=" "$ENV_FILE"; then
    say "kept    $name in $ENV_FILE"
  else
    # a last line without its newline would run into ours
    if [ -s "$ENV_FILE" ] && [ -n "$(tail -c 1 "$ENV_FILE")" ]; then printf '\n' >>"$ENV_FILE"; fi
    printf '%s=%s\n' "$name" "$value" >>"$ENV_FILE"
    say "added   $name to $ENV_FILE"
  fi
}

[ -r /dev/urandom ] || die "/dev/urandom is not readable"
[ -f "$DIR/docker-compose.yml" ] || die "no docker-compose.yml in $DIR"

(umask 077 && mkdir -p "$SECRETS")
chmod 700 "$SECRETS"
secret_file "$SECRETS/token-api-bearer"
secret_file "$SECRETS/grafana-admin-password"

(umask 077 && touch "$ENV_FILE")
chmod 600 "$ENV_FILE"
env_var REDIS_PASSWORD "$(random_hex)"
env_var SECRETS_UID "$(id -u)"

say "compose secrets ready in $SECRETS and $ENV_FILE (values not shown); now: docker compose up --build"
