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


def _n1_loop(mx, tail):
    return L("N1", "O", mx, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4", "O", U)] + tail)


def _carrier(td1=2):
    return [S("TD1", "O", td1), S("TD5", "O", 12), S("TD3", "O", 12), S("TD4", "O", 5)]


def _fa1_loop():
    return L("FA1", "O", U, [S("FA1"), S("FA2", "M", U)])


def _lm(mx=U):
    return L("LM", "O", mx, [S("LM"), S("LQ", "M", 100)])


def _qty_loop():
    return L("QTY", "O", U, [S("QTY"), S("SI", "O", U)])


def _ldt_loop(mx, tail):
    return L("LDT", "O", mx, [S("LDT")] + tail)


def po_850():
    heading = [S("ST", "M"), S("BEG", "M"), S("CUR"), S("REF", "O", U), S("PER", "O", 3), S("TAX", "O", U),
               S("FOB", "O", U), S("CTP", "O", U), S("PAM", "O", 10), S("CSH", "O", 5), S("TC2", "O", U),
               L("SAC", "O", 25, [S("SAC"), S("CUR")]), S("ITD", "O", U), S("DTM", "O", 10),
               S("LDT", "O", 12), S("LIN", "O", 5), S("SI", "O", U), S("PID", "O", 200), S("MEA", "O", 40),
               S("PWK", "O", 25), S("PKG", "O", 200)] + _carrier() + [
               S("MAN", "O", 10), S("PCT", "O", U), S("CTB", "O", 5), S("TXI", "O", U),
               L("AMT", "O", U, [S("AMT"), S("REF", "O", U), S("DTM"), S("PCT", "O", U), _fa1_loop()]),
               L("N9", "O", 1000, [S("N9"), S("DTM", "O", U), S("MSG", "O", 1000)]),
               L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4", "O", U),
                                  S("REF", "O", 12), S("PER", "O", U), S("SI", "O", U), S("FOB")] + _carrier() + [S("PKG", "O", 200)]),
               _lm(),
               L("SPI", "O", U, [S("SPI"), S("REF", "O", 5), S("DTM", "O", 5), S("MSG", "O", 50),
                                 L("N1", "O", 20, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"),
                                                   S("REF", "O", 20), S("G61"), S("MSG", "O", 50)])])]
    po1 = L("PO1", "M", 100000, [
        S("PO1", "M"), S("LIN", "O", U), S("SI", "O", U), S("CUR"), S("PO3", "O", 25),
        L("CTP", "O", U, [S("CTP"), S("CUR")]), S("MEA", "O", 40),
        L("PID", "O", 1000, [S("PID"), S("MEA", "O", 10)]),
        S("PWK", "O", 25), S("PO4", "O", U), S("REF", "O", U), S("PER", "O", 3),
        L("SAC", "O", 25, [S("SAC"), S("CUR"), S("CTP")]),
        S("CSH", "O", U), S("ITD", "O", 2), S("TAX", "O", U), S("FOB", "O", U), S("SDQ", "O", 500),
        S("DTM", "O", 10), S("TC2", "O", U),
        S("TD1"), S("TD5", "O", 12), S("TD3", "O", 12), S("TD4", "O", 5), S("PCT", "O", U), S("MAN", "O", 10),
        S("MSG", "O", U), S("SPI", "O", U), S("TXI", "O", U), S("CTB", "O", U), _qty_loop(),
        L("SCH", "O", 200, [S("SCH"), S("TD1", "O", 2), S("TD5", "O", 12), S("TD3", "O", 12), S("TD4", "O", 5), S("REF", "O", U)]),
        L("PKG", "O", 200, [S("PKG"), S("MEA", "O", U)]),
        S("LS"),
        _ldt_loop(12, [S("QTY", "O", U), S("MSG"), S("REF", "O", 3)]),
        L("N9", "O", 1000, [S("N9"), S("DTM", "O", U), S("MEA", "O", 40), S("MSG", "O", 1000)]),
        L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("QTY", "O", U), S("REF", "O", 12),
                           S("PER", "O", 3), S("SI", "O", U), S("DTM"), S("FOB"), S("SCH", "O", 200)] + _carrier() + [
                           S("PKG", "O", 200),
                           _ldt_loop(U, [S("MAN", "O", 10), S("QTY", "O", 5), S("MSG"), S("REF", "O", 3)])]),
        L("SLN", "O", 1000, [S("SLN"), S("MSG", "O", U), S("SI", "O", U), S("PID", "O", 1000), S("PO3", "O", 104),
                             S("TC2", "O", U), S("DTM", "O", 10), S("CTP", "O", 25), S("PAM", "O", 10),
                             S("PO4"), S("TAX", "O", 3),
                             L("N9", "O", U, [S("N9"), S("DTM", "O", U), S("MSG", "O", U)]),
                             L("SAC", "O", 25, [S("SAC"), S("CUR"), S("CTP")]),
                             _qty_loop(),
                             L("N1", "O", 10, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("REF", "O", 12),
                                               S("PER", "O", 3), S("SI", "O", U)])]),
        S("LE"),
        L("AMT", "O", U, [S("AMT"), S("REF"), S("PCT", "O", U)]),
        _lm(),
    ])
    summary = [L("CTT", "O", 1, [S("CTT"), S("AMT")]), S("SE", "M")]
    return heading + [po1] + summary


