#!/usr/bin/env python3
"""Reads the public references for X12 facts and proposes table entries; never run by gen_x12.py.

This is the record of how the 004030, 004060 and transport/retail set tables were checked
(README.md, "Pass 4" and "Pass 5"). It reads bare git mirrors (`fetch github:<owner>/<name>`), with
`git show`, and prints facts; nothing of theirs is copied into the project:

- bots-edi/bots-grammars: set structures (segment order, loops, min/max) and segment records
  (positions, M/C, type class, min/max length). The reference for structure and lengths.
- kputnam/stupidedi: segment definitions naming the X12 element number at each position, and
  syntax notes (004010, 005010).
- apimeister/x12-types: published segment layouts (number, name, type, length per position;
  its numbers are sometimes wrong, its names are what we pair with).
- olmelabs/EdiEngine: a complete 004010 segment dictionary (numbers, types, lengths, notes).
- GotWoods/EDDY (pass 5): a model per segment and release naming each position (no numbers);
  a position's name votes for a number another source gives when a dictionary (stupidedi's
  004010/005010 element_defs, tcd/eddy's data/elements.tsv) gives that number the same name.
Plus PUBLISHED below: single web pages read one by one, each named with its segment.

An element number is accepted at a position when two of these give it (x12-types by number or
by the name stupidedi gives that number), and the reference record's type class and length at
that position equal the element's. A syntax note is enforced when EdiEngine states it, stupidedi
(where it has the segment) too, and every position it names is optional (C) in the record.

Usage: x12_reference.py write                    (writes x12_checked.py for PLAN)
       x12_reference.py segment VERSION SEG...   (proposal and evidence per segment)
       x12_reference.py structure VERSION SET    (the reference structure in x12_sets notation)
       x12_reference.py check VERSION SEG...     (our table against the version's record)
Mirrors default to /work/.mirror/<owner>+<name>/repo; override with X12REF_MIRRORS.
"""
import os
import re
import sys


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from x12_sources import *  # noqa: E402,F401,F403
from x12_sources import _cache, _cls, _ediengine_elements, _element_name, _norm  # noqa: E402

# Versions whose sources may vote for a position of this version: only where the two versions'
# records have the same type class at every position up to and including it (an element
# inserted earlier in the segment would shift the numbers).
_OTHERS = {"004010": ["005010"], "005010": ["004010"], "004030": ["004010", "005010"],
           "004060": ["004010", "005010"]}


def _same_prefix(version, other, seg, i):
    a, b = bots_record(version, seg), bots_record(other, seg)
    if not a or not b or i >= len(a) or i >= len(b):
        return False
    for x, y in zip(a[:i + 1], b[:i + 1]):
        if (x[0] == "COMP") != (y[0] == "COMP"):
            return False
        if x[0] != "COMP" and _cls(x[1]) != _cls(y[1]):
            return False
    return True


def _composite_problem(version, seg, p, c, r, known_composites):
    """A composite position is accepted when stupidedi names it and our definition of it has the
    record's component count and M/C."""
    if r[0] != "COMP":
        return "%s%02d: stupidedi %s, the record a simple element" % (seg, p, c)
    if c not in known_composites:
        return "%s%02d: composite %s not in our dictionary" % (seg, p, c)
    ours = known_composites[c][1]
    if len(ours) != len(r[2]) or any((u == "M") != (rc[0] == "M") for (_, u), rc in zip(ours, r[2])):
        return "%s%02d: composite %s differs from the record" % (seg, p, c)
    return None


def _our_segments(version):
    key = ("ours", version)
    if key not in _cache:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import x12_segments
        _cache[key] = x12_segments.segments(version, checked=False)[0]
    return _cache[key]


