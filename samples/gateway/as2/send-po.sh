#!/usr/bin/env bash
# ACME (libas2) sends its sample 850 to the gateway's AS2 listener, signed and encrypted, and
# checks the gateway's signed MDN: exit 0 only for "processed" with the MIC libas2 computed.
#   send-po.sh DIR GATEWAY_URL      (DIR prepared by start-partner-peer.sh; URL http://127.0.0.1:N/as2)
# Prints libas2's JSON report; DIR/sent/ keeps the message as sent and the MDN as received.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dir=${1:?usage: send-po.sh DIR GATEWAY_URL}
url=${2:?usage: send-po.sh DIR GATEWAY_URL}
build=${EDIGATE_BUILD_DIR:-$root/build}
[[ -d $dir/certs ]] || { echo "send-po: run start-partner-peer.sh $dir PORT first"; exit 77; }
export NODE_PATH=$build/as2-peer/node/node_modules
node "$root/tests/transports/as2/peer/send.js" "$url" "$root/samples/inbound/acme_850_4010.edi" \
  --from ACMERETAIL-AS2 --to EDIGATEDEMO --certs "$dir/certs" --save-dir "$dir/sent"