def poack_855():
    heading = [S("ST", "M"), S("BAK", "M"), S("CUR"), S("REF", "O", U), S("PER", "O", 3), S("TAX", "O", U),
               S("FOB", "O", U), S("CTP", "O", U), S("PAM", "O", 10), S("CSH"), S("TC2", "O", U),
               L("SAC", "O", 25, [S("SAC"), S("CUR")]), S("ITD", "O", 5), S("DTM", "O", 10),
               S("LDT", "O", 12), S("SI", "O", U), S("PID", "O", 200), S("MEA", "O", 40), S("PWK", "O", 25),
               S("PKG", "O", 200)] + _carrier() + [
               S("MAN", "O", 10), S("PCT", "O", U), S("CTB", "O", 5), S("TXI", "O", U),
               L("AMT", "O", U, [S("AMT"), S("REF", "O", U), S("DTM"), S("PCT", "O", U), _fa1_loop()]),
               L("N9", "O", 1000, [S("N9"), S("DTM", "O", U), S("MSG", "O", 1000)]),
               L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4", "O", U),
                                  S("REF", "O", 12), S("PER", "O", U), S("SI", "O", U), S("FOB")] + _carrier() + [S("PKG", "O", 200)]),
               _lm()]
    po1 = L("PO1", "O", 100000, [
        S("PO1"), S("LIN", "O", U), S("SI", "O", U), S("CUR"), S("PO3", "O", 25),
        L("CTP", "O", U, [S("CTP"), S("CUR")]), S("MEA", "O", 40),
        L("PID", "O", 1000, [S("PID"), S("MEA", "O", 10)]),
        S("PWK", "O", 25), S("PO4", "O", U), S("REF", "O", U), S("PER", "O", 3),
        L("SAC", "O", 25, [S("SAC"), S("CUR")]),
        S("CSH", "O", U), S("ITD", "O", 2), S("TAX", "O", U), S("FOB", "O", U), S("SDQ", "O", 500),
        S("DTM", "O", 10), S("TC2", "O", U),
        S("TD1"), S("TD5", "O", 12), S("TD3", "O", 12), S("TD4", "O", 5),
        L("ACK", "O", 104, [S("ACK"), S("DTM", "O", 10)]),
        S("PCT", "O", U), S("MAN", "O", 10), S("AMT"), S("MSG", "O", U), S("SPI", "O", U), S("TXI", "O", U),
        S("CTB", "O", U), _qty_loop(),
        L("SCH", "O", 104, [S("SCH"), S("TD1", "O", 2), S("TD5", "O", 12), S("TD3", "O", 12), S("TD4", "O", 5), S("REF", "O", U)]),
        S("LS"),
        _ldt_loop(12, [S("QTY", "O", U), S("MSG"), S("REF", "O", 3)]),
        L("N9", "O", 1000, [S("N9"), S("DTM", "O", U), S("MSG", "O", 1000)]),
        L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("QTY", "O", U), S("REF", "O", 12),
                           S("PER", "O", 3), S("SI", "O", U), S("FOB")] + _carrier() + [S("PKG", "O", 200)]),
        L("SLN", "O", 1000, [S("SLN"), S("MSG", "O", U), S("SI", "O", U), S("PID", "O", 1000), S("PO3", "O", 104),
                             S("TC2", "O", U), S("CTP", "O", 25), S("PAM", "O", 10), S("ACK", "O", 104),
                             L("SAC", "O", 25, [S("SAC"), S("CUR")]), S("DTM", "O", 10), S("PO4"), S("TAX", "O", 3),
                             _qty_loop()]),
        S("LE"),
    ])
    summary = [L("CTT", "O", 1, [S("CTT"), S("AMT")]), S("SE", "M")]
    return heading + [po1] + summary


