"""Message segment table of CONTRL (UN/EDIFACT 4.3.1, ISO 9735 syntax and service report).

Format: one line per segment "TAG S R" or group "SGn S R"; indentation (2 spaces) nests a
group's members. The other D96A/D01B tables that were hand-typed here (ORDERS, ORDRSP, DESADV,
INVOIC, IFTSTA, APERAK) were replaced by the generated library: every difference between them
was settled for the generated table by a third source (README.md, "Hand-checked tables against
the generated ones"). CONTRL stays: the archive the library comes from has no CONTRL table.
"""

TABLES = {}

_CONTRL = """
UNH M 1
UCI M 1
SG1 C 999999
  UCM M 1
  SG2 C 999
    UCS M 1
    UCD C 99
SG3 C 999999
  UCF M 1
  SG4 C 999999
    UCM M 1
    SG5 C 999
      UCS M 1
      UCD C 99
UNT M 1
"""
TABLES[("D96A", "CONTRL")] = _CONTRL
TABLES[("D01B", "CONTRL")] = _CONTRL