def _votes(version, seg, i, rec):
    """Element numbers the sources give at position i+1: {number: [source, ...]}."""
    votes = {}

    def vote(n, src):
        votes.setdefault(n, [])
        if src not in votes[n]:
            votes[n].append(src)
    versions = [version] + [o for o in _OTHERS.get(version, []) if _same_prefix(version, o, seg, i)]
    for v in versions:
        if v in ("004010", "005010"):
            # our hand-checked table of that version (passes 1-3, two sources each)
            ours = _our_segments(v).get(seg)
            if ours and i < len(ours[1]):
                vote(ours[1][i][0], "edigate")
    for v in versions:
        ee = ediengine_segment(v, seg)
        if ee and i < len(ee[0]):
            vote(ee[0][i], "EdiEngine")
        sd = stupidedi_segment(v, seg)
        if sd and i < len(sd[0]):
            vote(sd[0][i], "stupidedi")
    pub = PUBLISHED.get(seg)
    if pub and i < len(pub[1]) and i < len(rec):
        number, typ = pub[1][i]
        if (typ == "COMP") == (rec[i][0] == "COMP") and (typ == "COMP" or _cls(typ) == _cls(rec[i][1])):
            vote(number, "published layout")
    for v in versions:
        rows = eddy_segment(v, seg)
        if rows and i < len(rows) and i < len(rec):
            name, comp = rows[i][0], rows[i][1]
            if comp:
                if rec[i][0] == "COMP":
                    vote(comp, "EDDY")
            else:
                # a name that fits two candidate numbers is no evidence for either (stupidedi's
                # 005010 MEA10 is E753 under 1373's name)
                fits = [n for n in votes if _norm(name) in {_norm(x) for x in element_names(n)}]
                if len(fits) == 1:
                    vote(fits[0], "EDDY")
    for v in versions:
        r = x12types_segment(v, seg)
        if r and i < len(r):
            xn, xname = r[i][0], r[i][1]
            for n in list(votes) + [xn]:
                name = _element_name(version, n)
                if n == xn or (name and _norm(name) == _norm(xname)):
                    vote(n, "x12-types")
                    break
    return votes


