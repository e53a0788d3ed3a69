#!/usr/bin/env python3
"""Readers of the public references x12_reference.py checks against (README.md, "Pass 4").

Each reads one source from its bare mirror with `git show` and returns facts (positions, numbers,
types, lengths, names); nothing of theirs is copied into the project. PUBLISHED holds the single
web pages read one by one, each named with its segment. Mirrors default to
/work/.mirror/<owner>+<name>/repo; override with X12REF_MIRRORS.
"""
import os
import re
import subprocess
import sys

MIRRORS = os.environ.get("X12REF_MIRRORS", "/work/.mirror")
BOTS = os.path.join(MIRRORS, "bots-edi+bots-grammars", "repo")
STUPIDEDI = os.path.join(MIRRORS, "kputnam+stupidedi", "repo")
X12TYPES = os.path.join(MIRRORS, "apimeister+x12-types", "repo")
EDIENGINE = os.path.join(MIRRORS, "olmelabs+EdiEngine", "repo")
EDDY = os.path.join(MIRRORS, "GotWoods+EDDY", "repo")
TCD_EDDY = os.path.join(MIRRORS, "tcd+eddy", "repo")
UNBOUNDED = 99999  # bots writes ">1" as 99999

_cache = {}


def _show(repo, path):
    key = (repo, path)
    if key not in _cache:
        r = subprocess.run(["git", "--git-dir", repo, "show", "HEAD:" + path], capture_output=True, text=True)
        _cache[key] = r.stdout if r.returncode == 0 else None
    return _cache[key]


def _bots_dir(version):
    return version[2:6]  # 004010 -> 4010


def _bots_env():
    return {"ID": "ID", "MIN": "MIN", "MAX": "MAX", "LEVEL": "LEVEL"}


def bots_structure(version, set_id):
    text = _show(BOTS, "x12/%s/%s%s.py" % (_bots_dir(version), set_id, version))
    if text is None:
        return None
    text = "\n".join(l for l in text.splitlines() if not l.startswith(("from ", "import ")))
    env = _bots_env()
    exec(text, env)  # the grammar is a Python literal; read as data
    return env["structure"][0]["LEVEL"]


def bots_records(version):
    key = ("records", version)
    if key not in _cache:
        text = _show(BOTS, "x12/%s/records%s.py" % (_bots_dir(version), version))
        text = "\n".join(l for l in text.splitlines() if not l.startswith(("from ", "import ")))
        env = {}
        exec(text, env)
        _cache[key] = env["recorddefs"]
    return _cache[key]


def _len(spec):
    return (spec[0], spec[1]) if isinstance(spec, tuple) else (1, spec)


def _cls(t):
    """Type class as the reference writes it: ID -> AN, N0 -> R (README)."""
    if re.fullmatch(r"R\d", t):
        return "R"  # EdiEngine writes a real's usual precision (R9); the standard's type is R
    return {"ID": "AN", "N0": "R", "N": "R"}.get(t, t)


def bots_record(version, seg):
    """[(usage, type class, min, max) or ('C', usage, [components])] per position, or None."""
    rec = bots_records(version).get(seg)
    if rec is None:
        return None
    out = []
    for f in rec[1:]:
        if isinstance(f[2], list):
            out.append(("COMP", f[1], [(c[1], c[3], *_len(c[2])) for c in f[2]]))
        else:
            out.append((f[1], f[3], *_len(f[2])))
    return out


def _sv(version):
    return {"004010": "004010", "005010": "005010"}.get(version)


def stupidedi_segment(version, seg):
    v = _sv(version)
    if v is None:
        return None
    text = _show(STUPIDEDI, "lib/stupidedi/versions/%s/segment_defs/%s.rb" % (v, seg))
    if text is None:
        return None
    elems = re.findall(r"e::([EC]\d+)\s*\.(?:simple|composite)_use", text)
    notes = [(t, tuple(int(x) for x in args.split(",")))
             for t, args in re.findall(r"SyntaxNotes::([A-Z])\.build\(([\d,\s]+)\)", text)]
    return [e[1:] if e[0] == "E" else e for e in elems], notes


