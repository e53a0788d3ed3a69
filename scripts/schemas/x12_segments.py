"""X12 segment and composite dictionary (004010 base plus 005010 differences).

Segment entry: id -> (name, [(ref, usage)], [(rule type, "pos pos ...")]).
A ref starting with "C" is a composite. Usage X marks an element governed by
the syntax rules listed for the segment.
"""


def _pairs(q, v, n, first_usage="X"):
    out = []
    for _ in range(n):
        out += [(q, first_usage), (v, first_usage)]
    return out


def _prules(start, n):
    """P rules for n qualifier/value pairs starting at 1-based position start."""
    return [("P", "%d %d" % (start + 2 * i, start + 2 * i + 1)) for i in range(n)]


def _r(spec):
    """"P0304" -> ("P", "3 4")."""
    t, digits = spec[0], spec[1:]
    return (t, " ".join(str(int(digits[i:i + 2])) for i in range(0, len(digits), 2)))


def _rules(*specs):
    return [_r(s) for s in specs]


COMPOSITES = {
    "C040": ("Reference Identifier", [("128", "M"), ("127", "M"), ("128", "X"), ("127", "X"), ("128", "X"), ("127", "X")], _rules("P0304", "P0506")),
    "C001": ("Composite Unit of Measure",
             [("355", "M"), ("1018", "O"), ("649", "O"), ("355", "O"), ("1018", "X"), ("649", "X"),
              ("355", "O"), ("1018", "X"), ("649", "X"), ("355", "O"), ("1018", "X"), ("649", "X"),
              ("355", "O"), ("1018", "X"), ("649", "X")],
             _rules("C0504", "C0604", "C0807", "C0907", "C1110", "C1210", "C1413", "C1513")),
    "C030": ("Position in Segment", [("722", "M"), ("1528", "O")], []),
}

COMPOSITES_5010 = {
    "C030": ("Position in Segment", [("722", "M"), ("1528", "O"), ("1686", "O")], []),
    "C998": ("Context Identification", [("9999", "M"), ("9998", "O")], []),
    "C999": ("Reference in Segment", [("725", "M"), ("725", "O")], []),
}

_dtm = [("374", "M"), ("373", "X"), ("337", "X"), ("623", "O"), ("1250", "X"), ("1251", "X")]
_cur = [("98", "M"), ("100", "M"), ("280", "O"), ("98", "O"), ("100", "O"), ("669", "O")] + [("374", "O"), ("373", "X"), ("337", "X")] + [("374", "O"), ("373", "X"), ("337", "X")] * 4