def propose(version, seg, known_elements, known_composites):
    """(items, rules, new_elements, problems) for a segment: every position needs an element number
    two sources give, whose type class and length equal the record's."""
    rec = bots_record(version, seg)
    if rec is None:
        return None, ["no reference record"]
    problems, items, new = [], [], {}
    ee = _ediengine_elements()
    for i, r in enumerate(rec):
        p = i + 1
        votes = {n: src for n, src in _votes(version, seg, i, rec).items() if len(src) >= 2}
        if len(votes) != 1:
            problems.append("%s%02d: no number two sources agree on (%s)" % (
                seg, p, ", ".join("%s: %s" % (n, "+".join(s)) for n, s in _votes(version, seg, i, rec).items()) or "none"))
            continue
        n = next(iter(votes))
        if n.startswith("C"):
            why = _composite_problem(version, seg, p, n, r, known_composites)
            if why:
                problems.append(why)
            else:
                items.append((n, "M" if r[1] == "M" else "O"))
            continue
        if r[0] == "COMP":
            problems.append("%s%02d: the record has a composite, the sources element %s" % (seg, p, n))
            continue
        usage, rtype, rmin, rmax = r
        if n in known_elements:
            typ, mn, mx = known_elements[n][1:4]
        elif n in ee:
            typ, mn, mx = ee[n]
            typ = _cls(typ) if typ.startswith("R") else typ
            name = (_element_name(version, n, (typ, mn, mx)) or PUBLISHED_NAMES.get(n)
                    or _dictionary_name(n, (typ, mn, mx)))
            if version != "004010" and _cls(typ) == _cls(rtype):
                mn, mx = rmin, rmax  # the version's own length (elements widen between versions)
            new[n] = (name, typ, mn, mx)
        else:
            problems.append("%s%02d: element %s has no definition" % (seg, p, n))
            continue
        if (_cls(typ), mn, mx) != (_cls(rtype), rmin, rmax) and version not in ("004010", "005010"):
            # An element whose type changed between releases (1654 Longitude Code: N0 in the
            # 004010 record and our table, AN in 004030's): the version's own definition when a
            # dictionary (stupidedi, any release) gives one equal to the record's, two sources.
            sd = [d for v in ("003010", "003040", "003050", "004010", "005010")
                  for d in [stupidedi_element(v, n)] if d and (_cls(d[1]), d[2], d[3]) == (_cls(rtype), rmin, rmax)]
            if sd:
                typ, mn, mx = sd[0][1:4]
                new[n] = (known_elements[n][0], typ, mn, mx)
        if (_cls(typ), mn, mx) != (_cls(rtype), rmin, rmax):
            problems.append("%s%02d: element %s is %s %d/%d, the record %s %d/%d" % (
                seg, p, n, typ, mn, mx, rtype, rmin, rmax))
            continue
        items.append((n, "M" if usage == "M" else "O"))
    rules, skipped = [], []
    eenotes = ediengine_segment(version, seg)
    sd = stupidedi_segment(version, seg)
    sdnotes = {_r(t, pos) for t, pos in sd[1]} if sd else None
    for spec in (eenotes[1] if eenotes else []):
        t, pos = spec[0], tuple(int(spec[k:k + 2]) for k in range(1, len(spec), 2))
        if any(q > len(rec) for q in pos):
            continue  # EdiEngine lists a composite's own notes with the segment
        if not all(rec[q - 1][0] == "C" for q in pos):
            skipped.append("%s names a mandatory position" % spec)
            continue
        if sdnotes is not None and _r(t, pos) not in sdnotes:
            skipped.append("%s not stated by stupidedi" % spec)
            continue
        rules.append((t, " ".join(str(q) for q in pos)))
    # Trailing optional positions no two sources agree on are left off (a document using them
    # gets schema.element.too_many), as for 005010 MEA11/12; any other gap leaves the segment out.
    bad = sorted({int(re.match(r"\w+?(\d\d):", x).group(1)) for x in problems if re.match(r"\w+?\d\d:", x)})
    if bad and not [x for x in problems if not re.match(r"\w+?\d\d:", x)]:
        first = bad[0]
        # at least half the positions kept: a segment cut to a stump would reject what partners send
        if first > 1 and 2 * (first - 1) >= len(rec) and bad == list(range(first, len(rec) + 1)) and all(rec[q - 1][1 if rec[q - 1][0] == "COMP" else 0] == "C"
                                                             for q in bad) and len(items) == first - 1:
            skipped.append("positions %d-%d left off: %s" % (first, len(rec), "; ".join(problems)))
            problems = []
            rules = [r for r in rules if all(int(q) < first for q in r[1].split())]
    if not problems:
        for t, pos in rules:
            for q in pos.split():
                q = int(q)
                if items[q - 1][1] == "O":
                    items[q - 1] = (items[q - 1][0], "X")
    return (items, rules, new, skipped), problems


def _dictionary_name(n, definition):
    """tcd/eddy's 004010 name for n when its definition has the same type class and length."""
    d = tcd_eddy_element(n)
    if d and (d[2] is None or (_cls(d[1]), d[2], d[3]) == (_cls(definition[0]), definition[1], definition[2])):
        return d[0]
    return None


def _r(t, pos):
    return t + "".join("%02d" % q for q in pos)


def same_record(v_a, v_b, seg):
    """The positions where two versions' records differ in usage or type class (lengths aside)."""
    a, b = bots_record(v_a, seg), bots_record(v_b, seg)
    if a is None or b is None:
        return None
    diff = ["count %d vs %d" % (len(a), len(b))] if len(a) != len(b) else []
    for i, (x, y) in enumerate(zip(a, b)):
        if x[0] == "COMP" or y[0] == "COMP":
            if x[:2] != y[:2] or [c[:2] for c in x[2]] != [c[:2] for c in y[2]]:
                diff.append("%s%02d composite" % (seg, i + 1))
        elif (x[0], _cls(x[1])) != (y[0], _cls(y[1])):
            diff.append("%s%02d %s %s vs %s %s" % (seg, i + 1, x[0], x[1], y[0], y[1]))
    return diff