def stupidedi_elements(version):
    key = ("sedi-el", version)
    if key not in _cache:
        text = _show(STUPIDEDI, "lib/stupidedi/versions/%s/element_defs.rb" % _sv(version)) or ""
        out = {}
        for m in re.finditer(r"E(\d+)\s*=\s*t::\s*(\w+)\.new\(:E\d+\s*,\s*\"([^\"]*)\"\s*,\s*(\d+)\s*,\s*(\d+)"
                             r"(?:\s*,\s*(\d+))?", text):
            num, t, name, mn, mx, prec = m.groups()
            typ = {"Nn": "N%s" % prec, "R": "R"}.get(t, t)
            out[num] = (name, typ, int(mn), int(mx))
        _cache[key] = out
    return _cache[key]


def stupidedi_element(version, n):
    """(name, type, min, max) of element n in stupidedi's element_defs of a release, or None."""
    key = ("sedi-any", version)
    if key not in _cache:
        text = _show(STUPIDEDI, "lib/stupidedi/versions/%s/element_defs.rb" % version) or ""
        _cache[key] = {num: (name, t if t != "Nn" else "N%s" % (p or "0"), int(mn), int(mx))
                       for num, t, name, mn, mx, p in re.findall(
                           r"E(\d+)\s*=\s*t::\s*(\w+)\.new\(:E\d+\s*,\s*\"([^\"]*)\"\s*,\s*(\d+)\s*,\s*(\d+)"
                           r"(?:\s*,\s*(\d+))?", text)}
    return _cache[key].get(n)


def x12types_segment(version, seg):
    v = "v" + version
    text = _show(X12TYPES, "src/%s/segment/%s.rs" % (v, seg[0].lower()))
    if text is None:
        return None
    m = re.search(r"^/// %s - .*?\n((?:///.*\n)+)" % re.escape(seg), text, re.M)
    if not m:
        return None
    rows = []
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line[3:].split("|")]
        if len(cells) == 6:  # layouts without the REPEAT column
            cells = cells[:3] + ["1"] + cells[3:]
        if len(cells) == 7 and cells[0].isdigit() and re.fullmatch(r"\d+/\d+", cells[6]):
            mn, _, mx = cells[6].partition("/")
            rows.append((cells[1], cells[2], cells[4], cells[5], int(mn or 0), int(mx or 0)))
    return rows


def _eddy_files(version):
    key = ("eddy-ls", version)
    if key not in _cache:
        r = subprocess.run(["git", "--git-dir", EDDY, "ls-tree", "--name-only", "HEAD",
                            "Eddy.x12/Models/v%s/" % version[2:6]], capture_output=True, text=True)
        _cache[key] = r.stdout.split() if r.returncode == 0 else []
    return _cache[key]


def eddy_segment(version, seg):
    """GotWoods/EDDY's model of a segment in a version (Eddy.x12/Models/v4010/W14_*.cs), following
    `class X : Eddy.x12.Models.v3070.X {}` to the version that defines it: per position
    (name, composite id or None, required, min, max). Names are property names (PascalCase, a
    repeated element numbered: UnitOfMeasurementCode2); EDDY gives no element numbers, so a position
    votes for a number another source gives when the names agree (as x12-types does)."""
    for _ in range(40):
        path = next((f for f in _eddy_files(version) if re.match(r".*/%s_\w+\.cs$" % re.escape(seg), f)), None)
        text = path and _show(EDDY, path)
        if not text:
            return None
        base = re.search(r"class \w+ : Eddy\.x12\.Models\.v(\d{4})\.\w+\s*\{\s*\}", text)
        if not base:
            break
        version = "00" + base.group(1)
    else:
        return None
    props = re.findall(r"\[Position\((\d+)\)\]\s*public (\S+) (\w+) \{", text)
    required = set(re.findall(r"validator\.Required\(x\s*=>\s*x\.(\w+)\)", text))
    lengths = {m[0]: (int(m[1]), int(m[2] or m[1]))
               for m in re.findall(r"validator\.Length\(x\s*=>\s*x\.(\w+),\s*(\d+)(?:,\s*(\d+))?\)", text)}
    rows = []
    for pos, typ, name in props:
        comp = re.match(r"(C\d{3})_", typ)
        mn, mx = lengths.get(name, (0, 0))
        rows.append((re.sub(r"\d+$", "", name), comp.group(1) if comp else None, name in required, mn, mx))
    return rows


