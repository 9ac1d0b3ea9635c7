#!/usr/bin/env bash
# How ./wxrelay starts the CLI's JVM fast (decision 0035). Source it after common.sh, with JAVA_HOME
# set (find_jdk). cli_java_command CLASSPATH_JARS... fills the array CLI_JAVA with the java command
# line up to (not including) the main class:
#   - the JVM flags of a short-lived command (C1 only, Serial GC, no perf data file, an MBean
#     server that keeps nothing: io.wxrelay.cli.main.UnkeptMBeans, decision 0041);
#   - no logging framework when LOG_LEVEL is unset or off (the clients' slf4j goes to its no-op
#     provider; LOG_LEVEL=debug loads log4j2 with log4j2-cli.xml as before);
#   - the start-up cache: JDK 25+ an AOT cache (-XX:AOTCache), JDK 19-24 a dynamic CDS archive
#     (-XX:SharedArchiveFile). It lives in WXRELAY_CLI_CACHE_DIR (default cli/target/startup-cache),
#     named by a hash of the sizes and times of the JDK, the jars and this file (the JVM's flags),
#     so a rebuild, another JDK or other flags make a new one. The first run without one starts
#     making it in the background (niced, one at a time, written to a temporary name and renamed)
#     and runs without it.
#     WXRELAY_CLI_CACHE=off runs without the cache and makes none. Delete the folder to drop it.
#   - two caches (decision 0041): a small "local" one for the lines that print help, the version or
#     the accounts file, and a "full" one, with the Kafka clients, for every other line. A JVM maps
#     and links every class of its cache at start, whichever it needs: ~5,300 classes cost a
#     --help about 90 ms that ~1,500 do not. Call cli_cache_kind with the line's words first.

CLI_CACHE_DIR="${WXRELAY_CLI_CACHE_DIR:-$ROOT/cli/target/startup-cache}"
CLI_CACHE_KIND=full

# Sets CLI_CACHE_KIND for the command line $@: local when it only prints help, the version or the
# accounts file (no Kafka client made), else full. A line judged wrongly is slower, never wrong: a
# class that its cache lacks is loaded from its jar as without a cache.
cli_cache_kind() {
  local word
  CLI_CACHE_KIND=local
  case "${1:-}" in "" | accounts | help) return 0 ;; esac
  for word; do case "$word" in -h | --help | -V | --version) return 0 ;; esac; done
  CLI_CACHE_KIND=full
}

# The flags every CLI JVM gets, the training run's too (the cache is only used by a JVM like it).
cli_jvm_flags() {
  # picocli.disable.closures: picocli looks for Groovy's Closure class at its start, a miss that
  # opens every jar of the class path (~15 ms); the CLI has no Groovy (decision 0045).
  CLI_JAVA=("$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData
    --enable-native-access=ALL-UNNAMED -Dlog4j2.configurationFile=log4j2-cli.xml
    -Djavax.management.builder.initial=io.wxrelay.cli.main.UnkeptMBeans
    -Dpicocli.disable.closures=true)
  # Otherwise slf4j finds log4j2's provider on the class path, as before.
  case "${LOG_LEVEL:-off}" in
    off | OFF | Off)
      CLI_JAVA+=(-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider
        -Dslf4j.internal.verbosity=WARN) ;;
  esac
}

# Sets CLI_CACHE_FILE to the cache file's name for kind $1 (local, full), the JDK of release $2 and
# the jars $3...: empty when this JDK makes none (before 19). A variable, not printed: the launcher
# forks as little as it can (decision 0041). The key only has to change when a jar, the JDK or this
# file (the JVM's flags: a cache made with other flags may go unused) does: it hashes, in bash (no
# more processes than the one stat), the sizes and modification times of the JDK's module image
# (lib/modules, which changes with every update installed in place, 25.0.3 -> 25.0.4), this file
# and the jars.
cli_cache_file() {
  local kind=$1 release=$2 ext stats size time count=0 sizes=0 times=0
  shift 2
  CLI_CACHE_FILE=""
  if [ "$release" -ge 25 ]; then ext=aot; elif [ "$release" -ge 19 ]; then ext=jsa; else return 0; fi
  stats=$(stat -c '%s %Y' "$JAVA_HOME/lib/modules" "${BASH_SOURCE[0]}" "$@" 2>/dev/null ||
    stat -f '%z %m' "$JAVA_HOME/lib/modules" "${BASH_SOURCE[0]}" "$@")
  while read -r size time; do
    count=$((count + 1))
    sizes=$(((sizes * 31 + size) % 4294967291))
    times=$(((times * 31 + time) % 4294967291))
  done <<<"$stats"
  CLI_CACHE_FILE="$CLI_CACHE_DIR/cli-$kind-$release-$count-$sizes-$times.$ext"
}

