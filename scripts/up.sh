#!/usr/bin/env bash
# The main job of wxrelay, for now: start a real Kafka and Redis, create wxrelay's topics, and
# print where everything is. Later issues extend it to start the services.
#
#   scripts/up.sh        start (idempotent)
#   scripts/down.sh      stop what up.sh started
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
find_jdk

"$ROOT/scripts/kafka.sh" start
"$ROOT/scripts/redis.sh" start >/dev/null
REDIS_URL="$(cat "$RUN_DIR/redis.url")"
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-${KAFKA_HOST:-127.0.0.1}:${KAFKA_PORT:-9092}}"

say "building service-kit (quietly) ..."
cp_file="$RUN_DIR/service-kit.classpath"
(cd "$ROOT" && ./mvnw -q -B -ntp -pl service-kit -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
say "topics on $KAFKA_BOOTSTRAP_SERVERS:"
"$JAVA_HOME/bin/java" -cp "$ROOT/service-kit/target/classes:$(cat "$cp_file")" \
  -Dlog4j2.level=WARN io.wxrelay.kit.kafka.CreateTopics

cat <<INFO

wxrelay infrastructure is up:
  KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS   (log: $RUN_DIR/kafka-${KAFKA_PORT:-9092}/broker.log)
  REDIS_URL=${REDIS_URL}
Stop with scripts/down.sh.
INFO