def asn_856():
    hl = L("HL", "M", 200000, [
        S("HL", "M"), S("LIN"), S("SN1"), S("SLN", "O", 1000), S("PRF"), S("PO4"),
        S("PID", "O", 200), S("MEA", "O", 40), S("PWK", "O", 25), S("PKG", "O", 25), S("TD1", "O", 20),
        S("TD5", "O", 12), S("TD3", "O", 12), S("TD4", "O", 5), S("REF", "O", U), S("PER", "O", 3),
        L("CLD", "O", 200, [S("CLD"), S("REF", "O", U), S("DTM")]),
        S("MAN", "O", U), S("DTM", "O", 10), S("FOB"), S("PAL"),
        L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("REF", "O", 12), S("PER", "O", 3), S("FOB")]),
        S("SDQ", "O", 50), S("CUR"), L("SAC", "O", U, [S("SAC"), S("CUR")]), S("YNQ", "O", 10), _lm(100),
    ])
    return [S("ST", "M"), S("BSN", "M"), S("DTM", "O", 10), hl, S("CTT"), S("SE", "M")]


def invoice_810():
    heading = [S("ST", "M"), S("BIG", "M"), S("NTE", "O", 100), S("CUR"), S("REF", "O", 12),
               S("YNQ", "O", 10), S("PER", "O", 3),
               L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("REF", "O", 12), S("PER", "O", 3)]),
               S("ITD", "O", U), S("DTM", "O", 10), S("FOB"), S("PID", "O", 200), S("MEA", "O", 40),
               S("PWK", "O", 25), S("PKG", "O", 25), S("PAM", "O", U), _lm(10),
               L("N9", "O", 1, [S("N9"), S("MSG", "M", 10)]), _fa1_loop()]
    it1 = L("IT1", "O", 200000, [
        S("IT1"), S("QTY", "O", 5), S("CUR"), S("TXI", "O", 10), S("CTP", "O", 25), S("PAM", "O", 10),
        S("MEA", "O", 40),
        L("PID", "O", 1000, [S("PID"), S("MEA", "O", 10)]),
        S("PWK", "O", 25), S("PKG", "O", 25), S("PO4"), S("ITD", "O", 2), S("REF", "O", U), S("YNQ", "O", 10),
        S("PER", "O", 5), S("SDQ", "O", 500), S("DTM", "O", 10), S("CAD", "O", U),
        L("SAC", "O", 25, [S("SAC"), S("TXI", "O", 10)]),
        L("SLN", "O", 1000, [S("SLN"), S("DTM"), S("REF", "O", U), S("PID", "O", 1000), S("SAC", "O", 25),
                             S("TC2", "O", 2), S("TXI", "O", 10)]),
        L("N1", "O", 200, [S("N1"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("REF", "O", 12), S("PER", "O", 3)]),
        _lm(10), _fa1_loop(),
    ])
    summary = [S("TDS", "M"), S("TXI", "O", 10), S("CAD"), S("AMT", "O", U),
               L("SAC", "O", 25, [S("SAC"), S("TXI", "O", 10)]),
               L("ISS", "O", U, [S("ISS"), S("PID")]), S("CTT"), S("SE", "M")]
    return heading + [it1] + summary


def status_214():
    # G61/G62 max use in the N1 loop not confirmed: left unbounded
    return [S("ST", "M"), S("B10", "M"), S("L11", "O", 300), S("MAN", "O", 9999), S("K1", "O", 10),
            L("N1", "O", 10, [S("N1"), S("N2"), S("N3", "O", 2), S("N4"), S("G61", "O", U), S("G62", "O", U),
                              S("L11", "O", 10)]),
            S("MS3", "O", 12),
            L("LX", "O", 999999, [S("LX", "M"),
                                  L("AT7", "O", 10, [S("AT7"), S("MS1"), S("MS2")]),
                                  S("L11", "O", 10), S("MAN", "O", 9999), S("Q7", "O", 10), S("K1", "O", 10),
                                  S("AT8", "O", 10)]),
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


def _lm_loop():
    return L("LM", "O", 10, [S("LM"), S("LQ", "M", 100)])


def wso_940():
    """940 Warehouse Shipping Order (004010 table; 005010 assumed the same, not checked)."""
    w01 = L("W01", "M", U, [S("W01", "M"), S("G69", "O", 5), S("N9", "O", 200), S("NTE", "O", U), S("W20", "O", 3),
                            S("QTY", "O", 10), S("AMT"), S("G62", "O", 10), _lm_loop()])
    lx = L("LX", "O", U, [S("LX"), S("MAN", "O", U), S("G62", "O", 10), w01])
    return [S("ST", "M"), S("W05", "M"),
            L("N1", "O", 10, [S("N1", "M"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("PER", "O", 5)]),
            S("N9", "O", 10), S("G61", "O", 3), S("G62", "O", 10), S("NTE", "O", 20), S("W66"), _lm_loop(),
            lx, S("W76"), S("SE", "M")]


def wsa_945():
    """945 Warehouse Shipping Advice (004010 table; 005010 assumed the same, not checked)."""
    w12 = L("W12", "O", U, [S("W12", "M"), S("G69", "O", 5), S("N9", "O", 200), S("G62", "O", 10),
                            S("QTY", "O", U), S("MEA", "O", U), S("AMT"), S("W27"), _lm_loop()])
    lx = L("LX", "M", U, [S("LX", "M"), S("MAN", "O", U), S("N9", "O", U), w12])
    return [S("ST", "M"), S("W06", "M"),
            L("N1", "O", 10, [S("N1", "M"), S("N2", "O", 2), S("N3", "O", 2), S("N4"), S("PER", "O", 3)]),
            S("N9", "O", 10), S("G61", "O", 3), S("G62", "O", 5), S("NTE", "O", 20), S("W27"),
            S("W10", "O", 10), _lm_loop(), lx, S("W03", "M"), S("SE", "M")]


SETS = {
    "004010": {"850": ("Purchase Order", po_850), "855": ("Purchase Order Acknowledgment", poack_855),
               "856": ("Ship Notice/Manifest", asn_856), "810": ("Invoice", invoice_810),
               "214": ("Transportation Carrier Shipment Status Message", status_214),
               "940": ("Warehouse Shipping Order", wso_940), "945": ("Warehouse Shipping Advice", wsa_945),
               "997": ("Functional Acknowledgment", fa_997)},
    "005010": {"850": ("Purchase Order", po_850), "855": ("Purchase Order Acknowledgment", poack_855),
               "856": ("Ship Notice/Manifest", asn_856), "810": ("Invoice", invoice_810),
               "214": ("Transportation Carrier Shipment Status Message", status_214),
               "940": ("Warehouse Shipping Order", wso_940), "945": ("Warehouse Shipping Advice", wsa_945),
               "997": ("Functional Acknowledgment", fa_997_5010),
               "999": ("Implementation Acknowledgment", ia_999)},
}

OMITTED = ("850/855/856/810 still without: DIS INC CN1 IT8 IT3 NX2 CB1 ADV MTX CRC SR DMG L7 BAL V1/R4 ETD GF "
           "(PAL has no syntax rules; PAM P0607 and YNQ R0110 not enforced, unconfirmed); "
           "214: AT5, CD3 loop, PRF/SPO loops, EFI/BIN (MS3 syntax notes unenforced); "
           "940: W09 W6 R2 BNX, LX-level SDQ/N1, W01-loop G66 N1 PER LH2 LHR LH6 LS/LE FA1/FA2, W2010 (color); "
           "945: W6 W28 G72, PAL, W12-loop R4 N1 G72 LS/LE LX FA1/FA2, W1219+; "
           "W05/W06/W01/W12 length and max-use figures for 005010 copied from 004010 (not checked)")
