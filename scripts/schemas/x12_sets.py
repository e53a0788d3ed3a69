"""Transaction-set structures (segment order, loops, usage, max use / loop repeat).

Nodes: S(ref, usage, max) or L(id, usage, max, [children]); max None = unbounded (">1").
Segments of the standard that are rarely used and not yet in the dictionary are left
out and listed in OMITTED; a document using them is reported as unexpected.
"""

U = None  # ">1" in the standard


def S(ref, usage="O", mx=1):
    return ("S", ref, usage, mx)


def L(loop_id, usage, mx, children):
    # The trigger (first segment) is mandatory within its loop; the loop's own usage says
    # whether the loop may be absent (the schema engine requires this form).
    first = children[0]
    children = [("S", first[1], "M", first[3])] + list(children[1:])
    return ("L", loop_id, usage, mx, children)


def _fa1_loop():
    return L("FA1", "O", U, [S("FA1"), S("FA2", "M", U)])


def _lm(mx=U, lq=U):
    return L("LM", "O", mx, [S("LM"), S("LQ", "M", lq)])


def _v1():
    """V1 (vessel) loop: ports (R4) and dates of the voyage; 856 HL end, 810 heading and IT1."""
    return L("V1", "O", U, [S("V1"), S("R4", "O", U), S("DTM", "O", U)])


def _qty_si():
    return L("QTY", "O", U, [S("QTY"), S("SI", "O", U)])


def _msg(v5, mx):
    """005010 replaced MSG by MTX (Text) in the purchase order family."""
    return S("MTX", "O", U) if v5 else S("MSG", "O", mx)


def _n1(v5, mx, mid, tail=()):
    """N1 loop: N1 N2 [IN2 in 005010] N3 then the set-specific rest."""
    head = [S("N1"), S("N2", "O", 2)] + ([S("IN2", "O", U)] if v5 else []) + [S("N3", "O", 2)]
    return L("N1", "O", mx, head + list(mid) + list(tail))


def _n9(v5, mid=()):
    """N9 loop of the purchase order family: 005010 added PWK and EFI (electronic format)."""
    return L("N9", "O", 1000, [S("N9"), S("DTM", "O", U)] + list(mid) + [_msg(v5, 1000)]
             + ([S("PWK", "O", U), S("EFI", "O", U)] if v5 else []))


def _adv():
    """Heading ADV (advertising demographics) loop of 850/855; MTX in both versions' tables."""
    return L("ADV", "O", U, [S("ADV"), S("DTM", "O", U), S("MTX", "O", U)])


def _carrier(td1=2, td5=12):
    return [S("TD1", "O", td1), S("TD5", "O", td5), S("TD3", "O", 12), S("TD4", "O", 5)]


