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
grep -q '^edigate demo: building the gateway, plugins and demo receiver in .* done$' "$out" || fail "no build line"
# What the gateway did with the samples: deliveries to the ERP receiver and the folders, acks
# back to the partners, the ERP's ship notice rendered, a clean SIGTERM.
grep -qE '^  erp +purchase_order +4$' "$out" || fail "four purchase orders should reach the ERP receiver"
grep -qE '^  wms +ship_notice +2$' "$out" || fail "two ship notices should reach the WMS folder"
grep -qE '^  tms +tracking_event +[0-9]+$' "$out" || fail "tracking events should reach the TMS folder"
grep -qE '^  acme-retail +(folder|as2) +acme-retail-997-000005001\.edi$' "$out" || fail "no 997 for acme-retail"
# ACME over AS2 when its station (our libas2 peer: node and npm's libas2) could start: the order in
# with a processed, signed MDN whose MIC libas2 checked; the 997 and the ship notice back over AS2.
# With node and libas2 installed (scripts/as2-peer-setup, run by the demo) the station must start.
if command -v node >/dev/null 2>&1 && [ -d "$build/as2-peer/node/node_modules/libas2" ]; then
  grep -q "^ACME's AS2 station: libas2 on 127.0.0.1:" "$out" || fail "node and libas2 are installed, yet no AS2 station for ACME"
fi
if grep -q "^ACME's AS2 station: libas2 on 127.0.0.1:" "$out"; then
  grep -qE '^ACME sent its order over AS2 to the gateway .*: MDN "processed", signed and verified, MIC [A-Za-z0-9+/=]+, sha-256' "$out" ||
    fail "no processed, signed MDN for ACME's order"
  grep -qE '^  acme-retail +as2 +acme-retail-997-000005001\.edi$' "$out" || fail "the 997 did not go back over AS2"
  grep -qE '^  acme-retail +as2 +acme-retail-ship_notice-' "$out" || fail "the ship notice did not go over AS2"
fi
grep -qE '^  eurofood +folder +eurofood-CONTRL-' "$out" || fail "no CONTRL for eurofood"
# Northwind over SFTP: its order collected from its server (a private sshd), the 999 and the
# ERP's 855 uploaded back to it.
grep -q "^Northwind's SFTP server: a private sshd on 127.0.0.1:" "$out" || fail "no SFTP server for Northwind"
grep -qE '^  northwind +sftp +northwind-999-' "$out" || fail "no 999 for northwind over SFTP"
grep -qE '^  northwind +sftp +northwind-purchase_order_ack-' "$out" || fail "no 855 for northwind over SFTP"
grep -q '^    ST\*856\*0001~$' "$out" || fail "no rendered 856"
grep -qE '"type": ?"purchase_order"' "$out" || fail "the delivered message is not shown"
grep -q 'Stopped the gateway (SIGTERM: drained, exit 0)' "$out" || fail "the gateway did not stop cleanly"
grep -q 'UNEXPECTED' "$out" && fail "the demo reported something unexpected"
echo "demo test: ok"
