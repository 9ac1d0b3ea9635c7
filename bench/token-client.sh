#!/usr/bin/env bash
# token-service's client: p50/p99 of current() from its cache and of a fresh Redis read, and the
# upstream fetch count of a reportInvalid storm. Bounded (fixed call counts), loopback only.
# Writes bench/results/token-client.md.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
"$ROOT/scripts/redis.sh" start >/dev/null
REDIS_URL="$(cat "$RUN_DIR/redis.url")"; export REDIS_URL
cp_file="$RUN_DIR/token-service-test.classpath"
(cd "$ROOT" && ./mvnw -q -B -ntp -pl token-service -am test-compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
"$JAVA_HOME/bin/java" -Xmx1g \
  -cp "$ROOT/token-service/target/test-classes:$ROOT/token-service/target/classes:$(cat "$cp_file")" \
  -Dlog4j2.level=WARN io.wxrelay.token.TokenClientBenchmark "$ROOT/bench/results/token-client.md"