# The flags that use cache file $2 (JDK release $1), its errors kept off stdout: an unusable cache
# is ignored (-Xshare:auto, AOTMode auto) and the command runs as without it.
cli_cache_flags() {
  if [ "$1" -ge 25 ]; then
    CLI_JAVA+=("-XX:AOTCache=$2" -Xlog:aot*=off -Xlog:cds*=off)
  else
    CLI_JAVA+=("-XX:SharedArchiveFile=$2" -Xshare:auto -Xlog:cds*=off)
  fi
}

# Makes cache file $2 for JDK release $1 from a training run (io.wxrelay.cli.main.StartupTraining,
# of kind $4) on class path $3, in the background: one maker at a time (flock), a temporary name
# renamed into place (a reader sees no file or a whole one), caches for other jars or another JDK
# (another key after the kind) removed once it is there.
cli_cache_make() {
  local release=$1 file=$2 cp=$3 kind=$4 tmp="$2.$$.tmp" key
  mkdir -p "$CLI_CACHE_DIR" 2>/dev/null || return 0
  (
    if command -v flock >/dev/null; then
      exec 9>"$CLI_CACHE_DIR/.making"
      flock -w 120 9 || exit 0 # the other kind's maker may hold it: wait
      rm -f "$CLI_CACHE_DIR"/*.tmp "$CLI_CACHE_DIR"/*.tmp.conf # a killed maker's leftovers
    fi
    [ -f "$file" ] && exit 0
    trap 'rm -f "$tmp" "$tmp.conf"' EXIT
    if [ "$release" -ge 25 ]; then
      nice -n 10 "${CLI_JAVA[@]}" -XX:AOTMode=record "-XX:AOTConfiguration=$tmp.conf" -Xlog:aot*=off \
        -Xlog:cds*=off -cp "$cp" io.wxrelay.cli.main.StartupTraining "$kind" &&
        nice -n 10 "${CLI_JAVA[@]}" -XX:AOTMode=create "-XX:AOTConfiguration=$tmp.conf" \
          "-XX:AOTCache=$tmp" -Xlog:aot*=off -Xlog:cds*=off -cp "$cp"
    else
      nice -n 10 "${CLI_JAVA[@]}" "-XX:ArchiveClassesAtExit=$tmp" -Xlog:cds*=off -cp "$cp" \
        io.wxrelay.cli.main.StartupTraining "$kind"
    fi
    [ -s "$tmp" ] || exit 0
    mv -f "$tmp" "$file"
    key=${file##*/cli-"$kind"}
    for old in "$CLI_CACHE_DIR"/cli-*."${file##*.}"; do
      [[ "$old" == */cli-local"$key" || "$old" == */cli-full"$key" ]] || rm -f "$old"
    done
  ) </dev/null >/dev/null 2>&1 &
  disown 2>/dev/null || true
}

# Sets CLI_CLASS_PATH to the jars $@ joined by ':' (no subshell).
cli_class_path() {
  local IFS=:
  CLI_CLASS_PATH="$*"
}

# CLI_JAVA: the java command line for the jars $@ (the CLI's jar first), up to the main class, with
# the cache of kind CLI_CACHE_KIND.
cli_java_command() {
  local release file cp
  cli_jvm_flags
  cli_class_path "$@"
  cp=$CLI_CLASS_PATH
  if [ "${WXRELAY_CLI_CACHE:-on}" != off ]; then
    release=${JAVA_RELEASE:-} # find_jdk knows it
    if [ -z "$release" ]; then java_release "$JAVA_HOME/bin/java"; release=$REPLY; fi
    cli_cache_file "$CLI_CACHE_KIND" "${release:-0}" "$@"
    file=$CLI_CACHE_FILE
    if [ -n "$file" ] && [ -s "$file" ]; then
      cli_cache_flags "$release" "$file"
    elif [ -n "$file" ]; then
      cli_cache_make "$release" "$file" "$cp" "$CLI_CACHE_KIND"
    fi
  fi
  CLI_JAVA+=(-cp "$cp")
}