def po_850(version):
    v5 = version == "005010"
    heading = [S("ST", "M"), S("BEG", "M"), S("CUR"), S("REF", "O", U), S("PER", "O", 3), S("TAX", "O", U),
               S("FOB", "O", U), S("CTP", "O", U), S("PAM", "O", 10), S("CSH", "O", 5), S("TC2", "O", U),
               L("SAC", "O", 25, [S("SAC"), S("CUR")]), S("ITD", "O", U), S("DIS", "O", 20), S("INC"),
               S("DTM", "O", 10)] + ([] if v5 else [S("LDT", "O", 12)]) + [
               S("LIN", "O", 5), S("SI", "O", U), S("PID", "O", 200), S("MEA", "O", 40),
               S("PWK", "O", 25), S("PKG", "O", 200)] + _carrier(2, U if v5 else 12) + [
               S("MAN", "O", 10), S("PCT", "O", U), S("CTB", "O", 5), S("TXI", "O", U)] + (
               [L("LDT", "O", U, [S("LDT"), S("QTY", "O", U), S("MTX", "O", U), S("REF", "O", U)])] if v5 else []) + [
               L("AMT", "O", U, [S("AMT"), S("REF", "O", U), S("DTM"), S("PCT", "O", U), _fa1_loop()]),
               _n9(v5),
               _n1(v5, 200, [S("N4", "O", U), S("NX2", "O", U), S("REF", "O", 12), S("PER", "O", U), S("SI", "O", U),
                             S("FOB")] + _carrier() + [S("PKG", "O", 200)]),
               _lm(),
               L("SPI", "O", U, [S("SPI"), S("REF", "O", 5), S("DTM", "O", 5), _msg(v5, 50),
                                 L("N1", "O", 20, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"),
                                                   S("REF", "O", 20), S("G61"), _msg(v5, 50)]),
                                 L("CB1", "O", U, [S("CB1"), S("REF", "O", 20), S("DTM", "O", 5), S("LDT"),
                                                   _msg(v5, 50)])]),
               _adv()]
    po1 = L("PO1", "M", 100000, [
        S("PO1", "M"), S("LIN", "O", U), S("SI", "O", U), S("CUR"), S("CN1"), S("PO3", "O", 25),
        L("CTP", "O", U, [S("CTP"), S("CUR")]), S("PAM", "O", 10), S("MEA", "O", 40),
        L("PID", "O", 1000, [S("PID"), S("MEA", "O", 10)]),
        S("PWK", "O", 25), S("PO4", "O", U), S("REF", "O", U), S("PER", "O", 3),
        L("SAC", "O", 25, [S("SAC"), S("CUR"), S("CTP")]),
        S("IT8"), S("CSH", "O", U), S("ITD", "O", 2), S("DIS", "O", 20), S("INC"), S("TAX", "O", U),
        S("FOB", "O", U), S("SDQ", "O", 500), S("IT3", "O", 5), S("DTM", "O", 10), S("TC2", "O", U)]
        + _carrier(1) + [S("PCT", "O", U), S("MAN", "O", 10), _msg(v5, U), S("SPI", "O", U), S("TXI", "O", U),
                         S("CTB", "O", U), _qty_si(),
                         L("SCH", "O", 200, [S("SCH")] + _carrier() + [S("REF", "O", U)]),
                         L("PKG", "O", 200, [S("PKG"), S("MEA", "O", U)]),
                         # LS/LE bound the LDT loop only (not the N9/N1/SLN loops after it)
                         L("LS", "O", 1, [S("LS"),
                                          L("LDT", "M", U, [S("LDT"), S("QTY", "O", U), _msg(v5, 1), S("REF", "O", 3),
                                                            _lm()]),
                                          S("LE", "M")]),
                         _n9(v5, [S("MEA", "O", 40)]),
                         _n1(v5, 200, [S("N4"), S("QTY", "O", U), S("NX2", "O", U), S("REF", "O", 12), S("PER", "O", 3),
                                       S("SI", "O", U), S("DTM"), S("FOB"), S("SCH", "O", 200)] + _carrier() + [
                                       S("PKG", "O", 200),
                                       L("LDT", "O", U, [S("LDT"), S("MAN", "O", 10), S("QTY", "O", 5), _msg(v5, 1),
                                                         S("REF", "O", 3)])]),
                         L("SLN", "O", 1000, [S("SLN"), _msg(v5, U), S("SI", "O", U), S("PID", "O", 1000),
                                              S("PO3", "O", 104)] + ([S("MEA", "O", U)] if v5 else []) + [
                                              S("TC2", "O", U), S("ADV", "O", U), S("DTM", "O", 10), S("CTP", "O", 25),
                                              S("PAM", "O", 10),
                                              S("PO4"), S("TAX", "O", 3),
                                              L("N9", "O", U, [S("N9"), S("DTM", "O", U), _msg(v5, U)]),
                                              L("SAC", "O", 25, [S("SAC"), S("CUR"), S("CTP")]),
                                              _qty_si(),
                                              _n1(v5, 10, [S("N4"), S("NX2", "O", U), S("REF", "O", 12), S("PER", "O", 3),
                                                           S("SI", "O", U)])]),
                         L("AMT", "O", U, [S("AMT"), S("REF", "O", U if v5 else 1), S("PCT", "O", U)]),
                         _lm()])
    summary = [L("CTT", "O", 1, [S("CTT"), S("AMT")]), S("SE", "M")]
    return heading + [po1] + summary


