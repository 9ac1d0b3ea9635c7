#!/usr/bin/env bash
# send-worker: commands/s of one worker against wechat-sim (no latency; 100 ms latency on one
# partition) and the rate-limit accuracy of three workers sharing one limit. Real broker and Redis
# (started here if not running), workers as separate JVMs, loopback only, fixed command counts and
# a deadline per scenario. Writes bench/results/send-worker.md.
#
#   bench/send-worker.sh            (BENCH_COMMANDS=30000, BENCH_WARMUP_ROUNDS=4,
#                                    BENCH_ONLY=throughput|latency|ratelimit)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
"$ROOT/scripts/kafka.sh" start
"$ROOT/scripts/redis.sh" start >/dev/null
REDIS_URL="$(cat "$RUN_DIR/redis.url")"; export REDIS_URL
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
cp_file="$RUN_DIR/send-worker-test.classpath"
(cd "$ROOT" && ./mvnw -q -B -ntp -pl send-worker -am install -DskipTests -Dspotless.check.skip=true \
  && ./mvnw -q -B -ntp -pl send-worker test-compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
# shellcheck disable=SC2086 # BENCH_JVM_OPTIONS: options for the benchmark's own JVM (it hosts the sim)
"$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JVM_OPTIONS:-} \
  -cp "$ROOT/send-worker/target/test-classes:$ROOT/send-worker/target/classes:$(cat "$cp_file")" \
  -Dlog4j2.level=WARN io.wxrelay.worker.WorkerBenchmark "$ROOT/bench/results/send-worker.md"