def structure_nodes(version, set_id):
    """The reference structure as x12_sets S/L source (ST and SE included)."""
    def mx(v):
        return "U" if v >= UNBOUNDED else str(v)

    def walk(nodes, pad, out):
        for n in nodes:
            usage = '"M"' if n["MIN"] >= 1 else '"O"'
            if "LEVEL" in n:
                out.append('%sL("%s", %s, %s, [S("%s"),' % (pad, n["ID"], usage, mx(n["MAX"]), n["ID"]))
                walk(n["LEVEL"], pad + "    ", out)
                out.append("%s])," % pad)
            else:
                out.append('%sS("%s", %s, %s),' % (pad, n["ID"], usage, mx(n["MAX"])))
    out = ['S("ST", "M"),']
    walk(bots_structure(version, set_id), "", out)
    return "\n".join(out)


def main(argv):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import x12_elements
    import x12_segments
    cmd, version = argv[1], (argv[2] if len(argv) > 2 else None)
    if cmd == "write":
        write(os.path.join(os.path.dirname(os.path.abspath(__file__)), "x12_checked.py"), PLAN)
        return
    if cmd == "structure":
        print(structure_nodes(version, argv[3]))
        return
    known = x12_elements.elements(version)
    segs, comps = x12_segments.segments(version)
    for seg in argv[3:]:
        if cmd == "check":
            print(seg, check_ours(version, seg, segs, known))
            continue
        got, problems = propose(version, seg, known, comps)
        print("%s: %s" % (seg, "; ".join(problems) if problems else "both sources agree"))
        if got:
            items, rules, new, skipped = got
            print("   items", items, "rules", rules, "skipped", skipped)
            for n, e in sorted(new.items()):
                print("   new element", n, e)


def check_ours(version, seg, segs, known):
    """Where our table's segment disagrees with the version's record (count, M/C, type, length)."""
    rec = bots_record(version, seg)
    if rec is None or seg not in segs:
        return ["no record" if rec is None else "not in our table"]
    items = segs[seg][1]
    out = [] if len(items) == len(rec) else ["count ours %d, record %d" % (len(items), len(rec))]
    for i, (item, r) in enumerate(zip(items, rec)):
        ref, usage = item[0], item[1]
        if r[0] == "COMP":
            if not ref.startswith("C"):
                out.append("%s%02d: record composite, ours %s" % (seg, i + 1, ref))
            continue
        if (usage == "M") != (r[0] == "M"):
            out.append("%s%02d: usage ours %s, record %s" % (seg, i + 1, usage, r[0]))
        if ref.startswith("C"):
            out.append("%s%02d: ours composite, record simple" % (seg, i + 1))
            continue
        _, typ, mn, mx = known[ref][:4]
        if (_cls(typ), mn, mx) != (_cls(r[1]), r[2], r[3]):
            out.append("%s%02d: %s ours %s %d/%d, record %s %d/%d" % (seg, i + 1, ref, typ, mn, mx, r[1], r[2], r[3]))
    return out


def accepted_structure(version, set_id, ok):
    """The reference structure with every segment not in `ok` left out (a loop whose trigger is out
    goes with it). Returns (nodes, omitted) where omitted names each left-out segment by its loop."""
    omitted = []

    def walk(nodes, where):
        out = []
        for n in nodes:
            seg, mx = n["ID"], (None if n["MAX"] >= UNBOUNDED else n["MAX"])
            usage = "M" if n["MIN"] >= 1 else "O"
            if seg not in ok:
                omitted.append((where, seg, usage, "LEVEL" in n))
                continue
            if "LEVEL" in n:
                out.append(("L", seg, usage, mx, [("S", seg, "M", 1)] + walk(n["LEVEL"], where + [seg])))
            else:
                out.append(("S", seg, usage, mx))
        return out
    nodes = [("S", "ST", "M", 1)] + walk(bots_structure(version, set_id), [])
    return nodes, omitted