SEGMENTS = {
    "ST": ("Transaction Set Header", [("143", "M"), ("329", "M")], []),
    "SE": ("Transaction Set Trailer", [("96", "M"), ("329", "M")], []),
    "BEG": ("Beginning Segment for Purchase Order",
            [("353", "M"), ("92", "M"), ("324", "M"), ("328", "O"), ("373", "M"), ("367", "O"),
             ("587", "O"), ("1019", "O"), ("1166", "O"), ("1232", "O"), ("786", "O"), ("640", "O")], []),
    "BAK": ("Beginning Segment for Purchase Order Acknowledgment",
            [("353", "M"), ("587", "M"), ("324", "M"), ("373", "M"), ("328", "O"), ("326", "O"),
             ("367", "O"), ("127", "O"), ("373", "O"), ("640", "O")], []),
    "BSN": ("Beginning Segment for Ship Notice",
            [("353", "M"), ("396", "M"), ("373", "M"), ("337", "M"), ("1005", "O"), ("640", "X"), ("641", "O")],
            _rules("C0706")),
    "BIG": ("Beginning Segment for Invoice",
            [("373", "M"), ("76", "M"), ("373", "O"), ("324", "O"), ("328", "O"), ("327", "O"),
             ("640", "O"), ("353", "O"), ("306", "O"), ("76", "O")], []),
    "B10": ("Beginning Segment for Transportation Carrier Shipment Status Message",
            [("127", "M"), ("145", "M"), ("140", "M"), ("71", "O"), ("128", "X"), ("127", "X"), ("1073", "O")],
            _rules("P0506")),
    "CUR": ("Currency", _cur,
            _rules("C0807", "C0907", "L101112", "C1110", "C1210", "L131415", "C1413", "C1513",
                   "L161718", "C1716", "C1816", "L192021", "C2019", "C2119")),
    "REF": ("Reference Identification", [("128", "M"), ("127", "X"), ("352", "X"), ("C040", "O")], _rules("R0203")),
    "PER": ("Administrative Communications Contact",
            [("366", "M"), ("93", "O"), ("365", "X"), ("364", "X"), ("365", "X"), ("364", "X"),
             ("365", "X"), ("364", "X"), ("443", "O")], _rules("P0304", "P0506", "P0708")),
    "FOB": ("F.O.B. Related Instructions",
            [("146", "M"), ("309", "X"), ("352", "O"), ("334", "O"), ("335", "X"), ("309", "X"),
             ("352", "O"), ("54", "O"), ("352", "O")], _rules("C0302", "C0405", "C0706", "C0809")),
    "CTP": ("Pricing Information",
            [("687", "O"), ("236", "X"), ("212", "X"), ("380", "X"), ("C001", "X"), ("648", "O"),
             ("649", "X"), ("782", "O"), ("639", "O"), ("499", "O"), ("289", "O")],
            _rules("P0405", "C0607", "C0902", "C1002", "C1103")),
    "CSH": ("Sales Requirements",
            [("563", "O"), ("306", "X"), ("610", "X"), ("508", "O"), ("373", "O"), ("559", "X"),
             ("560", "X"), ("566", "O"), ("954", "X"), ("1004", "X")], _rules("C0203", "P0607")),
    "SAC": ("Service, Promotion, Allowance, or Charge Information",
            [("248", "M"), ("1300", "X"), ("559", "X"), ("1301", "X"), ("610", "O"), ("378", "X"),
             ("332", "X"), ("118", "O"), ("355", "X"), ("380", "X"), ("380", "O"), ("331", "O"),
             ("127", "X"), ("770", "O"), ("352", "X"), ("819", "O")],
            _rules("R0203", "P0304", "P0607", "P0910", "C1110", "C1413", "C1615")),
    "ITD": ("Terms of Sale/Deferred Terms of Sale",
            [("336", "O"), ("333", "O"), ("338", "O"), ("370", "X"), ("351", "X"), ("446", "O"),
             ("386", "O"), ("362", "O"), ("388", "O"), ("389", "X"), ("342", "X"), ("352", "O"),
             ("765", "X"), ("107", "O"), ("954", "O")], []),
    "DTM": ("Date/Time Reference", _dtm, _rules("R020305", "C0403", "P0506")),
    "PID": ("Product/Item Description",
            [("349", "M"), ("750", "O"), ("559", "X"), ("751", "X"), ("352", "X"), ("752", "O"),
             ("822", "O"), ("1073", "O"), ("819", "O")], _rules("C0403", "R0405", "C0703", "C0804", "C0905")),
    "MEA": ("Measurements",
            [("737", "O"), ("738", "X"), ("739", "X"), ("C001", "X"), ("740", "X"), ("741", "X"),
             ("935", "O"), ("936", "X"), ("752", "O"), ("1373", "O")],
            _rules("R03050608", "C0504", "C0604", "L07030506", "E0803")),
    "PKG": ("Marking, Packaging, Loading",
            [("349", "X"), ("753", "O"), ("559", "O"), ("754", "X"), ("352", "X"), ("400", "O")],
            _rules("R0405", "C0403", "C0501")),
    "TD1": ("Carrier Details (Quantity and Weight)",
            [("103", "O"), ("80", "X"), ("23", "O"), ("22", "X"), ("79", "O"), ("187", "O"),
             ("81", "X"), ("355", "X"), ("183", "X"), ("355", "X")],
            _rules("C0102", "C0304", "C0607", "P0708", "P0910")),
    "TD5": ("Carrier Details (Routing Sequence/Transit Time)",
            [("133", "O"), ("66", "X"), ("67", "X"), ("91", "X"), ("387", "X"), ("368", "O"),
             ("309", "O"), ("310", "X"), ("731", "O"), ("732", "X"), ("733", "X"), ("284", "X"),
             ("284", "X"), ("284", "O"), ("26", "O")],
            _rules("R0204050612", "C0203", "C0708", "C1011", "C1312", "C1413")),
    "TD3": ("Carrier Details (Equipment)",
            [("40", "X"), ("206", "O"), ("207", "X"), ("187", "O"), ("81", "X"), ("355", "O"),
             ("102", "O"), ("407", "O"), ("225", "O"), ("24", "O")],
            _rules("E0110", "C0203", "C0405")),
    "TD4": ("Carrier Details (Special Handling, or Hazardous Materials, or Both)",
            [("152", "X"), ("208", "X"), ("209", "X"), ("352", "X"), ("1073", "O")],
            _rules("R010204", "C0203")),
    "MAN": ("Marks and Numbers",
            [("88", "M"), ("87", "M"), ("87", "O"), ("88", "X"), ("87", "X"), ("87", "O")],
            _rules("P0405", "C0605")),
    "N9": ("Reference Identification",
           [("128", "M"), ("127", "X"), ("369", "X"), ("373", "O"), ("337", "X"), ("623", "O"), ("C040", "O")],
           _rules("R0203", "C0605")),
    "MSG": ("Message Text", [("933", "M"), ("934", "X"), ("1470", "O")], _rules("C0302")),
    "NTE": ("Note/Special Instruction", [("363", "O"), ("352", "M")], []),
    "N1": ("Name", [("98", "M"), ("93", "X"), ("66", "X"), ("67", "X"), ("706", "O"), ("98", "O")],
           _rules("R0203", "P0304")),
    "N2": ("Additional Name Information", [("93", "M"), ("93", "O")], []),
    "N3": ("Address Information", [("166", "M"), ("166", "O")], []),
    "N4": ("Geographic Location",
           [("19", "O"), ("156", "O"), ("116", "O"), ("26", "O"), ("309", "X"), ("310", "O")],
           _rules("C0605")),
    "PO1": ("Baseline Item Data",
            [("350", "O"), ("330", "X"), ("355", "O"), ("212", "X"), ("639", "O")] + _pairs("235", "234", 10),
            _rules("C0302", "C0504") + _prules(6, 10)),
    "PO4": ("Item Physical Details",
            [("356", "O"), ("357", "X"), ("355", "X"), ("103", "X"), ("187", "X"), ("384", "X"),
             ("355", "X"), ("385", "X"), ("355", "X"), ("82", "X"), ("189", "X"), ("65", "X"),
             ("355", "X"), ("810", "O"), ("752", "O"), ("350", "X"), ("350", "O"), ("1470", "O")],
            _rules("P0203", "C0506", "P0607", "P0809", "C1013", "C1113", "C1213", "L13101112", "C1716")),
    "SDQ": ("Destination Quantity",
            [("355", "M"), ("66", "O"), ("67", "M"), ("380", "M")] + _pairs("67", "380", 9) + [("310", "O")],
            _prules(5, 9)),
    "SCH": ("Line Item Schedule",
            [("380", "M"), ("355", "M"), ("98", "X"), ("93", "X"), ("374", "M"), ("373", "M"),
             ("337", "O"), ("374", "X"), ("373", "X"), ("337", "O"), ("326", "O"), ("350", "O")],
            _rules("C0304")),
    "AMT": ("Monetary Amount", [("522", "M"), ("782", "M"), ("478", "O")], []),
    "CTT": ("Transaction Totals",
            [("354", "M"), ("347", "O"), ("81", "X"), ("355", "X"), ("183", "X"), ("355", "X"), ("352", "O")],
            _rules("P0304", "P0506")),
    "LIN": ("Item Identification", [("350", "O"), ("235", "M"), ("234", "M")] + _pairs("235", "234", 14),
            _prules(4, 14)),
    "SLN": ("Subline Item Detail",
            [("350", "M"), ("350", "O"), ("662", "M"), ("380", "X"), ("C001", "X"), ("212", "X"),
             ("639", "O"), ("662", "O")] + _pairs("235", "234", 10),
            _rules("P0405", "C0706", "C0806") + _prules(9, 10)),
    "ACK": ("Line Item Acknowledgment",
            [("668", "M"), ("380", "X"), ("355", "X"), ("374", "X"), ("373", "O"), ("326", "O")]
            + _pairs("235", "234", 10) + [("559", "X"), ("822", "X"), ("1271", "O")],
            _rules("P0203", "C0405") + _prules(7, 10) + _rules("P2728")),
    "SI": ("Service Characteristic Identification",
           [("559", "M"), ("1000", "M"), ("234", "M")] + _pairs("1000", "234", 9), _prules(4, 9)),
    "HL": ("Hierarchical Level", [("628", "M"), ("734", "O"), ("735", "M"), ("736", "O")], []),
    "PRF": ("Purchase Order Reference",
            [("324", "M"), ("328", "O"), ("327", "O"), ("373", "O"), ("350", "O"), ("367", "O"), ("92", "O")], []),
    "SN1": ("Item Detail (Shipment)",
            [("350", "O"), ("382", "M"), ("355", "M"), ("646", "O"), ("330", "X"), ("355", "X"),
             ("728", "O"), ("668", "O")], _rules("P0506")),
    "IT1": ("Baseline Item Data (Invoice)",
            [("350", "O"), ("358", "X"), ("355", "X"), ("212", "X"), ("639", "O")] + _pairs("235", "234", 10),
            _rules("P020304", "C0504") + _prules(6, 10)),
    "TDS": ("Total Monetary Value Summary", [("610", "M"), ("610", "O"), ("610", "O"), ("610", "O")], []),
    "TXI": ("Tax Information",
            [("963", "M"), ("782", "X"), ("954", "X"), ("955", "X"), ("956", "X"), ("441", "X"),
             ("662", "O"), ("828", "O"), ("325", "O"), ("350", "O")],
            _rules("R020306", "P0405", "C0803")),
    "CAD": ("Carrier Detail",
            [("91", "O"), ("206", "O"), ("207", "O"), ("140", "X"), ("387", "X"), ("368", "O"),
             ("128", "O"), ("127", "X"), ("284", "O")], _rules("R0405")),
    "ISS": ("Invoice Shipment Summary",
            [("382", "X"), ("355", "X"), ("81", "X"), ("355", "X"), ("183", "X"), ("355", "X"),
             ("380", "X"), ("81", "O")], _rules("P0102", "P0304", "P0506")),
    "LX": ("Assigned Number", [("554", "M")], []),
    "L11": ("Business Instructions and Reference Number", [("127", "X"), ("128", "X"), ("352", "O")],
            _rules("R0103")),
    "AT7": ("Shipment Status Details",
            [("1650", "X"), ("1651", "X"), ("1652", "X"), ("1651", "X"), ("373", "O"), ("337", "X"), ("623", "O")],
            _rules("R0103", "P0102", "P0304")),
    "MS1": ("Equipment, Shipment, or Real Property Location",
            [("19", "X"), ("156", "X"), ("26", "O"), ("1654", "X"), ("1655", "X"), ("1280", "X"), ("1280", "X")],
            _rules("P0405")),
    "MS2": ("Equipment or Container Owner and Type",
            [("140", "O"), ("207", "O"), ("40", "O"), ("761", "O")], []),
    "AT8": ("Shipment Weight, Packaging and Quantity Data",
            [("187", "X"), ("188", "X"), ("81", "X"), ("80", "O"), ("80", "O"), ("184", "X"), ("183", "X")],
            _rules("P010203", "P0607")),
    # warehouse (940/945). Element lists checked against published segment references
    # (W06, W12, W27, W66, W01, W20, W76); see the notes in x12_sets.py for what is not.
    "W05": ("Shipping Order Identification",
            [("473", "M"), ("285", "M"), ("324", "O"), ("474", "X"), ("472", "X"), ("640", "O"), ("306", "O")],
            _rules("P0405")),
    "W06": ("Warehouse Shipment Identification",
            [("514", "M"), ("285", "O"), ("373", "O"), ("145", "O"), ("531", "O"), ("324", "O"),
             ("474", "X"), ("472", "X"), ("152", "O"), ("891", "O"), ("640", "O"), ("306", "O")],
            _rules("P0708")),
    "G61": ("Contact", [("366", "M"), ("93", "M"), ("365", "X"), ("364", "X"), ("443", "O")], _rules("P0304")),
    "G62": ("Date/Time", [("432", "X"), ("373", "X"), ("176", "X"), ("337", "X"), ("623", "O")],
            _rules("R0103", "P0102", "P0304")),
    "G69": ("Line Item Detail - Description", [("369", "M")], []),
    "W66": ("Warehouse Carrier Information",
            [("146", "M"), ("91", "M"), ("399", "O"), ("400", "O"), ("387", "O"), ("433", "O"),
             ("434", "O"), ("625", "X"), ("610", "X"), ("140", "O")], _rules("P0809")),
    "W01": ("Line Item Detail - Warehouse",
            [("330", "M"), ("355", "M"), ("438", "X"), ("235", "X"), ("234", "X"), ("235", "X"), ("234", "X"),
             ("59", "O"), ("121", "O"), ("23", "X"), ("22", "X"), ("416", "O"), ("451", "O"), ("286", "O"),
             ("235", "X"), ("234", "X"), ("560", "O")],
            _rules("R0304", "P0405", "P0607", "P1011", "P1516")),
    "W20": ("Line Item Detail - Miscellaneous",
            [("356", "O"), ("357", "X"), ("355", "X"), ("81", "X"), ("187", "X"), ("188", "X"), ("395", "O"),
             ("183", "X"), ("355", "X")], _rules("P0203", "P040506", "P0809")),
    "QTY": ("Quantity", [("673", "M"), ("380", "X"), ("C001", "O"), ("61", "X")], _rules("R0204", "E0204")),
    "W76": ("Total Shipping Order",
            [("330", "M"), ("81", "X"), ("355", "X"), ("183", "X"), ("355", "X"), ("398", "O")],
            _rules("P0203", "P0405")),
    "W27": ("Carrier Detail",
            [("91", "M"), ("140", "X"), ("387", "X"), ("146", "O"), ("40", "O"), ("206", "O"), ("207", "O"),
             ("368", "O"), ("152", "O"), ("890", "O")], _rules("R0203")),
    "W10": ("Warehouse Additional Carrier Information",
            [("400", "M"), ("406", "O"), ("399", "O"), ("225", "O"), ("225", "O"), ("408", "X"), ("355", "X"),
             ("408", "X"), ("355", "X")], _rules("P0607", "P0809")),
    "W12": ("Warehouse Item Detail",
            [("368", "M"), ("330", "O"), ("382", "O"), ("383", "O"), ("355", "O"), ("438", "X"), ("235", "X"),
             ("234", "X"), ("451", "O"), ("81", "X"), ("187", "X"), ("188", "X"), ("81", "X"), ("187", "X"),
             ("188", "X"), ("438", "O"), ("235", "X"), ("234", "X")],
            _rules("R0607", "P0708", "P101112", "P131415", "P1718")),
    "W03": ("Total Shipment Information",
            [("382", "M"), ("81", "O"), ("355", "X"), ("183", "O"), ("355", "X"), ("80", "O"), ("355", "X")],
            _rules("P0405", "P0607")),
    "LM": ("Code Source Information", [("559", "M"), ("822", "O")], []),
    "LQ": ("Industry Code Identification", [("1270", "X"), ("1271", "X")], _rules("C0102")),
    # acknowledgments
    "AK1": ("Functional Group Response Header", [("479", "M"), ("28", "M")], []),
    "AK2": ("Transaction Set Response Header", [("143", "M"), ("329", "M")], []),
    "AK3": ("Data Segment Note", [("721", "M"), ("719", "M"), ("447", "O"), ("720", "O")], []),
    "AK4": ("Data Element Note", [("C030", "M"), ("725", "O"), ("723", "M"), ("724", "O")], []),
    "AK5": ("Transaction Set Response Trailer",
            [("717", "M"), ("718", "O"), ("718", "O"), ("718", "O"), ("718", "O"), ("718", "O")], []),
    "AK9": ("Functional Group Response Trailer",
            [("715", "M"), ("97", "M"), ("123", "M"), ("2", "M"), ("716", "O"), ("716", "O"),
             ("716", "O"), ("716", "O"), ("716", "O")], []),
}

