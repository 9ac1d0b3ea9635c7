#!/usr/bin/env bash
# The mission end to end on a relay that scripts/up.sh started (with the simulator): a QR code and
# its reply, broadcasts, a token rotated behind wxrelay's back, and a summary of what was observed.
# Same as ./wxrelay demo; arguments go to it (./wxrelay demo --help).
set -euo pipefail
exec "$(dirname "$0")/../wxrelay" demo "$@"
