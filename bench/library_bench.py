#!/usr/bin/env python3
"""The EDIFACT schema library part of `make bench`: its size in the repository, the cost of the
first use of a message, and validation throughput with the whole library loaded.

scripts/bench calls measure() and writes report() into docs/performance.md and docs/schemas.md
between BEGIN and END (`scripts/bench --library` measures and rewrites only this section).
"""
import datetime
import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = "plugins/edifact/schemas"
BEGIN = "<!-- library: written by scripts/bench (bench/library_bench.py) -->"
END = "<!-- /library -->"

TARGET_FIRST_USE_MS = 10.0  # first use of a message (issue 12)
TARGET_PACKED_MB = 25.0     # the whole library in the packed repository (issue 12)
SAMPLE = 120                # first-use: about this many messages, as many per directory


def library_size():
    """Files, bytes on disk, and the packed size of the library's blobs at HEAD: the blobs packed
    alone by `git pack-objects` (zlib and deltas, as git stores them), i.e. what the library adds
    to a clone's pack, history aside."""
    folder = ROOT / LIBRARY
    files = sorted(folder.rglob("*.xml"))
    unpacked = sum(p.stat().st_size for p in files)
    dictionaries = sum(1 for p in files if p.name == "dictionary.xml")
    generated = handchecked = 0
    for p in files:
        if p.name == "dictionary.xml":
            continue
        with p.open("rb") as f:
            head = f.read(4096)
        if b"dictionary=" in head:
            generated += 1
        else:
            handchecked += 1
    tree = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "HEAD", "--", LIBRARY],
                          capture_output=True, text=True, check=True).stdout
    blobs = [line.split()[2] for line in tree.splitlines() if line.split()[1] == "blob"]
    pack = subprocess.run(["git", "-C", str(ROOT), "pack-objects", "--stdout", "-q"],
                          input="\n".join(blobs).encode() + b"\n", capture_output=True, check=True).stdout
    return {"files": len(files), "unpacked": unpacked, "dictionaries": dictionaries, "generated": generated,
            "handchecked": handchecked, "blobs": len(blobs), "packed": len(pack)}


