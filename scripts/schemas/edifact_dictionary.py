"""The ISO 9735 service segments of CONTRL (syntax and service report), for D96A and D01B.

CONTRL is the only hand-checked EDIFACT table left (scripts/schemas/README.md, "Hand-checked
tables against the generated ones"): BizTalk's archive has no CONTRL in its directories, so
the generated library cannot replace it. Every other D96A/D01B message comes from the
generated library (gen_library.py). Text formats, one entry a line:
  ELEMENTS:   id repr name            (repr: a..3, n..15, an3 = fixed length)
  COMPOSITES: id name: ref usage, ...
  SEGMENTS:   tag name: ref usage[*repeat], ...   (refs starting with C or S are composites)
The service segments are the same in both directories, so D01B adds nothing.
"""

ELEMENTS = """
0051 an..3 Controlling agency
0052 an..3 Message version number
0054 an..3 Message release number
0057 an..6 Association assigned code
0062 an..14 Message reference number
0065 an..6 Message type
0068 an..35 Common access reference
0070 n..2 Sequence of transfers
0073 a1 First and last transfer
0074 n..6 Number of segments in the message
0110 an..6 Code list directory version number
0113 an..6 Message type sub-function identification
0115 an..14 Message subset identification
0116 an..3 Message subset version number
0118 an..3 Message subset release number
0121 an..14 Message implementation guideline identification
0122 an..3 Message implementation guideline version number
0124 an..3 Message implementation guideline release number
0127 an..14 Scenario identification
0128 an..3 Scenario version number
0130 an..3 Scenario release number
0004 an..35 Interchange sender identification
0007 an..4 Partner identification code qualifier
0008 an..14 Address for reverse routing
0010 an..35 Interchange recipient identification
0014 an..14 Routing address
0013 an..3 Syntax error, coded
0020 an..14 Interchange control reference
0040 an..35 Application sender identification
0042 an..14 Interchange sender internal identification
0044 an..35 Application recipient identification
0046 an..14 Interchange recipient internal identification
0048 an..14 Functional group reference number
0083 an..3 Action, coded
0085 an..3 Syntax error, coded
0096 n..6 Segment position in message body
0098 an..3 Erroneous data element position in segment
0104 n..3 Erroneous component data element position
"""

COMPOSITES = """
S009 Message identifier: 0065 M, 0052 M, 0054 M, 0051 M, 0057 C, 0110 C, 0113 C
S010 Status of the transfer: 0070 M, 0073 C
S016 Message subset identification: 0115 M, 0116 C, 0118 C, 0051 C
S017 Message implementation guideline identification: 0121 M, 0122 C, 0124 C, 0051 C
S018 Scenario identification: 0127 M, 0128 C, 0130 C, 0051 C
S002 Interchange sender: 0004 M, 0007 C, 0008 C, 0042 C
S003 Interchange recipient: 0010 M, 0007 C, 0014 C, 0046 C
S006 Application sender identification: 0040 M, 0007 C
S007 Application recipient identification: 0044 M, 0007 C
S011 Data element identification: 0098 M, 0104 C
"""

SEGMENTS = """
UNH Message header: 0062 M, S009 M, 0068 C, S010 C, S016 C, S017 C, S018 C
UNT Message trailer: 0074 M, 0062 M
UCI Interchange response: 0020 M, S002 M, S003 M, 0083 M, 0085 C, 0013 C, S011 C
UCM Message response: 0062 M, S009 M, 0083 M, 0085 C, 0013 C, S011 C
UCS Segment error indication: 0096 M, 0085 C
UCD Data element error indication: 0085 M, S011 M
UCF Functional group response: 0048 M, S006 C, S007 C, 0083 M, 0085 C, 0013 C, S011 C
"""

D01B_ELEMENTS = ""
D01B_COMPOSITES = ""
D01B_SEGMENTS = ""

# Closed code lists: only short, stable service lists whose every code is listed here.
CLOSED_CODES = {
    "0073": [("C", "Creation"), ("F", "Final")],
}
OPEN_CODES = {}
