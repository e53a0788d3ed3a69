#!/usr/bin/env bash
# Stops the receiver start-partner-peer.sh DIR started: the PID in DIR/peer.pid, after checking
# it is that node process.
set -euo pipefail
dir=${1:?usage: stop-partner-peer.sh DIR}
[[ -f $dir/peer.pid ]] || exit 0
pid=$(cat "$dir/peer.pid")
if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'peer/receive.js'; then kill "$pid"; fi
rm -f "$dir/peer.pid"