def first_use(build):
    cmd = [str(build / "bin" / "edigate_bench"), "--mode", "first-use", "--standard", "edifact",
           "--schemas", str(build / "share" / "edigate" / "schemas"), "--sample", str(SAMPLE)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return {"ok": False, "error": (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1]}
    r = json.loads(p.stdout.strip().splitlines()[-1])
    r["ok"] = True
    return r


def load_average():
    return float(Path("/proc/loadavg").read_text().split()[0])


def measure(build, measure_validate, inputs):
    """measure_validate(standard, path, extra_args) runs edigate_bench validate (scripts/bench)."""
    out = {"load_start": load_average(), "size": library_size(), "first_use": first_use(build), "validate": {}}
    for label, std, path in inputs:
        out["validate"][label] = measure_validate(std, path, ["--preload-library"])
    out["load_end"] = load_average()
    return out


def report(r, plain_validate=None):
    """Markdown lines. plain_validate: {label: result} of the ordinary validate run, for comparison."""
    s, f = r["size"], r["first_use"]
    L = [BEGIN, "## EDIFACT schema library: size, first use, validation with it loaded", ""]
    L.append("Measured by `make bench` (`bench/library_bench.py`; `scripts/bench --library BUILD` measures only this)")
    L.append(f"on {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, load average "
             f"{r['load_start']:.1f} at the start and {r['load_end']:.1f} at the end on {os.cpu_count()} cores: on a shared")
    L.append("machine wall time includes waiting for a core, so the first use is given in thread CPU time too (its cost).")
    L.append("")
    L.append("| what | figure | how |")
    L.append("|---|---|---|")
    L.append(f"| library in the packed repository | {s['packed'] / 1e6:.2f} MB packed ({s['unpacked'] / 1e6:.1f} MB "
             f"unpacked, {s['files']:,} files: {s['dictionaries']} dictionaries, {s['generated']:,} generated messages, "
             f"{s['handchecked']} hand-checked) | the {s['blobs']:,} blobs of `{LIBRARY}` at HEAD packed alone "
             "(`git ls-tree -r HEAD` \\| `git pack-objects --stdout`), i.e. what the library adds to a clone's pack, "
             "history aside |")
    if f.get("ok"):
        L.append(f"| first use of a message (fresh registry: its directory's dictionary read, XSD-checked and "
                 f"indexed, the message compiled) | wall p50 {f['wall_p50_ms']:.1f} ms, p90 {f['wall_p90_ms']:.1f} ms, "
                 f"max {f['wall_max_ms']:.1f} ms ({f['slowest']}); thread CPU p50 {f['cpu_p50_ms']:.1f} ms, "
                 f"max {f['cpu_max_ms']:.1f} ms | `edigate_bench --mode first-use`: {f['sample']} messages, as many "
                 f"from each of the {f['directories']} directories and variants ({f['library_messages']:,} generated "
                 "messages listed) |")
        L.append(f"| next message of the same directory (dictionary loaded) | wall p50 {f['next_wall_p50_ms']:.2f} ms, "
                 f"max {f['next_wall_max_ms']:.1f} ms | same run |")
        L.append(f"| the first schema of a process (compiles the XSD once, then as above) | wall "
                 f"{f['warmup_wall_ms']:.1f} ms, CPU {f['warmup_cpu_ms']:.1f} ms | same run, measured apart |")
    else:
        L.append(f"| first use of a message | failed: {f.get('error')} | |")
    L.append("")
    L.append("Full validation (as in \"Full schema validation\" of docs/performance.md) with the library loaded: before")
    L.append("the timed runs the registry loads one message of every EDIFACT directory and variant, so every")
    L.append("directory's dictionary is in memory; the schema folder holds the whole library throughout.")
    L.append("")
    L.append("| input | MB/s | messages loaded first | peak RSS | without the preload: MB/s, peak RSS | result |")
    L.append("|---|---|---|---|---|---|")
    for label, v in r["validate"].items():
        base = (plain_validate or {}).get(label, {})
        b = f"{base['mb_per_s']:.1f}, {base['peak_rss_kib'] / 1024:.1f} MiB" if base.get("ok") else "not run"
        if v.get("ok"):
            L.append(f"| {label} | {v['mb_per_s']:.1f} | {v.get('preloaded_messages', 0)} | "
                     f"{v['peak_rss_kib'] / 1024:.1f} MiB | {b} | {v['errors']} errors |")
        else:
            L.append(f"| {label} | failed: {v.get('error')} | | | {b} | |")
    L.append("")
    L.append("| target | measured | status |")
    L.append("|---|---|---|")
    packed_mb = s["packed"] / 1e6
    L.append(f"| library ≤ {TARGET_PACKED_MB:.0f} MB in the packed repository | {packed_mb:.2f} MB | "
             f"{'met' if packed_mb <= TARGET_PACKED_MB else '**not met**'} |")
    if f.get("ok"):
        cpu_ok = f["cpu_max_ms"] < TARGET_FIRST_USE_MS
        wall_ok = f["wall_max_ms"] < TARGET_FIRST_USE_MS
        status = ("met" if cpu_ok and wall_ok else
                  f"met in CPU time; wall time **not met** at load {r['load_end']:.1f}" if cpu_ok else "**not met**")
        L.append(f"| first use of a message < {TARGET_FIRST_USE_MS:.0f} ms | CPU p50 {f['cpu_p50_ms']:.1f} / max "
                 f"{f['cpu_max_ms']:.1f} ms; wall p50 {f['wall_p50_ms']:.1f} / max {f['wall_max_ms']:.1f} ms | {status} |")
    L += ["", END]
    return L


def replace_section(text, section, before=None):
    """`text` with its library section replaced by `section`; when it has none, inserted before
    the marker `before` if present, else appended."""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        return head + section + rest.split(END, 1)[1]
    if before and before in text:
        head, rest = text.split(before, 1)
        return head + section + "\n\n" + before + rest
    return text.rstrip("\n") + "\n\n" + section + "\n"
