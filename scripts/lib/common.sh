#!/usr/bin/env bash
# Shared helpers for wxrelay scripts. Source it; do not run it.
#   ROOT      repository root
#   RUN_DIR   git-ignored folder for data, logs and pid files (WXRELAY_RUN_DIR overrides)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${WXRELAY_RUN_DIR:-$ROOT/.run}"
MIN_JAVA=21

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# A URL fit to print: its user and password (redis://user:pw@host:port/0) left out.
redacted_url() { case "$1" in *://*@*) printf '%s://%s' "${1%%://*}" "${1#*@}" ;; *) printf '%s' "$1" ;; esac; }

# Sets REPLY to the feature release of the java binary given as $1 (17, 21, 25, ...), or to nothing.
# Read from the JDK's release file when it has one, with no JVM started and no subshell (find_jdk
# runs it for every JDK installed, at each ./wxrelay start), else asked.
java_release() {
  local line version=""
  REPLY=""
  if [ -r "${1%/bin/java}/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) version="${line#JAVA_VERSION=}" ;; esac
    done <"${1%/bin/java}/release"
    version="${version//\"/}"; version="${version#1.}"; version="${version%%[!0-9]*}"
    if [ -n "$version" ]; then REPLY=$version; return 0; fi
  fi
  REPLY=$("$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
}

# Exports JAVA_HOME pointing at a JDK >= MIN_JAVA: $JAVA_HOME if it qualifies, else the newest
# qualifying JDK under /usr/lib/jvm. A JDK means javac is there too (Maven compiles with it).
# Sets JAVA_RELEASE (not exported) to its feature release, so no caller asks for it again.
find_jdk() {
  local candidate release best="" best_release=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    java_release "$JAVA_HOME/bin/java"; release=$REPLY
    if [ "${release:-0}" -ge "$MIN_JAVA" ]; then export JAVA_HOME; JAVA_RELEASE=$release; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    java_release "$candidate/bin/java"; release=$REPLY
    if [ "${release:-0}" -ge "$MIN_JAVA" ] && [ "$release" -gt "$best_release" ]; then
      best="$candidate"; best_release="$release"
    fi
  done
  if [ -z "$best" ]; then
    die "no JDK >= $MIN_JAVA found (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm).
Install one, e.g. 'apt-get install openjdk-21-jdk-headless' (Debian 13+) or a Temurin 21/25
package, or set JAVA_HOME to a JDK >= $MIN_JAVA."
  fi
  export JAVA_HOME="$best"; JAVA_RELEASE=$best_release
}

# Runs the Maven Wrapper from the repository root with a JDK >= MIN_JAVA.
mvnw() {
  find_jdk
  (cd "$ROOT" && ./mvnw "$@")
}

# Class-data sharing for a JVM the scripts start (decision 0051): sets CDS_OPTS so that the JVM
# maps the classes an earlier run of its kind ($1: a service, a Kafka node, a Kafka tool) loaded,
# from an archive the JVM writes itself at its first clean exit (-XX:+AutoCreateSharedArchive)
# and writes again when the JDK or the jars change. The archives are in WXRELAY_CDS_DIR (default
# target/cds); WXRELAY_CDS=0 (or off): none. Call after find_jdk.
cds_options() {
  CDS_OPTS=()
  case "${WXRELAY_CDS:-1}" in 0 | off | false | no) return 0 ;; esac
  local dir="${WXRELAY_CDS_DIR:-$ROOT/target/cds}"
  local archive="$dir/$1.jsa"
  # A ':' would make the JVM read two archives; a folder it cannot write to would fail the JVM's
  # exit with status 1 when it writes the archive.
  case "$dir" in *:*) return 0 ;; esac
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  # The JVM writes an archive's header last: one without it was cut short (its JVM killed while
  # writing), and the JVM would refuse it with a warning at every start, never writing it again.
  # (Removed, not rewritten: a JVM that maps it keeps its copy.)
  if [ -e "$archive" ] && [ "$(od -An -tx1 -N4 "$archive" | tr -d ' \n')" != a8ab0bf0 ]; then
    rm -f "$archive" 2>/dev/null || return 0
  fi
  # VerifySharedSpaces: the JVM checks the archive's checksums before it maps it, and runs without
  # an archive that does not match (two JVMs of a kind that write it at the same moment can mix
  # their bytes); unchecked, such an archive crashes the JVM at start. Its cost was not measurable.
  CDS_OPTS=("-XX:SharedArchiveFile=$archive" -XX:+AutoCreateSharedArchive -XX:+VerifySharedSpaces
    '-Xlog:cds*=off')
  # From JDK 25 most of the archive's messages are tagged aot.
  [ "${JAVA_RELEASE:-0}" -lt 25 ] || CDS_OPTS+=('-Xlog:aot*=off')
}

# The jar of a module's own classes (not its -tests.jar), empty when it is not built.
module_jar() { ls "$ROOT/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -n 1; }

# True when host:port accepts a TCP connection.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Reads a pid file and tells whether that process is alive.
pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# The port of host:port, of the first of a list of them, or of a URL (scheme://user:secret@host:port/...).
port_of() {
  local a="${1#*://}"
  a="${a##*@}"
  a="${a%%/*}"
  a="${a%%,*}"
  printf '%s' "${a##*:}"
}

# PID of the process on this machine listening on TCP port $1 (a broker, Redis), empty when none
# can be seen (no such listener, another user's process, no ss).
listener_pid() {
  [[ "$1" =~ ^[0-9]+$ ]] || return 0
  { ss -ltnpH "sport = :$1" 2>/dev/null || true; } | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}
