#!/usr/bin/env bash
# send-worker scale-out and scale-in on a replicated 3-node Kafka cluster of its own, under each
# consumer group protocol (KAFKA_GROUP_PROTOCOL eager, cooperative, consumer) in one run: workers
# 1 -> 2 -> 4 -> 6 -> 3 (child JVMs; scale-in by SIGTERM), then a rolling restart of three, with
# dynamic and with static membership. WeChat (wechat-sim) answers after 50 ms. Loopback only, fixed
# step durations, a deadline for the whole run; every process it starts is stopped by its PID.
# Writes bench/results/scale-out.md.
#
#   bench/scale-out.sh        (BENCH_STEP_SECONDS=15, BENCH_IN_FLIGHT=6, BENCH_BACKLOG=4000,
#                              BENCH_PROTOCOLS=eager,cooperative,consumer, BENCH_DEADLINE_MINUTES=20)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
if [[ -z "${REDIS_URL:-}" ]]; then
  "$ROOT/scripts/redis.sh" start >/dev/null
  REDIS_URL="$(cat "$RUN_DIR/redis.url")"
fi
export REDIS_URL
cp_file="$RUN_DIR/send-worker-test.classpath"
cd "$ROOT"
./mvnw -q -B -ntp -pl send-worker -am install -DskipTests -Dspotless.check.skip=true
./mvnw -q -B -ntp -pl send-worker test-compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
# The cluster is started by the benchmark (test-kit's OwnCluster runs scripts/kafka.sh from here,
# its data under target/own-cluster-*). The outer timeout is a backstop to the run's own deadline:
# SIGTERM lets the benchmark's shutdown hook stop its workers and the cluster by PID.
# LOG_LEVEL=warn: the benchmark JVM hosts the sim and token-service (the workers log at info).
deadline_min="${BENCH_DEADLINE_MINUTES:-20}"
LOG_LEVEL=warn timeout --signal=TERM --kill-after=120 "$((deadline_min * 60 + 300))" \
  "$JAVA_HOME/bin/java" -Xmx1g \
  -cp "$ROOT/send-worker/target/test-classes:$ROOT/send-worker/target/classes:$(cat "$cp_file")" \
  -Dlog4j2.level=WARN io.wxrelay.worker.ScaleOutBenchmark "${BENCH_OUT:-$ROOT/bench/results/scale-out.md}"
