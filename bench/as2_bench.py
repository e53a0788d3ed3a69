"""AS2 inbound for make bench (scripts/bench; alone: scripts/bench --as2): the AS2 plugin's
listener over a real store, fed signed + encrypted 10 KB messages with signed sync MDNs by
bench/as2_bench.cpp, and, in the same run, libas2's receiver (the project's own peer,
tests/transports/as2/peer/receive.js, on the pinned libas2 of scripts/as2-peer-setup) fed by our endpoint. Writes the "AS2 inbound" section of docs/performance.md between its markers.

Environment: BENCH_AS2_SECONDS (default 20), BENCH_AS2_CLIENTS (default 4),
BENCH_AS2_PEER_COUNT (messages sent to libas2, default 200), BENCH_SKIP_PEERS=1.
"""
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "<!-- as2: written by bench/as2_bench.py -->"
END = "<!-- /as2 -->"
TARGET = 300.0  # messages/s on 2 cores
SECONDS = int(os.environ.get("BENCH_AS2_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_AS2_CLIENTS", "4"))
PEER_COUNT = int(os.environ.get("BENCH_AS2_PEER_COUNT", "200"))


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def make_certs(folder):
    for name in ("gateway", "partner"):
        key, crt = folder / f"{name}.key", folder / f"{name}.crt"
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key)],
                       check=True, capture_output=True)
        subprocess.run(["openssl", "req", "-new", "-x509", "-sha256", "-days", "30", "-key", str(key), "-out", str(crt),
                        "-subj", f"/O=edigate bench/CN={name.upper()}",
                        "-addext", "keyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment"],
                       check=True, capture_output=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peer(build, certs):
    """Our endpoint sending to libas2's receiver: what the independent peer takes per second."""
    if os.environ.get("BENCH_SKIP_PEERS"):
        return {"ok": False, "why": "skipped (BENCH_SKIP_PEERS)"}
    setup = subprocess.run([str(ROOT / "scripts" / "as2-peer-setup"), str(build)], capture_output=True, text=True)
    if setup.returncode != 0:
        return {"ok": False, "why": "libas2 not installed: " + (setup.stdout + setup.stderr).strip()[-200:]}
    port = free_port()
    out = certs / "received"
    env = dict(os.environ, NODE_PATH=str(build / "as2-peer" / "node" / "node_modules"))
    # The receiver logs a line per message: to a file, so a full pipe never stalls it.
    log_file = certs / "receiver.log"
    with open(log_file, "wb") as sink:
        server = subprocess.Popen(["node", str(ROOT / "tests" / "transports" / "as2" / "peer" / "receive.js"), str(port),
                                   "--id", "PARTNER", "--certs", str(certs), "--out", str(out)],
                                  stdout=sink, stderr=subprocess.STDOUT, env=env)
    try:
        for _ in range(100):
            if '"listening"' in log_file.read_text() or server.poll() is not None:
                break
            time.sleep(0.1)
        if '"listening"' not in log_file.read_text():
            return {"ok": False, "why": "libas2 receiver did not start: " + log_file.read_text().strip()[-200:]}
        r = subprocess.run([str(build / "bin" / "edigate_as2_bench"), "send", f"http://127.0.0.1:{port}/as2",
                            str(certs), str(PEER_COUNT)], capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            return {"ok": False, "why": (r.stdout + r.stderr).strip()[-300:]}
        return {"ok": True, **json.loads(r.stdout.strip().splitlines()[-1])}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


def measure(build):
    # nice: the machine is shared while the bench builds; the measurement itself runs at normal priority.
    subprocess.run(["nice", "-n", "10", "cmake", "--build", str(build), "-j", "2", "--target", "edigate_as2_bench",
                    "edigate_as2"], check=True)
    with tempfile.TemporaryDirectory(prefix="edigate-as2-bench-") as tmp:
        certs = Path(tmp)
        make_certs(certs)
        load_before = Path("/proc/loadavg").read_text().split()[0]
        log(f"as2: inbound for {SECONDS} s with {CLIENTS} clients")
        r = subprocess.run([str(build / "bin" / "edigate_as2_bench"), "inbound", str(SECONDS), str(CLIENTS), str(certs)],
                           capture_output=True, text=True, timeout=SECONDS + 300)
        ours = {"ok": r.returncode == 0, **(json.loads(r.stdout.strip().splitlines()[-1]) if r.stdout.strip() else {})}
        if not ours["ok"]:
            ours["why"] = r.stderr.strip()[-300:]
        log(f"  {ours.get('messages_per_s', 0):.0f} messages/s")
        log(f"as2: libas2's receiver, {PEER_COUNT} messages from our endpoint")
        p = peer(build, certs)
        log(f"  {p.get('messages_per_s', 0):.1f} messages/s" if p.get("ok") else f"  {p['why']}")
        load_after = Path("/proc/loadavg").read_text().split()[0]
    return {"ours": ours, "peer": p, "load": (load_before, load_after)}


def report(r):
    o, p = r["ours"], r["peer"]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    v = o.get("messages_per_s", 0) if o.get("ok") else 0
    L = [BEGIN, "## AS2 inbound", ""]
    L.append("`bench/as2_bench.py` (`bench/as2_bench.cpp`): the AS2 plugin's listener, loaded from")
    L.append("`libedigate_as2.so`, over a real SQLite store (each message committed before its MDN is answered),")
    L.append(f"fed by {CLIENTS} client threads on the same machine over loopback HTTP: each message 10 KB of X12, signed")
    L.append("(SHA-256, RSA-2048) and encrypted (AES-256-CBC), a signed synchronous MDN asked for and returned (every 50th")
    L.append("fully verified by the client). The peer row is our endpoint sending to libas2's receiver (node: the")
    L.append("project's own peer `tests/transports/as2/peer/receive.js` on the libas2 that `scripts/as2-peer-setup` pins),")
    L.append("one message at a time with its signed MDN verified.")
    L.append(f"Measured {now}, load average {r['load'][0]} before, {r['load'][1]} after.")
    L.append("")
    L.append("| measurement | messages | seconds | messages/s | target |")
    L.append("|---|---|---|---|---|")
    if o.get("ok"):
        L.append(f"| edigate AS2 listener, signed + encrypted 10 KB, sync signed MDN | {o['messages']} | {o['seconds']:.1f} | "
                 f"{v:.0f} | ≥ {TARGET:.0f}: {'met' if v >= TARGET else '**not met**'} |")
    else:
        L.append(f"| edigate AS2 listener | failed: {o.get('why', '')} | | | |")
    if p.get("ok"):
        L.append(f"| libas2 receiver (peer), fed by our endpoint | {p['messages']} | {p['seconds']:.1f} | "
                 f"{p['messages_per_s']:.1f} | - |")
    else:
        L.append(f"| libas2 receiver (peer) | not measured: {p.get('why', '')} | | | |")
    L += ["", END]
    return L


def replace_section(text, section):
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        return head + section + rest.split(END, 1)[1]
    return text.rstrip("\n") + "\n\n" + section + "\n"


def write(build):
    doc = ROOT / "docs" / "performance.md"
    section = "\n".join(report(measure(build)))
    doc.write_text(replace_section(doc.read_text() if doc.exists() else "# Performance\n", section))
    log(f"wrote the AS2 section of {doc}")
    return section
