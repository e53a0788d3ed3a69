#!/usr/bin/env bash
# The demo's AS2 partner: ACME Retail (AS2 id ACMERETAIL-AS2) played by libas2 on 127.0.0.1.
#   start-partner-peer.sh DIR PORT
# Starts libas2's receiver on 127.0.0.1:PORT (what the gateway sends ACME goes to DIR/received,
# e.g. the 997 for the PO) and writes its PID to DIR/peer.pid. send-po.sh DIR GATEWAY_URL then
# sends ACME's PO; stop-partner-peer.sh DIR stops the receiver. libas2 is installed into BUILD/as2-peer by
# scripts/as2-peer-setup (run here); the peer is our tests/transports/as2/peer/receive.js.
# Exit 77 when node is missing or npm cannot install libas2.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dir=${1:?usage: start-partner-peer.sh DIR PORT}
port=${2:?usage: start-partner-peer.sh DIR PORT}
build=${EDIGATE_BUILD_DIR:-$root/build}
setup=$("$root/scripts/as2-peer-setup" "$build" 2>&1) || { rc=$?; echo "start-partner-peer: $setup"; exit $rc; }
export NODE_PATH=$build/as2-peer/node/node_modules

mkdir -p "$dir/certs" "$dir/received"
# The peers find AS2 id X's certificate at certs/x.crt (and its own key at certs/x.key).
cp "$here/certs/acmeretail-as2.key" "$here/certs/acmeretail-as2.crt" "$here/certs/edigatedemo.crt" "$dir/certs/"
chmod 600 "$dir/certs/acmeretail-as2.key"

node "$root/tests/transports/as2/peer/receive.js" "$port" --id ACMERETAIL-AS2 --certs "$dir/certs" --out "$dir/received" \
  >"$dir/peer.log" 2>&1 &
echo $! >"$dir/peer.pid"
for _ in $(seq 100); do grep -q '"listening"' "$dir/peer.log" && break; sleep 0.1; done
grep -q '"listening"' "$dir/peer.log" || { echo "start-partner-peer: the receiver did not start:"; cat "$dir/peer.log"; exit 1; }
echo "ACME's AS2 receiver: http://127.0.0.1:$port/as2 (pid $(cat "$dir/peer.pid"), log $dir/peer.log)"