def _src(nodes, pad):
    out = []
    for n in nodes:
        mx = "U" if n[3] is None else str(n[3])
        if n[0] == "S":
            out.append('%sS("%s", "%s", %s),' % (pad, n[1], n[2], mx))
        else:
            out.append('%sL("%s", "%s", %s, [' % (pad, n[1], n[2], mx))
            out += _src(n[4], pad + "    ")
            out.append("%s])," % pad)
    return out


SET_NAMES = {
    "180": "Return Merchandise Authorization and Notification", "204": "Motor Carrier Load Tender",
    "210": "Motor Carrier Freight Details and Invoice", "753": "Request for Routing Instructions",
    "754": "Routing Instructions", "812": "Credit/Debit Adjustment", "816": "Organizational Relationships",
    "820": "Payment Order/Remittance Advice", "830": "Planning Schedule with Release Capability",
    "832": "Price/Sales Catalog", "846": "Inventory Inquiry/Advice", "852": "Product Activity Data",
    "860": "Purchase Order Change Request - Buyer Initiated", "861": "Receiving Advice/Acceptance Certificate",
    "865": "Purchase Order Change Acknowledgment/Request - Seller Initiated", "862": "Shipping Schedule",
    "866": "Production Sequence", "943": "Warehouse Stock Transfer Shipment Advice",
    "944": "Warehouse Stock Transfer Receipt Advice", "947": "Warehouse Inventory Adjustment Advice",
    "990": "Response to a Load Tender", "214": "Transportation Carrier Shipment Status Message",
    "810": "Invoice", "850": "Purchase Order", "855": "Purchase Order Acknowledgment",
    "856": "Ship Notice/Manifest",
}


