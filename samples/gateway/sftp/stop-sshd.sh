#!/bin/sh
# Stops the sshd start-sshd.sh RUN started: exactly the PID in RUN/sshd.pid, after checking that
# it is that sshd (its command line names RUN's configuration), then the session processes it
# forked (children of that PID), so no stray connection outlives the demo.
set -eu
RUN=${1:?usage: stop-sshd.sh RUN}
[ -f "$RUN/sshd.pid" ] || { echo "stop-sshd.sh: no $RUN/sshd.pid" >&2; exit 0; }
RUN=$(cd "$RUN" && pwd)
PID=$(cat "$RUN/sshd.pid")
if ! tr '\0' ' ' < "/proc/$PID/cmdline" 2>/dev/null | grep -q -- "-f $RUN/sshd_config"; then
  echo "stop-sshd.sh: pid $PID is not the sshd of $RUN; not killed" >&2
  rm -f "$RUN/sshd.pid"
  exit 0
fi
CHILDREN=$(ps -o pid= --ppid "$PID" 2>/dev/null || true)
kill "$PID"
for c in $CHILDREN; do kill "$c" 2>/dev/null || true; done
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
rm -f "$RUN/sshd.pid"
echo "sftp demo server stopped (pid $PID)"