def poack_855(version):
    v5 = version == "005010"
    heading = [S("ST", "M"), S("BAK", "M"), S("CUR"), S("REF", "O", U), S("PER", "O", 3), S("TAX", "O", U),
               S("FOB", "O", U), S("CTP", "O", U), S("PAM", "O", 10), S("CSH"),
               L("SAC", "O", 25, [S("SAC"), S("CUR")]), S("ITD", "O", 5), S("DIS", "O", 20), S("INC"),
               S("DTM", "O", 10), S("LDT", "O", 12), S("LIN", "O", 5), S("SI", "O", U), S("PID", "O", 200),
               S("MEA", "O", 40), S("PWK", "O", 25), S("PKG", "O", 25)] + _carrier() + [
               S("MAN", "O", 10), S("TXI", "O", U), S("CTB", "O", U),
               _n9(v5),
               _n1(v5, 200, [S("N4"), S("NX2", "O", U), S("REF", "O", 12), S("PER", "O", U), S("SI", "O", U),
                             S("FOB")] + _carrier() + [S("PKG", "O", 25), _msg(v5, U)]),
               _adv()]
    po1 = L("PO1", "O", 100000, [
        S("PO1"), S("LIN", "O", U), S("SI", "O", U), S("CUR"), S("PO3", "O", 25), S("CTP", "O", U),
        S("PAM", "O", 10), S("MEA", "O", 40),
        L("PID", "O", 1000, [S("PID"), S("MEA", "O", 10)]),
        S("PWK", "O", 25), S("PO4", "O", U), S("REF", "O", U), S("PER", "O", 3),
        L("SAC", "O", 25, [S("SAC"), S("CUR")]),
        S("IT8"), S("CSH", "O", U), S("ITD", "O", 2), S("DIS", "O", 20), S("INC"), S("TAX", "O", U),
        S("FOB", "O", U), S("SDQ", "O", 500), S("DTM", "O", 10), S("LDT", "O", 12)] + _carrier(1) + [
        L("ACK", "O", 104, [S("ACK"), S("DTM")]),
        S("MAN", "O", 10), S("AMT"), S("CTB", "O", U), S("TXI", "O", U), _qty_si(),
        L("PKG", "O", 200, [S("PKG"), S("MEA", "O", U)]),
        L("SCH", "O", 200, [S("SCH")] + _carrier() + [S("REF", "O", U)]),
        _n9(v5),
        _n1(v5, 200, [S("N4"), S("NX2", "O", U), S("REF", "O", 12), S("PER", "O", 3), S("SI", "O", U), S("DTM"),
                      S("FOB"), S("SCH", "O", 200)] + _carrier() + [S("QTY", "O", U), S("PKG", "O", 25)]),
        L("SLN", "O", 1000, [S("SLN"), _msg(v5, U), S("SI", "O", U), S("PID", "O", 1000), S("PO3", "O", 25)]
          + ([S("MEA", "O", U)] if v5 else []) + [
          S("CTP", "O", 25), S("PAM", "O", 10), S("ACK", "O", 104),
          L("SAC", "O", 10, [S("SAC"), S("CUR")]), S("DTM", "O", 10), S("PO4"), S("TAX", "O", 3),
          S("ADV", "O", U), _qty_si(),
          L("N9", "O", U, [S("N9"), S("DTM", "O", U), _msg(v5, U)]),
          _n1(v5, 10, [S("N4"), S("NX2", "O", U), S("REF", "O", 12), S("PER", "O", 3), S("SI", "O", U)])]),
    ])
    summary = [L("CTT", "O", 1, [S("CTT"), S("AMT")]), S("SE", "M")]
    return heading + [po1] + summary


def asn_856(version):
    v5 = version == "005010"
    hl = L("HL", "M", 200000, [
        S("HL", "M"), S("LIN"), S("SN1"), S("SLN", "O", 1000), S("PRF"), S("PO4"),
        S("PID", "O", 200), S("MEA", "O", 40), S("PWK", "O", 25), S("PKG", "O", 25), S("TD1", "O", 20),
        S("TD5", "O", 12), L("TD3", "O", 12, [S("TD3"), S("AT9")]) if v5 else S("TD3", "O", 12), S("TD4", "O", 5),
        S("TSD"), S("REF", "O", U), S("PER", "O", 3),
        _lh1(v5, 100, 4, 12, U, 4 if v5 else 1, 10, True),
        L("CLD", "O", 200, [S("CLD"), S("REF", "O", 200), S("DTP")]),
        S("MAN", "O", U), S("DTM", "O", 10), S("FOB"), S("PAL"),
        L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("REF", "O", 12), S("PER", "O", 3), S("FOB")]),
        S("SDQ", "O", 50), S("ETD"), S("CUR"), L("SAC", "O", U, [S("SAC"), S("CUR")]), S("GF"), S("YNQ", "O", 10),
        _lm(10, 100), _v1(),
    ])
    return [S("ST", "M"), S("BSN", "M"), S("DTM", "O", 10), hl, S("CTT"), S("SE", "M")]


