#!/usr/bin/env bash
# Usage: demo_test.sh SOURCE_DIR BUILD_DIR. Runs scripts/demo against BUILD_DIR.
set -uo pipefail
source=$1 build=$2
out=$(mktemp /tmp/edigate-demo-test.XXXXXX)
trap 'rm -f "$out"' EXIT
fail() { echo "demo test: $*" >&2; echo "--- demo output ---" >&2; cat "$out" >&2; exit 1; }

# scripts/demo takes the build folder relative to the source tree.
rel=$(realpath --relative-to="$source" "$build")
"$source/scripts/demo" "$rel" >"$out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "exit $rc"
grep -qE '^\[ *[0-9]+%\]|Building CXX|Linking CXX|Scanning dependencies|^-- ' "$out" && fail "build output in the demo"
grep -q '^edigate demo: building the binary and plugins in .* done$' "$out" || fail "no build line"
grep -q '^One canonical message in full' "$out" || fail "no canonical message section"
grep -qE '"type": ?"purchase_order"' "$out" || fail "the canonical message is not shown"
[ "$(grep -cE '"schema": ?"edigate.canonical/v1"' "$out")" = 1 ] || fail "expected exactly one full canonical message"
grep -q '^    ST\*855\*0001~$' "$out" || fail "no rendered 855"
echo "demo test: ok"