def build(version, set_ids):
    """What `write` records for one version: new segments, new elements, structures, omissions."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import x12_elements
    import x12_segments
    known = x12_elements.elements(version, checked=False)
    segs, comps = x12_segments.segments(version, checked=False)
    new_segs, new_elems, structures, omitted_by_set, notes = {}, {}, {}, {}, []
    if version != "004010":
        # 004030/004060 have no element table of their own; 005010's (E5010) lists the widenings
        # found so far, the records give the rest
        widened, why = version_lengths(version, segs, known)
        new_elems.update(widened)
        notes += why
    for set_id in set_ids:
        if bots_structure(version, set_id) is None:
            notes.append("%s: no reference structure in this version" % set_id)
            continue
        used = set()

        def collect(nodes):
            for n in nodes:
                used.add(n["ID"])
                collect(n.get("LEVEL", []))
        collect(bots_structure(version, set_id))
        ok, why = {"ST", "SE"}, {}
        for seg in sorted(used - {"ST", "SE"}):
            if seg in new_segs:
                ok.add(seg)
                continue
            if seg in segs:
                diff = check_ours(version, seg, segs, dict(known, **new_elems))
                if not diff or version in ("004010", "005010"):
                    # 004010/005010 entries are the hand-checked ones the shipped sets use: a
                    # difference is reported (README), not changed behind those sets' backs
                    if diff:
                        notes.append("%s: differs from the reference record: %s" % (seg, "; ".join(diff)))
                    ok.add(seg)
                    continue
                notes.append("%s: our %s entry differs from the %s record (%s); checked anew" % (
                    seg, "004010" if version != "005010" else version, version, "; ".join(diff)))
            got, problems = propose(version, seg, dict(known, **new_elems), comps)
            if problems:
                why[seg] = problems
                continue
            items, rules, new, skipped = got
            new_segs[seg] = (segment_name(version, seg), items, rules, skipped)
            for n, e in new.items():
                new_elems[n] = (e[0] or "Data Element %s" % n,) + tuple(e[1:])
            ok.add(seg)
        nodes, omitted = accepted_structure(version, set_id, ok)
        mandatory = [o for o in omitted if o[2] == "M"]
        if mandatory:
            notes.append("%s not shipped: mandatory %s has no confirmed element numbers (%s)" % (
                set_id, ", ".join("/".join(o[0] + [o[1]]) for o in mandatory),
                "; ".join(why.get(o[1], ["?"])[0] for o in mandatory)))
            continue
        nodes, renamed = _distinct_loop_ids(nodes)
        if renamed:
            notes.append("%s: loops renamed so that sibling loop ids differ: %s" % (set_id, ", ".join(renamed)))
        held = HELD.get((version, set_id))
        if held:
            notes.append("%s not shipped: %s (omitted: %s)" % (
                set_id, held, ", ".join("/".join(o[0] + [o[1]]) for o in omitted)))
            continue
        structures[set_id] = nodes
        omitted_by_set[set_id] = ["/".join(o[0] + [o[1]]) + (" loop" if o[3] else "") for o in omitted]
        for o in omitted:
            if o[1] in why:
                notes.append("%s %s: %s" % (set_id, o[1], why[o[1]][0]))
    for seg in HANDMADE.get(version, []):
        if seg in segs or seg in new_segs:
            continue
        got, problems = propose(version, seg, dict(known, **new_elems), comps)
        if problems:
            notes.append("%s (hand-made sets): %s" % (seg, "; ".join(problems)))
            continue
        items, rules, new, skipped = got
        new_segs[seg] = (segment_name(version, seg), items, rules, skipped)
        for n, e in new.items():
            new_elems[n] = (e[0] or "Data Element %s" % n,) + tuple(e[1:])
    return new_segs, new_elems, structures, omitted_by_set, notes


def version_lengths(version, segs, known):
    """Element lengths of a version without hand-made tables (004030, 004060), read from its records:
    for each of our segments whose record has our element count and type classes, the record's
    length at each position; an element whose every use agrees on one length other than ours
    gets that length in this version."""
    seen = {}
    for seg, (_, items, _) in segs.items():
        rec = bots_record(version, seg)
        if not rec or len(rec) != len(items):
            continue
        pairs = list(zip(items, rec))
        if any((item[0].startswith("C")) != (r[0] == "COMP") for item, r in pairs):
            continue
        if any(r[0] != "COMP" and _cls(known[item[0]][1]) != _cls(r[1]) for item, r in pairs if item[0] in known):
            continue
        for item, r in pairs:
            if r[0] != "COMP" and item[0] in known:
                seen.setdefault(item[0], set()).add((r[2], r[3]))
    out, why = {}, []
    for n, lengths in sorted(seen.items(), key=lambda x: int(x[0])):
        name, typ, mn, mx = known[n][:4]
        if len(lengths) > 1:
            why.append("element %s: %s records disagree on its length %s; kept %d/%d" % (
                n, version, sorted(lengths), mn, mx))
        elif lengths != {(mn, mx)}:
            (rmn, rmx), = lengths
            out[n] = (name, typ, rmn, rmx)
            why.append("element %s %s: %d/%d in %s (004010 %d/%d)" % (n, name, rmn, rmx, version, mn, mx))
    return out, why


def _distinct_loop_ids(nodes):
    """Loops are named by their trigger, and a schema's sibling loops need distinct ids (they are
    map path steps). Where the reference has two sibling loops with one trigger (005010 753: the
    heading N1 loop and the detail N1 loop flattened beside it; 005010 832: two LS loops), the
    second is named <trigger>_2, the third <trigger>_3. Returns (nodes, renamed)."""
    seen, out, renamed = {}, [], []
    for n in nodes:
        if n[0] == "L":
            kids, inner = _distinct_loop_ids(n[4])
            renamed += inner
            seen[n[1]] = seen.get(n[1], 0) + 1
            loop_id = n[1] if seen[n[1]] == 1 else "%s_%d" % (n[1], seen[n[1]])
            if loop_id != n[1]:
                renamed.append(loop_id)
            n = ("L", loop_id, n[2], n[3], kids)
        out.append(n)
    return out, renamed


def _py(v):
    return repr(v)


def write(path, plan):
    """Writes the checked tables module: {version: [set ids]} -> x12_checked.py."""
    out = ['"""X12 tables checked against the public references by x12_reference.py (README.md, pass 4).',
           "",
           "Written by `python3 scripts/schemas/x12_reference.py write` from facts read in the mirrors;",
           "re-run it rather than editing. gen_x12.py reads this module, never the references.",
           '"""', "", "SET_NAMES = %s" % _py({k: SET_NAMES[k] for k in sorted(SET_NAMES)}), "",
           "ELEMENTS = {}", "SEGMENTS = {}", "STRUCTURES = {}", "OMITTED = {}", "NOTES = {}", ""]
    for version, set_ids in plan.items():
        new_segs, new_elems, structures, omitted, notes = build(version, set_ids)
        out.append("ELEMENTS[%r] = {" % version)
        for n, e in sorted(new_elems.items(), key=lambda x: int(x[0])):
            out.append("    %r: (%r, %r, %d, %d, [], True)," % (n, e[0], e[1], e[2], e[3]))
        out.append("}")
        out.append("SEGMENTS[%r] = {" % version)
        for seg, (name, items, rules, skipped) in sorted(new_segs.items()):
            if skipped:
                out.append("    # %s: %s" % (seg, "; ".join(skipped)))
            out.append("    %r: (%r, %r, %r)," % (seg, name, items, rules))
        out.append("}")
        out.append("STRUCTURES[%r] = {" % version)
        for set_id, nodes in sorted(structures.items()):
            out.append("    %r: [" % set_id)
            out += ["    " + l for l in _src_tuples(nodes, "    ")]
            out.append("    ],")
        out.append("}")
        out.append("OMITTED[%r] = %s" % (version, _py(dict(sorted(omitted.items())))))
        out.append("NOTES[%r] = [" % version)
        out += ["    %r," % n for n in dict.fromkeys(notes)]
        out.append("]")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def _src_tuples(nodes, pad):
    out = []
    for n in nodes:
        if n[0] == "S":
            out.append("%s%r," % (pad, n))
        else:
            out.append("%s(%r, %r, %r, %r, [" % (pad, n[0], n[1], n[2], n[3]))
            out += _src_tuples(n[4], pad + "    ")
            out.append("%s])," % pad)
    return out


# Sets whose mandatory segments were confirmed but whose detail loop was not: a table without it
# would reject nearly every real document of the set, which is worse than not checking it.
HELD = {}

_RETAIL_LOGISTICS = ["180", "204", "210", "812", "816", "820", "830", "832", "846", "852", "860", "861", "862", "865",
                     "866", "943", "944", "947", "990"]
# Segments the hand-made sets of passes 1-3 (x12_sets.py: 850, 855, 856, 810, 214, 940, 945) place
# where no PLAN set of the version uses them: proposed by the same rules (pass 6 closed their
# OMITTED entries with EDDY as the second source; README.md, "Pass 6").
HANDMADE = {
    "004010": ["ADV", "BNX", "CB1", "G66", "G72", "R2", "SPO", "SR", "W09", "W28"],
    "005010": ["ADV", "AT9", "BNX", "CB1", "EFI", "G66", "G72", "R2", "SR", "W09", "W28"],
}

PLAN = {
    "004010": _RETAIL_LOGISTICS,
    "005010": _RETAIL_LOGISTICS + ["753", "754"],
    "004030": ["214", "810", "820", "850", "855", "856"],
    "004060": ["810", "850", "855", "856"],
}


if __name__ == "__main__":
    main(sys.argv)
