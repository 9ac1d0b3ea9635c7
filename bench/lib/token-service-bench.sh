# Runs a benchmark main class of token-service's tests on the local Redis (loopback), writing its
# Markdown table to bench/results/<name>.md. Source it after scripts/lib/common.sh.
# Usage: token_service_bench <main class> <result name>
token_service_bench() {
  local main="$1" result="$2"
  find_jdk
  "$ROOT/scripts/redis.sh" start >/dev/null
  REDIS_URL="$(cat "$RUN_DIR/redis.url")"; export REDIS_URL
  local cp_file="$RUN_DIR/token-service-test.classpath"
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl token-service -am test-compile dependency:build-classpath \
    -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
  "$JAVA_HOME/bin/java" -Xmx1g \
    -cp "$ROOT/token-service/target/test-classes:$ROOT/token-service/target/classes:$(cat "$cp_file")" \
    -Dlog4j2.level=WARN "$main" "$ROOT/bench/results/$result.md"
}
