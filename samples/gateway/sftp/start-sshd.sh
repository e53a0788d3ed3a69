#!/bin/sh
# Starts a private OpenSSH sshd on 127.0.0.1 for the SFTP demo (and make bench): its own
# configuration, this folder's DEMO-ONLY host key, the demo client key authorised, serving
# internal-sftp rooted in RUN/files (inbox/, outbox/, archive/). The system sshd is not touched.
#
# usage: start-sshd.sh RUN [PORT]     RUN: a fresh folder for this server's state
#                                     PORT: default: a free port picked now
# Writes RUN/sshd.pid and RUN/sftpd.env (SFTP_PID, SFTP_PORT, SFTP_USER, SFTP_HOSTKEY_SHA256,
# SFTP_KEY, SFTP_FILES); stop it with stop-sshd.sh RUN (by that PID only).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=${1:?usage: start-sshd.sh RUN [PORT]}
PORT=${2:-}
SSHD=${SSHD:-/usr/sbin/sshd}
[ -x "$SSHD" ] || { echo "start-sshd.sh: $SSHD not found (apt-get install openssh-server)" >&2; exit 2; }
if [ -f "$RUN/sshd.pid" ] && kill -0 "$(cat "$RUN/sshd.pid")" 2>/dev/null; then
  echo "start-sshd.sh: already running in $RUN (pid $(cat "$RUN/sshd.pid"))" >&2; exit 1
fi
mkdir -p "$RUN/files/inbox" "$RUN/files/outbox" "$RUN/files/archive"
RUN=$(cd "$RUN" && pwd)
if [ -z "$PORT" ]; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
USER_NAME=$(id -un)
# sshd refuses a host key others can read, and git does not keep file modes: private copies.
install -m 600 "$HERE/host_ed25519" "$RUN/host_ed25519"
install -m 600 "$HERE/client_ed25519" "$RUN/client_ed25519"
install -m 644 "$HERE/client_ed25519.pub" "$RUN/client_ed25519.pub"
cp "$HERE/client_ed25519.pub" "$RUN/authorized_keys"
mkdir -p /run/sshd 2>/dev/null || true  # privilege separation folder (needed when run as root)
cat > "$RUN/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
AddressFamily inet
HostKey $RUN/host_ed25519
PidFile $RUN/sshd.pid
LogLevel VERBOSE
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $USER_NAME
PubkeyAuthentication yes
AuthorizedKeysFile $RUN/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
MaxStartups 64:30:128
MaxSessions 64
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
PermitTTY no
UseDNS no
Subsystem sftp internal-sftp
ForceCommand internal-sftp -d $RUN/files
CONF
"$SSHD" -t -f "$RUN/sshd_config"
# -D: stays in the foreground as the PID we record (no daemon fork to chase).
"$SSHD" -D -f "$RUN/sshd_config" -E "$RUN/sshd.log" </dev/null >/dev/null 2>&1 &
PID=$!
echo "$PID" > "$RUN/sshd.pid"
i=0
until python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 0.2)" 2>/dev/null; do
  i=$((i + 1))
  if [ $i -gt 100 ] || ! kill -0 "$PID" 2>/dev/null; then
    echo "start-sshd.sh: sshd did not start; $RUN/sshd.log:" >&2; cat "$RUN/sshd.log" >&2 || true
    kill "$PID" 2>/dev/null || true; exit 1
  fi
  sleep 0.1
done
FP=$(ssh-keygen -l -E sha256 -f "$HERE/host_ed25519.pub" | awk '{print $2}')
cat > "$RUN/sftpd.env" <<ENV
SFTP_PID=$PID
SFTP_PORT=$PORT
SFTP_USER=$USER_NAME
SFTP_HOSTKEY_SHA256=$FP
SFTP_KEY=$RUN/client_ed25519
SFTP_FILES=$RUN/files
ENV
echo "sftp demo server: pid $PID, sftp://$USER_NAME@127.0.0.1:$PORT/ (host key $FP), files in $RUN/files"
