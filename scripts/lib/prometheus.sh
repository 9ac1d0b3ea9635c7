#!/usr/bin/env bash
# Prometheus (and its promtool) for the local relay and the tests. Source it after common.sh.

# Makes sure `prometheus` and `promtool` are on the PATH: Debian's package, installed with apt-get
# when this runs as root, else a sentence that says how.
ensure_prometheus() {
  command -v prometheus >/dev/null && command -v promtool >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "prometheus is not installed; installing Debian's prometheus with apt-get ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    die "prometheus and promtool are not on the PATH. Install them (Debian/Ubuntu: 'sudo apt-get
install prometheus'; macOS: 'brew install prometheus') and run this again."
  fi
}
