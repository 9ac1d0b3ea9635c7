#!/usr/bin/env bash
# Keeps this checkout's contracts (schemas and examples) as today's release under
# schemas/src/test/resources/releases/<date>/, which ReleasesTest holds every later release to.
# Run it after changing a schema or an example (docs/contracts.md, "Evolution").
#
#   scripts/keep-contracts.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

release="$ROOT/schemas/src/test/resources/releases/$(date -u +%F)"
rm -rf "$release"
mkdir -p "$release"
cp -r "$ROOT/schemas/src/main/resources/schemas" "$ROOT/schemas/src/main/resources/examples" "$release/"
say "kept the contracts as ${release#"$ROOT"/} ($(ls "$release/schemas" | wc -l) schemas, $(ls "$release/examples" | wc -l) examples)"