def tcd_eddy_element(n):
    """(name, type, min, max) of element n in tcd/eddy's 004010 dictionary, or None."""
    key = "tcd-el"
    if key not in _cache:
        out = {}
        for line in (_show(TCD_EDDY, "data/elements.tsv") or "").splitlines()[1:]:
            c = line.split("\t")
            if len(c) > 4:  # some rows have a name only (427, 475)
                out[c[0]] = (c[1], c[2], int(c[3]) if c[3].isdigit() else None, int(c[4]) if c[4].isdigit() else None)
        _cache[key] = out
    return _cache[key].get(n)


def element_names(n):
    """Every name the dictionaries give element n: stupidedi's element_defs and tcd/eddy's 004010
    dictionary (data/elements.tsv). Used only to pair a
    number another source gives with a position a source names (EDDY). Only the 004010 and
    005010 releases: earlier ones reuse names for other numbers (stupidedi 003010 names E753
    what 004010 calls 1373), which would pair a name with the wrong number."""
    key = "names"
    if key not in _cache:
        out = {}
        for v in ("004010", "005010"):
            text = _show(STUPIDEDI, "lib/stupidedi/versions/%s/element_defs.rb" % v) or ""
            for num, name in re.findall(r"E(\d+)\s*=\s*t::\s*\w+\.new\(:E\d+\s*,\s*\"([^\"]*)\"", text):
                out.setdefault(num, set()).add(name)
        for line in (_show(TCD_EDDY, "data/elements.tsv") or "").splitlines()[1:]:
            cells = line.split("\t")
            if len(cells) > 1:
                out.setdefault(cells[0], set()).add(cells[1])
        for num, name in PUBLISHED_NAMES.items():
            out.setdefault(num, set()).add(name)
        _cache[key] = out
    return _cache[key].get(n, set())


