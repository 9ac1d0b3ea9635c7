#!/usr/bin/env bash
# schemas: microseconds per encode and decode of a record value (one thread, no I/O), and the encode
# as it was before the envelope was checked in code. Bounded: fixed rounds. Writes
# bench/results/codec.md.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
find_jdk
cp_file="$RUN_DIR/schemas-test.classpath"
mkdir -p "$RUN_DIR"
(cd "$ROOT" && ./mvnw -q -B -ntp -pl schemas test-compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
"$JAVA_HOME/bin/java" -Xmx512m \
  -cp "$ROOT/schemas/target/test-classes:$ROOT/schemas/target/classes:$(cat "$cp_file")" \
  io.wxrelay.schemas.codec.CodecBenchmark "$ROOT/bench/results/codec.md"