def invoice_810(version):
    v5 = version == "005010"
    txi = S("TXI", "O", U if v5 else 10)
    # 005010 turned the TXI under SAC into a loop with its own DTM
    sac_txi = L("TXI", "O", U, [S("TXI"), S("DTM")]) if v5 else S("TXI", "O", 10)
    n1 = L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("REF", "O", 12), S("PER", "O", 3),
                            S("DMG")])
    heading = [S("ST", "M"), S("BIG", "M"), S("NTE", "O", 100), S("CUR"), S("REF", "O", 12),
               S("YNQ", "O", 10), S("PER", "O", 3), n1,
               S("ITD", "O", U), S("DTM", "O", 10), S("FOB"), S("PID", "O", 200), S("MEA", "O", 40),
               S("PWK", "O", 25), S("PKG", "O", 25), S("L7"), S("BAL", "O", U), S("INC"), S("PAM", "O", U)] + (
               [S("CRC")] if v5 else []) + [
               _lm(10, 100), L("N9", "O", 1, [S("N9"), S("MSG", "M", 10)]), _v1(), _fa1_loop()]
    it1 = L("IT1", "O", 200000, [
        S("IT1"), S("CRC"), S("QTY", "O", 5), S("CUR"), S("IT3", "O", 5), txi, S("CTP", "O", 25),
        S("PAM", "O", 10), S("MEA", "O", 40),
        L("PID", "O", 1000, [S("PID"), S("MEA", "O", 10)]),
        S("PWK", "O", 25), S("PKG", "O", 25), S("PO4"), S("ITD", "O", 2), S("REF", "O", U), S("YNQ", "O", 10),
        S("PER", "O", 5), S("SDQ", "O", 500), S("DTM", "O", 10), S("CAD", "O", U), S("L7", "O", U), S("SR"),
        L("SAC", "O", U if v5 else 25, [S("SAC"), sac_txi]),
        L("SLN", "O", 1000, [S("SLN"), S("DTM"), S("REF", "O", U), S("PID", "O", 1000), S("SAC", "O", U if v5 else 25),
                             S("TC2", "O", 2), txi]),
        n1, _lm(10, 100), _v1(), _fa1_loop(),
    ])
    summary = [S("TDS", "M"), txi, S("CAD"), S("AMT", "O", U),
               L("SAC", "O", U if v5 else 25, [S("SAC")] + ([S("DTM", "O", U)] if v5 else []) + [sac_txi]),
               L("ISS", "O", U, [S("ISS"), S("PID")]), S("CTT"), S("SE", "M")]
    return heading + [it1] + summary


def _at7():
    return L("AT7", "O", 10, [S("AT7"), S("MS1"), S("MS2")])