def _norm(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _ediengine_segments():
    key = "ee-seg"
    if key not in _cache:
        text = _show(EDIENGINE, "EdiStandards/X12_004010/Segments/Segments.cs") or ""
        out = {}
        for m in re.finditer(r"public class (\w+) : MapSegment\s*\{(.*?)\n\t\}", text, re.S):
            body = m.group(2)
            notes = re.findall(r'"([PRCLE]\d{4,})"', body)
            refs = re.findall(r"new (E_(\d+)|C\d+) \{ ReqDes", body)
            out[m.group(1)] = ([str(int(n)) if n else c for c, n in refs], notes)
        _cache[key] = out
    return _cache[key]


def _ediengine_elements():
    key = "ee-el"
    if key not in _cache:
        text = _show(EDIENGINE, "EdiStandards/X12_004010/DataElements/DataElements.cs") or ""
        out = {}
        for m in re.finditer(r"class E_(\d+) : MapSimpleDataElement.*?DataType = DataType\.(\w+);\s*"
                             r"MinLength = (\d+);\s*MaxLength = (\d+);", text, re.S):
            out[str(int(m.group(1)))] = (m.group(2), int(m.group(3)), int(m.group(4)))
        _cache[key] = out
    return _cache[key]


def ediengine_segment(version, seg):
    return _ediengine_segments().get(seg) if version == "004010" else None


def _element_name(version, n, definition=None):
    """stupidedi's name for n; with a definition (type, min, max), only when stupidedi's own
    length for n equals it (its E90 is "Height" R 1/8, where the standard's 90 is an ID 1/1
    qualifier), else the name a layout gives where it numbers a position n."""
    for v in (version, "004010", "005010"):
        if _sv(v) and n in stupidedi_elements(v):
            name, typ, mn, mx = stupidedi_elements(v)[n]
            if definition is None or (mn, mx) == (definition[1], definition[2]):
                return name
    if definition is not None:
        for v in ("004010", "005010"):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                t = _show(X12TYPES, "src/v%s/segment/%s.rs" % (v, letter)) or ""
                m = re.search(r"^/// \d\d \| %s \| ([^|]+?) \|" % n, t, re.M)
                if m:
                    return m.group(1)
    return None


# Published segment layouts read one by one (web pages found by search, not mirrored): the
# element number and type at each position, as the page gives them, or the number whose name
# the page gives there ("by name"). A vote where the type class equals the record's.
PUBLISHED = {
    "RMR": ("kasoftware.com/schema/edi/x12/00503/segments/RMR",
            [("128", "ID"), ("127", "AN"), ("482", "ID"), ("782", "R"), ("782", "R"), ("782", "R"), ("426", "ID"),
             ("782", "R")]),
    "ENT": ("edi.thebitsilo.com/820/0102ENT.htm (a 004010 820 guide)",
            [("554", "N0"), ("98", "ID"), ("66", "ID"), ("67", "AN"), ("98", "ID"), ("66", "ID"), ("67", "AN"),
             ("128", "ID"), ("127", "AN")]),
    "BCT": ("stedi.com/edi/x12-008030/segment/BCT, by name (Catalog Purpose Code, Catalog Number, Catalog Version "
            "Number, Catalog Revision Number, Unit or Basis for Measurement Code, the three again, Description, "
            "Transaction Set Purpose Code)",
            [("683", "ID"), ("684", "AN"), ("685", "AN"), ("686", "AN"), ("355", "ID"), ("684", "AN"), ("685", "AN"),
             ("686", "AN"), ("352", "AN"), ("353", "ID")]),
    "BFR": ("stedi.com/edi/x12-004020/segment/BFR by name for 01-11 (BFR09 is a Date, 373, as EdiEngine has it; "
            "stupidedi's 367 there is a shift); 12 and 13 by definition on x12-005040/segment/BFR",
            [("353", "ID"), ("127", "AN"), ("328", "AN"), ("675", "ID"), ("676", "ID"), ("373", "DT"), ("373", "DT"),
             ("373", "DT"), ("373", "DT"), ("367", "AN"), ("324", "AN"), ("783", "ID"), ("306", "ID")]),
    "BIA": ("ws2.segment.co.il/Public/EDI-Segment/x12-4040/846/020BIA.htm (numbers); kasoftware 00403 BIA the same",
            [("353", "ID"), ("755", "ID"), ("127", "AN"), ("373", "DT"), ("337", "TM"), ("306", "ID")]),
    "BCH": ("zenbridge.io/edi-dictionary/X12/4010/860-purchase-order-change-request---buyer-initiated/segment/BCH-20",
            [("353", "ID"), ("92", "ID"), ("324", "AN"), ("328", "AN"), ("327", "AN"), ("373", "DT"), ("326", "AN"),
             ("367", "AN"), ("127", "AN"), ("373", "DT"), ("373", "DT"), ("1166", "ID"), ("786", "ID"), ("587", "ID"),
             ("640", "ID"), ("1232", "ID")]),
    "BCA": ("kasoftware.com/schema/edi/x12/00403/segments/BCA (01-11)",
            [("353", "ID"), ("587", "ID"), ("324", "AN"), ("328", "AN"), ("327", "AN"), ("373", "DT"), ("326", "AN"),
             ("367", "AN"), ("127", "AN"), ("373", "DT"), ("373", "DT")]),
    "XQ": ("stedi.com/edi/x12/segment/XQ, by definition (XQ01 'the action to be taken by all parties' is 305's, "
           "dates, XQ04 reference identification, XQ05 transaction set purpose)",
           [("305", "ID"), ("373", "DT"), ("373", "DT"), ("127", "AN"), ("353", "ID")]),
    "ZA": ("doc.chinlinktech.com/x12/003040/segment/ZA, by definition (ZA01's is 859's, as its 005040 element page "
           "for 859 gives it; quantity, unit, date/time qualifier, date, reference qualifier and number)",
           [("859", "ID"), ("380", "R"), ("355", "ID"), ("374", "ID"), ("373", "DT"), ("128", "ID"), ("127", "AN")]),
    "W15": ("stedi.com/edi/x12-004020/segment/W15, by name (Date, Adjustment Number twice, Transaction Set Purpose "
            "Code, Transaction Type Code, Action Code)",
            [("373", "DT"), ("31", "AN"), ("31", "AN"), ("353", "ID"), ("640", "ID"), ("306", "ID")]),
    "W19": ("zenbridge.io/edi-dictionary/X12/4010/947-warehouse-inventory-adjustment-advice/segment/W19-20",
            [("181", "ID"), ("477", "R"), ("355", "ID"), ("438", "AN"), ("235", "ID"), ("234", "AN"), ("235", "ID"),
             ("234", "AN"), ("451", "AN"), ("81", "R"), ("187", "ID"), ("188", "ID"), ("81", "R"), ("187", "ID"),
             ("188", "ID"), ("529", "ID"), ("235", "ID"), ("234", "AN")]),
    "BLI": ("kasoftware.com/schema/edi/x12/00303/segments/BLI (01-13); chinlinktech 004030 BLI gives the same names",
            [("235", "ID"), ("234", "AN"), ("380", "R"), ("355", "ID"), ("236", "ID"), ("212", "R"), ("355", "ID")]
            + [("235", "ID"), ("234", "AN")] * 3),
    "POC": ("ws2.segment.co.il/Public/EDI-Segment/x12-4040/860/010POC.htm (01-05, C001), edi.hersheys.com 860 4010 "
            "POC (08-13), kasoftware 00304 POC (06 212, 07 639, the 235/234 pairs)",
            [("350", "AN"), ("670", "ID"), ("330", "R"), ("671", "R"), ("C001", "COMP"), ("212", "R"), ("639", "ID")]
            + [("235", "ID"), ("234", "AN")] * 10),
    "ADX": ("doc.chinlinktech.com/x12/005050/segment/ADX, by name (Monetary Amount, Adjustment Reason Code, "
            "Reference Identification Qualifier, Reference Identification)",
            [("782", "R"), ("426", "ID"), ("128", "ID"), ("127", "AN")]),
}


# Element names the published layouts above give where neither stupidedi nor x12-types has one.
PUBLISHED_NAMES = {"31": "Adjustment Number", "181": "Quantity or Status Adjustment Reason Code",
                   "477": "Credit/Debit Quantity", "529": "Inventory Transaction Type Code",
                   "670": "Change or Response Type Code", "671": "Quantity Left to Receive",
                   "482": "Payment Action Code", "683": "Catalog Purpose Code", "684": "Catalog Number",
                   "685": "Catalog Version Number", "686": "Catalog Revision Number"}


# x12-types documents these segments with another segment's placeholder text (SR as SAC's
# "Service, Promotion, Allowance, or Charge Information", SPO W09 R2 as "Equipment Details", BNX
# as "Vessel Information"; README.md, pass 4): their names come from EDDY's class instead.
_X12TYPES_PLACEHOLDER = {"BNX", "EFI", "R2", "SPO", "SR", "W09"}


def segment_name(version, seg):
    for v in (version, "004010", "005010"):
        if _sv(v):
            text = _show(STUPIDEDI, "lib/stupidedi/versions/%s/segment_defs/%s.rb" % (_sv(v), seg))
            m = text and re.search(r'SegmentDef\.build\(:%s,\s*"([^"]+)"' % seg, text)
            if m:
                return m.group(1)
        if seg in _X12TYPES_PLACEHOLDER:
            continue
        t = _show(X12TYPES, "src/v%s/segment/%s.rs" % (v, seg[0].lower()))
        m = t and re.search(r"^/// %s - (.+)$" % re.escape(seg), t, re.M)
        if m:
            return m.group(1).strip()
    # EDDY's file name (W14_TotalReceiptInformation.cs), words split at capitals
    path = next((f for f in _eddy_files(version) if re.match(r".*/%s_\w+\.cs$" % re.escape(seg), f)), None)
    if path:
        words = re.findall(r"[A-Z][a-z]*|\d+", re.match(r".*/%s_(\w+)\.cs$" % re.escape(seg), path).group(1))
        small = {"For", "Or", "And", "Of", "The", "To", "In", "On", "By", "A", "An"}
        name = " ".join(w.lower() if i and w in small else w for i, w in enumerate(words))
        name = re.sub(r"(?<=[a-z])for\b", " for", name)  # BRA_BeginningSegmentforReceivingAdvice
        # W09_EquipmentandTemperature, AT9_TrailerorContainerDimensionandWeight: the glued "and" of
        # a long word and the "or" after "-er"/"-ce" (not "Indicator", "Command")
        name = re.sub(r"\b([A-Z][a-z]{5,})and\b", r"\1 and", name)
        return re.sub(r"(?<=[a-z](?:er|ce))or\b", " or", name)
    return seg
