#!/usr/bin/env bash
# Runs one send-worker process in the foreground until Ctrl-C (SIGTERM drains and commits). Every
# WORKER_* variable is in docs/reference.md (send-worker section). It needs Kafka, Redis and a running
# token-service for the same Redis, e.g. against the simulator:
#   WECHAT_API_BASE=http://127.0.0.1:8089 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
#   REDIS_URL=redis://127.0.0.1:6379 scripts/send-worker.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
find_jdk
if [ "${WORKER_SKIP_BUILD:-0}" != 1 ]; then
  say "building send-worker (quietly) ..."
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl send-worker -am package -DskipTests -Dspotless.check.skip=true)
fi
cds_options send-worker
exec "$JAVA_HOME/bin/java" "${CDS_OPTS[@]}" ${WORKER_JAVA_OPTS:-} \
  -cp "$(module_jar send-worker):$ROOT/send-worker/target/lib/*" \
  io.wxrelay.worker.WorkerMain