SEGMENTS_5010 = {
    "ST": ("Transaction Set Header", [("143", "M"), ("329", "M"), ("1705", "O")], []),
    "N4": ("Geographic Location",
           [("19", "O"), ("156", "X"), ("116", "O"), ("26", "X"), ("309", "X"), ("310", "O"), ("1715", "X")],
           _rules("E0207", "C0605", "C0704")),
    "AK1": ("Functional Group Response Header", [("479", "M"), ("28", "M"), ("480", "O")], []),
    "AK2": ("Transaction Set Response Header", [("143", "M"), ("329", "M"), ("1705", "O")], []),
    "IK3": ("Implementation Data Segment Note", [("721", "M"), ("719", "M"), ("447", "O"), ("620", "O")], []),
    "IK4": ("Implementation Data Element Note", [("C030", "M"), ("725", "O"), ("621", "M"), ("724", "O")], []),
    "IK5": ("Implementation Transaction Set Response Trailer",
            [("717", "M"), ("618", "O"), ("618", "O"), ("618", "O"), ("618", "O"), ("618", "O")], []),
    "CTX": ("Context",
            [("C998", "M", 10), ("721", "X"), ("719", "O"), ("447", "O"), ("C030", "O"), ("C999", "O")],
            _rules("P0203")),
}


def segments(version):
    s = dict(SEGMENTS)
    c = dict(COMPOSITES)
    if version == "005010":
        s.update(SEGMENTS_5010)
        c.update(COMPOSITES_5010)
    return s, c