def status_214(version):
    if version == "005010":
        # 004030 onwards: no heading parties; every LX carries an AT7 status and may carry OID orders
        lx = L("LX", "M", 999999, [S("LX", "M"), S("L11", "O", 999), S("MAN", "O", 9999), S("Q7", "O", 10),
                                   S("K1", "O", 10), S("AT5", "O", 10), S("AT8", "O", 10),
                                   L("AT7", "M", 10, [S("AT7"), S("MS1"), S("MS2", "O", 2), S("K1"), S("M7")]),
                                   L("N1", "O", 5, [S("N1"), S("N2"), S("N3", "O", 2), S("N4"), S("G62"),
                                                    S("L11", "O", 10)]),
                                   L("OID", "O", 999999, [S("OID"), S("SDQ", "O", 10)])])
        return [S("ST", "M"), S("B10", "M"), S("MS3", "O", 12), lx, S("SE", "M")]
    cd3 = L("CD3", "O", 999999, [S("CD3"), S("L11", "O", 20), _at7(), S("NM1"), S("Q7", "O", 10), S("AT8"),
                                 S("MAN", "O", 9999),
                                 L("N1", "O", 999999, [S("N1"), S("N2"), S("N3", "O", 3), S("N4"), S("L11", "O", 10)])])
    prf = L("PRF", "O", 999999, [S("PRF"),
                                 L("N1", "O", 999999, [S("N1"), S("N2"), S("N3", "O", 2), S("N4"), S("L11", "O", 10)]),
                                 L("CD3", "O", 999999, [S("CD3"), S("L11", "O", 20), _at7(), S("MAN", "O", 9999)])])
    return [S("ST", "M"), S("B10", "M"), S("L11", "O", 300), S("MAN", "O", 9999), S("K1", "O", 10),
            L("N1", "O", 10, [S("N1"), S("N2"), S("N3", "O", 2), S("N4"), S("G61"), S("G62"), S("L11", "O", 10)]),
            S("MS3", "O", 12),
            L("LX", "O", 999999, [S("LX", "M"), _at7(), S("L11", "O", 10), S("MAN", "O", 9999), S("Q7", "O", 10),
                                  S("K1", "O", 10), S("AT5", "O", 10), S("AT8", "O", 10), cd3, prf,
                                  L("SPO", "O", U, [S("SPO"), S("SDQ", "O", 10)])]),
            S("SE", "M")]


def fa_997():
    return [S("ST", "M"), S("AK1", "M"),
            L("AK2", "O", 999999, [S("AK2"),
                                   L("AK3", "O", 999999, [S("AK3"), S("AK4", "O", 99)]),
                                   S("AK5", "M")]),
            S("AK9", "M"), S("SE", "M")]


def fa_997_5010():
    return [S("ST", "M"), S("AK1", "M"),
            L("AK2", "O", U, [S("AK2"), L("AK3", "O", U, [S("AK3"), S("AK4", "O", 99)]), S("AK5", "M")]),
            S("AK9", "M"), S("SE", "M")]


def ia_999():
    return [S("ST", "M"), S("AK1", "M"),
            L("AK2", "O", U, [S("AK2"),
                              L("IK3", "O", U, [S("IK3"), S("CTX", "O", 10),
                                                L("IK4", "O", U, [S("IK4"), S("CTX", "O", 10)])]),
                              S("IK5", "M")]),
            S("AK9", "M"), S("SE", "M")]


def _lm10():
    return _lm(10, 100)


def _lh1(v5, mx, lh2, lh3, lep, lh4, lhr, lhe):
    """LH1 hazardous-material loop. 005010 LH2 (13 positions) and LFH (8) are in since pass 4 with
    their 004010 positions (11 and 7; the added trailing ones have no second source and are left
    off: a document using them gets schema.element.too_many). README.md, pass 4."""
    kids = [S("LH1"), S("LH2", "O", lh2), S("LH3", "O", lh3), S("LFH", "O", 20), S("LEP", "O", lep),
            S("LH4", "O", lh4), S("LHT", "O", 3), S("LHR", "O", lhr), S("PER", "O", 5)] + ([S("LHE")] if lhe else [])
    return L("LH1", "O", mx, kids)


def wso_940(version):
    """940 Warehouse Shipping Order; 005010 from its own table (N9 in the LX loop, N1 loop under
    W01 holding PER, AMT >1)."""
    v5 = version == "005010"
    inner_lx = L("LX", "M", U, [S("LX"), S("N9", "O", U), S("G62", "O", 10), S("N1"), S("SDQ", "O", U), _lm10(),
                                _lh1(v5, U, 4, 10, 3, 1, 5, False)])
    parties = ([L("N1", "O", U, [S("N1"), S("N2"), S("N3"), S("N4"), S("PER", "O", 5)])] if v5
               else [S("N1", "O", 3), S("PER", "O", 5)])
    w01 = L("W01", "O", U, [S("W01"), S("G69", "O", 5), S("N9", "O", 200), S("NTE", "O", U), S("W20", "O", 3),
                            S("QTY", "O", 10), S("AMT", "O", U if v5 else 1), S("G62", "O", 10), S("G66")] + parties + [
                            S("LH2", "O", 6), S("LHR"), S("LH6", "O", 5),
                            _lm10(), L("LS", "O", 1, [S("LS"), inner_lx, S("LE", "M")]), _fa1_loop()])
    lx = L("LX", "O", U, [S("LX"), S("MAN", "O", U), S("SDQ", "O", U), S("N1"), S("G62", "O", 10)]
           + ([S("N9", "O", U)] if v5 else []) + [w01])
    return ([S("ST", "M"), S("W05", "M"),
             L("N1", "O", 10, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("PER", "O", 5)]),
             S("N9", "O", 10), S("G61", "O", 3), S("G62", "O", 10), S("NTE", "O", U), S("W09"), S("W66"),
             S("W6", "O", 5 if v5 else 1), S("R2", "O", 13), S("BNX")]
            + ([L("TD3", "O", 1, [S("TD3"), S("AT9")])] if v5 else []) + [_lm10(), lx, S("W76"), S("SE", "M")])


def wsa_945(version):
    """945 Warehouse Shipping Advice; 005010 from its own table (heading TD1, N1 loop under W12)."""
    v5 = version == "005010"
    inner_lx = L("LX", "M", U, [S("LX"), S("N9", "O", U), S("G62", "O", 10), S("N1"), _lm10()])
    parties = (L("N1", "O", U, [S("N1"), S("N2"), S("N3"), S("N4"), S("PER")]) if v5 else S("N1", "O", 5))
    w12 = L("W12", "O", U, [S("W12"), S("G69", "O", 5), S("N9", "O", 200), S("G62", "O", 10), S("QTY", "O", 10),
                            S("MEA", "O", 5), S("AMT"), S("R4", "O", 5), S("W27"), parties,
                            S("G72", "O", 5), _lm10(),
                            L("LS", "O", 1, [S("LS"), inner_lx, S("LE", "M")]), _fa1_loop()])
    lx = L("LX", "O", U, [S("LX"), S("MAN", "O", U), S("PAL"), S("N9", "O", 5), w12])
    return [S("ST", "M"), S("W06", "M"),
            L("N1", "M", 10, [S("N1"), S("N2"), S("N3", "O", 2), S("N4"), S("PER", "O", 5)]),
            S("N9", "O", 10), S("G61", "O", 3), S("G62", "O", 5), S("NTE", "O", 20), S("W27"), S("W6"),
            S("W28"), S("W10", "O", 10), S("G72", "O", 5)] + ([S("TD1", "O", 5)] if v5 else []) + [_lm10(), lx, S("W03"), S("SE", "M")]


def _sets(version):
    def v(fn):
        return lambda: fn(version)
    out = {"850": ("Purchase Order", v(po_850)), "855": ("Purchase Order Acknowledgment", v(poack_855)),
           "856": ("Ship Notice/Manifest", v(asn_856)), "810": ("Invoice", v(invoice_810)),
           "214": ("Transportation Carrier Shipment Status Message", v(status_214)),
           "940": ("Warehouse Shipping Order", v(wso_940)), "945": ("Warehouse Shipping Advice", v(wsa_945))}
    if version == "005010":
        out["997"] = ("Functional Acknowledgment", fa_997_5010)
        out["999"] = ("Implementation Acknowledgment", ia_999)
    else:
        out["997"] = ("Functional Acknowledgment", fa_997)
    return out


SETS = {"004010": _sets("004010"), "005010": _sets("005010")}


def _add_checked():
    """Sets whose tables were checked by x12_reference.py (pass 4), from x12_checked.py."""
    import x12_checked
    for version, sets in x12_checked.STRUCTURES.items():
        for set_id, nodes in sets.items():
            SETS.setdefault(version, {})[set_id] = (x12_checked.SET_NAMES[set_id], lambda nodes=nodes: nodes)


_add_checked()

# Segments of the standard tables still left out; scripts/schemas/README.md says where each table
# was checked. Pass 6 placed the twelve EDDY confirmed (SR SPO W09 R2 BNX G66 W28 G72 CB1 ADV EFI AT9).
OMITTED = ("214 (004010): EFI/BIN loop (BIN carries binary data of BIN01 bytes, which the tokenizer "
           "cannot frame: it would split on delimiters inside the data)")
