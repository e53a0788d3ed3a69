"""UN/EDIFACT directory subset (elements, composites, segments) for D96A and D01B.

One base dictionary (D96A) plus the D01B changes. Text formats, one entry a line:
  ELEMENTS:   id repr name            (repr: a..3, n..15, an3 = fixed length)
  COMPOSITES: id name: ref usage, ...
  SEGMENTS:   tag name: ref usage[*repeat], ...   (refs starting with C or S are composites)
UNH/UNT/UNS and the CONTRL U-segments are syntax (ISO 9735) segments, same in both.
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
0081 a1 Section identification
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
1000 an..35 Document/message name
1001 an..3 Document/message name, coded
1004 an..35 Document/message number
1056 an..9 Version
1060 an..6 Revision number
1082 an..6 Line item number
1131 an..3 Code list qualifier
1153 an..3 Reference qualifier
1154 an..35 Reference number
1156 an..6 Line number
1218 n..2 Number of originals of document required
1220 n..2 Number of copies of document required
1222 n..2 Configuration level
1225 an..3 Message function, coded
1227 an..3 Calculation sequence indicator, coded
1229 an..3 Action request/notification, coded
1230 an..35 Allowance or charge number
1312 an..3 Consignment load sequence number
1366 an..35 Document/message source
1373 an..3 Document/message status, coded
1490 n..4 Consolidation item number
1496 n..5 Goods item number
2005 an..3 Date/time/period qualifier
2009 an..3 Time relation, coded
2013 an..3 Frequency, coded
2015 an..3 Despatch pattern, coded
2017 an..3 Despatch pattern timing, coded
2151 an..3 Type of period, coded
2152 n..3 Number of periods
2379 an..3 Date/time/period format qualifier
2380 an..35 Date/time/period
2475 an..3 Payment time reference, coded
3035 an..3 Party qualifier
3036 an..35 Party name
3039 an..35 Party id. identification
3042 an..35 Street and number/p.o. box
3045 an..3 Party name format, coded
3055 an..3 Code list responsible agency, coded
3124 an..35 Name and address line
3127 an..17 Carrier identification
3128 an..35 Carrier name
3139 an..3 Contact function, coded
3148 an..512 Communication number
3153 an..3 Communication channel identifier, coded
3155 an..3 Communication channel qualifier
3164 an..35 City name
3192 an..35 Account holder name
3194 an..35 Account holder number
3207 an..3 Country, coded
3222 an..70 Related place/location one
3223 an..25 Related place/location one identification
3224 an..70 Place/location
3225 an..25 Place/location identification
3227 an..3 Place/location qualifier
3229 an..9 Country sub-entity identification
3232 an..70 Related place/location two
3233 an..25 Related place/location two identification
3239 an..3 Country of origin, coded
3251 an..9 Postcode identification
3412 an..35 Department or employee
3413 an..17 Department or employee identification
3432 an..70 Institution name
3433 an..11 Institution name identification
3434 an..17 Institution branch number
3436 an..70 Institution branch place
3446 an..20 Party tax identification number
3453 an..3 Language, coded
4000 an..35 Reference version number
4017 an..3 Delivery plan status indicator, coded
4043 an..3 Class of trade, coded
4052 an..70 Terms of delivery or transport
4053 an..3 Terms of delivery or transport, coded
4055 an..3 Terms of delivery or transport function, coded
4065 an..3 Contract and carriage condition, coded
4078 an..70 Handling instructions
4079 an..3 Handling instructions, coded
4183 an..3 Special conditions, coded
4215 an..3 Transport charges method of payment, coded
4219 an..3 Transport priority, coded
4221 an..3 Discrepancy, coded
4233 an..3 Marking instructions, coded
4276 an..35 Terms of payment
4277 an..17 Terms of payment identification
4279 an..3 Payment terms type qualifier
4294 an..35 Change reason
4295 an..3 Change reason, coded
4400 an..35 Instruction
4401 an..3 Instruction, coded
4403 an..3 Instruction qualifier
4404 an..35 Status
4405 an..3 Status, coded
4431 an..3 Payment guarantee, coded
4435 an..3 Payment channel, coded
4439 an..3 Paying conditions, coded
4440 an..70 Free text
4441 an..3 Free text, coded
4451 an..3 Text subject qualifier
4453 an..3 Text function, coded
4455 an..3 Back order, coded
4457 an..3 Substitution of goods, coded
4461 an..3 Payment means, coded
4471 an..3 Settlement, coded
4493 an..3 Delivery requirements, coded
4517 an..3 Seal condition, coded
5004 n..18 Monetary amount
5025 an..3 Monetary amount type qualifier
5118 n..15 Price
5125 an..3 Price qualifier
5152 an..35 Duty/tax/fee type
5153 an..3 Duty/tax/fee type, coded
5189 an..3 Charge/allowance description, coded
5213 an..3 Sub-line price change, coded
5245 an..3 Percentage qualifier
5249 an..3 Percentage basis, coded
5278 an..17 Duty/tax/fee rate
5279 an..7 Duty/tax/fee rate identification
5283 an..3 Duty/tax/fee function qualifier
5284 n..9 Unit price basis
5286 an..15 Duty/tax/fee assessment basis
5289 an..6 Duty/tax/fee account identification
5305 an..3 Duty/tax/fee category, coded
5375 an..3 Price type, coded
5387 an..3 Price type qualifier
5393 an..3 Price multiplier qualifier
5394 n..12 Price multiplier
5402 n..12 Rate of exchange
5419 an..3 Rate type qualifier
5420 n..15 Rate per unit
5463 an..3 Allowance or charge qualifier
5482 n..10 Percentage
5495 an..3 Sub-line indicator, coded
6008 n..15 Height dimension
6060 n..15 Quantity
6063 an..3 Quantity qualifier
6064 n..15 Quantity difference
6066 n..18 Control value
6069 an..3 Control qualifier
6140 n..15 Width dimension
6145 an..3 Dimension qualifier
6152 n..18 Range maximum
6154 an..70 Measurement attribute
6155 an..17 Measurement attribute identification
6162 n..18 Range minimum
6167 an..3 Range type qualifier
6168 n..15 Length dimension
6311 an..3 Measurement application qualifier
6313 an..3 Measurement dimension, coded
6314 n..18 Measurement value
6321 an..3 Measurement significance, coded
6341 an..3 Currency market exchange, coded
6343 an..3 Currency qualifier
6345 an..3 Currency, coded
6347 an..3 Currency details qualifier
6348 n..4 Currency rate base
6350 n..4 Number of units
6353 an..3 Number of units qualifier
6411 an..3 Measure unit qualifier
6432 n..2 Significant digits
7008 an..35 Item description
7009 an..17 Item description identification
7064 an..35 Type of packages
7065 an..17 Type of packages identification
7073 an..3 Packaging terms and conditions, coded
7075 an..3 Packaging level, coded
7077 an..3 Item description type, coded
7081 an..3 Item characteristic, coded
7083 an..3 Configuration, coded
7085 an..3 Nature of cargo, coded
7088 an..8 Dangerous goods flashpoint
7102 an..35 Shipping marks
7106 n3 Shipment flashpoint
7124 n4 UNDG number
7130 an..17 Customer authorization number
7140 an..35 Item number
7143 an..3 Item number type, coded
7160 an..35 Special service
7161 an..3 Special services, coded
7164 an..12 Hierarchical id. number
7166 an..12 Hierarchical parent id.
7224 n..8 Number of packages
7233 an..3 Packaging related information, coded
7273 an..3 Service requirement, coded
7293 an..3 Sector/subject identification qualifier
7294 an..35 Requirement/condition
7295 an..17 Requirement/condition identification
7297 an..3 Set identification qualifier
7365 an..3 Processing indicator, coded
7187 an..17 Process type identification
7383 an..3 Surface/layer indicator, coded
7402 an..35 Identity number
7405 an..3 Identity number qualifier
7419 an..7 Hazardous material class code, identification
7511 an..3 Type of marking, coded
8028 an..17 Conveyance reference number
8051 an..3 Transport stage qualifier
8053 an..3 Equipment qualifier
8066 an..17 Mode of transport
8067 an..3 Mode of transport, coded
8077 an..3 Equipment supplier, coded
8078 an..7 Hazard code version number
8092 an..10 Hazard code version number
8101 an..3 Transit direction, coded
8126 an..10 TREM card number
8154 an..35 Equipment size and type
8155 an..10 Equipment size and type identification
8158 an..4 Hazard identification number, upper part
8169 an..3 Full/empty indicator, coded
8178 an..17 Type of means of transport
8179 an..8 Type of means of transport identification
8186 an4 Substance identification number, lower part
8211 an..3 Permission for transport, coded
8212 an..35 Id. of the means of transport
8213 an..9 Id. of means of transport identification
8246 an..4 Dangerous goods label marking
8249 an..3 Equipment status, coded
8255 an..3 Packing instruction, coded
8260 an..17 Equipment identification number
8273 an..3 Dangerous goods regulations, coded
8275 an..3 Container/package status, coded
8281 an..3 Transport ownership, coded
8325 an..3 Category of means of transport, coded
8332 an..3 Equipment plan
8334 an..35 Movement type
8335 an..3 Movement type, coded
8339 an..3 Packing group, coded
8341 an..3 Haulage arrangements, coded
8351 an..7 Hazard code identification
8364 an..6 EMS number
8393 an..3 Returnable package load contents, coded
8395 an..3 Returnable package freight payment responsibility, coded
8410 an..4 MFAG
8453 an..3 Nationality of means of transport, coded
8457 an..3 Excess transportation reason, coded
8459 an..3 Excess transportation responsibility, coded
9013 an..3 Status reason, coded
9012 an..35 Status reason
9015 an..3 Status category, coded
9213 an..3 Type of duty regime, coded
9303 an..3 Sealing party, coded
9308 an..10 Seal number
9321 an..8 Application error identification
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
C002 Document/message name: 1001 C, 1131 C, 3055 C, 1000 C
C040 Carrier: 3127 C, 1131 C, 3055 C, 3128 C
C056 Department or employee details: 3413 C, 3412 C
C058 Name and address: 3124 M, 3124 C, 3124 C, 3124 C, 3124 C
C059 Street: 3042 M, 3042 C, 3042 C, 3042 C
C076 Communication contact: 3148 M, 3155 M
C078 Account identification: 3194 C, 3192 C, 3192 C, 6345 C
C080 Party name: 3036 M, 3036 C, 3036 C, 3036 C, 3036 C, 3045 C
C082 Party identification details: 3039 M, 1131 C, 3055 C
C088 Institution identification: 3433 C, 1131 C, 3055 C, 3434 C, 1131 C, 3055 C, 3432 C, 3436 C
C100 Terms of delivery or transport: 4053 C, 1131 C, 3055 C, 4052 C, 4052 C
C107 Text reference: 4441 M, 1131 C, 3055 C
C108 Text literal: 4440 M, 4440 C, 4440 C, 4440 C, 4440 C
C110 Payment terms: 4277 M, 1131 C, 3055 C, 4276 C, 4276 C
C112 Terms/time information: 2475 M, 2009 C, 2151 C, 2152 C
C128 Rate details: 5419 M, 5420 M, 5284 C, 6411 C
C138 Price multiplier information: 5394 M, 5393 C
C174 Value/range: 6411 M, 6314 C, 6162 C, 6152 C, 6432 C
C186 Quantity details: 6063 M, 6060 M, 6411 C
C202 Package type: 7065 C, 1131 C, 3055 C, 7064 C
C205 Hazard code: 8351 M, 8078 C, 8092 C
C206 Identification number: 7402 M, 7405 C, 4405 C
C208 Identity number range: 7402 M, 7402 C
C210 Marks & labels: 7102 M, 7102 C, 7102 C, 7102 C, 7102 C, 7102 C, 7102 C, 7102 C, 7102 C, 7102 C
C211 Dimensions: 6411 M, 6168 C, 6140 C, 6008 C
C212 Item number identification: 7140 C, 7143 C, 1131 C, 3055 C
C213 Number and type of packages: 7224 C, 7065 C, 1131 C, 3055 C, 7064 C
C214 Special services identification: 7161 C, 1131 C, 3055 C, 7160 C, 7160 C
C215 Seal issuer: 9303 M, 1131 C, 3055 C
C218 Hazardous material: 7419 C, 1131 C, 3055 C
C219 Movement type: 8335 C, 8334 C
C220 Mode of transport: 8067 C, 8066 C
C222 Transport identification: 8213 C, 1131 C, 3055 C, 8212 C, 8453 C
C223 Dangerous goods shipment flashpoint: 7106 C, 6411 C
C224 Equipment size and type: 8155 C, 1131 C, 3055 C, 8154 C
C228 Transport means: 8179 C, 8178 C
C233 Service: 7273 M, 1131 C, 3055 C, 7273 C, 1131 C, 3055 C
C234 UNDG information: 7124 C, 7088 C
C235 Hazard identification placard details: 8158 C, 8186 C
C236 Dangerous goods label: 8246 C, 8246 C, 8246 C
C237 Equipment identification: 8260 C, 1131 C, 3055 C, 3207 C
C241 Duty/tax/fee type: 5153 C, 1131 C, 3055 C, 5152 C
C243 Duty/tax/fee detail: 5279 C, 1131 C, 3055 C, 5278 C, 5273 C, 1131 C, 3055 C
C270 Control: 6069 M, 6066 M, 6411 C
C273 Item description: 7009 C, 1131 C, 3055 C, 7008 C, 7008 C, 3453 C
C279 Quantity difference information: 6064 M, 6063 C
C280 Range: 6411 M, 6162 C, 6152 C
C329 Pattern description: 2013 C, 2015 C, 2017 C
C401 Excess transportation information: 8457 M, 8459 M, 7130 C
C402 Package type identification: 7077 M, 7064 M, 7143 C, 7064 C, 7143 C
C501 Percentage details: 5245 M, 5482 C, 5249 C, 1131 C, 3055 C
C502 Measurement details: 6313 C, 6321 C, 6155 C, 6154 C
C503 Document/message details: 1004 C, 1373 C, 1366 C, 3453 C
C504 Currency details: 6347 M, 6345 C, 6343 C, 6348 C
C506 Reference: 1153 M, 1154 C, 1156 C, 4000 C
C507 Date/time/period: 2005 M, 2380 C, 2379 C
C509 Price information: 5125 M, 5118 C, 5375 C, 5387 C, 5284 C, 6411 C
C516 Monetary amount: 5025 M, 5004 C, 6345 C, 6343 C, 4405 C
C517 Location identification: 3225 C, 1131 C, 3055 C, 3224 C
C519 Related location one identification: 3223 C, 1131 C, 3055 C, 3222 C
C522 Instruction: 4403 M, 4401 C, 1131 C, 3055 C, 4400 C
C523 Number of unit details: 6350 C, 6353 C
C524 Handling instructions: 4079 C, 1131 C, 3055 C, 4078 C
C529 Processing indicator: 7365 M, 1131 C, 3055 C, 7187 C
C531 Packaging details: 7075 C, 7233 C, 7073 C
C532 Returnable package details: 8395 C, 8393 C
C533 Duty/tax/fee account detail: 5289 M, 1131 C, 3055 C
C534 Payment instruction details: 4439 C, 4431 C, 4461 C, 1131 C, 3055 C, 4435 C
C536 Contract and carriage condition: 4065 M, 1131 C, 3055 C
C537 Transport priority: 4219 M, 1131 C, 3055 C
C550 Requirement/condition identification: 7295 M, 1131 C, 3055 C, 7294 C
C552 Allowance/charge information: 1230 C, 5189 C
C553 Related location two identification: 3233 C, 1131 C, 3055 C, 3232 C
C555 Status: 4405 M, 1131 C, 3055 C, 4404 C
C556 Status reason: 9013 M, 1131 C, 3055 C, 9012 C
C601 Status category: 9015 M, 1131 C, 3055 C
C703 Nature of cargo: 7085 M, 1131 C, 3055 C
C827 Type of marking: 7511 M, 1131 C, 3055 C
C829 Sub-line information: 5495 C, 1082 C
C901 Application error detail: 9321 M, 1131 C, 3055 C
C960 Reason for change: 4295 C, 1131 C, 3055 C, 4294 C
"""

SEGMENTS = """
UNH Message header: 0062 M, S009 M, 0068 C, S010 C, S016 C, S017 C, S018 C
UNT Message trailer: 0074 M, 0062 M
UNS Section control: 0081 M
UCI Interchange response: 0020 M, S002 M, S003 M, 0083 M, 0085 C, 0013 C, S011 C
UCM Message response: 0062 M, S009 M, 0083 M, 0085 C, 0013 C, S011 C
UCS Segment error indication: 0096 M, 0085 C
UCD Data element error indication: 0085 M, S011 M
UCF Functional group response: 0048 M, S006 C, S007 C, 0083 M, 0085 C, 0013 C, S011 C
ALC Allowance or charge: 5463 M, C552 C, 4471 C, 1227 C, C214 C
ALI Additional information: 3239 C, 9213 C, 4183 C, 4183 C, 4183 C, 4183 C, 4183 C
APR Additional price information: 4043 C, C138 C, C960 C
BGM Beginning of message: C002 C, 1004 C, 1225 C, 4343 C
CNI Consignment information: 1490 C, C503 C, 1312 C
CNT Control total: C270 M
COM Communication contact: C076 M
CPS Consignment packing sequence: 7164 M, 7166 C, 7075 C
CTA Contact information: 3139 C, C056 C
CUX Currencies: C504 C, C504 C, 5402 C, 6341 C
DGS Dangerous goods: 8273 C, C205 C, C234 C, C223 C, 8339 C, 8364 C, 8410 C, 8126 C, C235 C, C236 C, 8255 C, 8325 C, 8211 C
DIM Dimensions: 6145 M, C211 M
DLM Delivery limitations: 4455 C, C522 C, C214 C, 4457 C
DOC Document/message details: C002 M, C503 C, 3153 C, 1220 C, 1218 C
DTM Date/time/period: C507 M
EQA Attached equipment: 8053 M, C237 C
EQD Equipment details: 8053 M, C237 C, C224 C, 8077 C, 8249 C, 8169 C
EQN Number of units: C523 M
ERC Application error information: C901 M
FII Financial institution information: 3035 M, C078 C, C088 C, 3207 C
FTX Free text: 4451 M, 4453 C, C107 C, C108 C, 3453 C
GID Goods item details: 1496 C, C213 C, C213 C, C213 C
GIN Goods identity number: 7405 M, C208 M, C208 C, C208 C, C208 C, C208 C
GIR Related identification numbers: 7297 M, C206 M, C206 C, C206 C, C206 C, C206 C
HAN Handling instructions: C524 C, C218 C
IMD Item description: 7077 C, 7081 C, C273 C, 7383 C
LIN Line item: 1082 C, 1229 C, C212 C, C829 C, 1222 C, 7083 C
LOC Place/location identification: 3227 M, C517 C, C519 C, C553 C, 5479 C
MEA Measurements: 6311 M, C502 C, C174 C, 7383 C
MOA Monetary amount: C516 M
NAD Name and address: 3035 M, C082 C, C058 C, C080 C, C059 C, 3164 C, 3229 C, 3251 C, 3207 C
PAC Package: 7224 C, C531 C, C202 C, C402 C, C532 C
PAI Payment instructions: C534 M
PAT Payment terms basis: 4279 M, C110 C, C112 C
PCD Percentage details: C501 M
PCI Package identification: 4233 C, C210 C, 8275 C, C827 C
PIA Additional product id: 4347 M, C212 M, C212 C, C212 C, C212 C, C212 C
PRI Price details: C509 C, 5213 C
QTY Quantity: C186 M
QVR Quantity variances: C279 C, 4221 C, C960 C
RCS Requirements and conditions: 7293 M, C550 C, 1229 C
RFF Reference: C506 M
RNG Range details: 6167 M, C280 C
RTE Rate details: C128 M
SCC Scheduling conditions: 4017 M, 4493 C, C329 C
SEL Seal number: 9308 M, C215 C, 4517 C
SGP Split goods placement: C237 M, 7224 C
STS Status: C601 C, C555 C, C556 C*5
TAX Duty/tax/fee details: 5283 M, C241 C, C533 C, 5286 C, C243 C, 5305 C, 3446 C
TDT Details of transport: 8051 M, 8028 C, C220 C, C228 C, C040 C, 8101 C, C401 C, C222 C, 8281 C
TMD Transport movement details: C219 C, 8332 C, 8341 C
TOD Terms of delivery or transport: 4055 C, 4215 C, C100 C
TPL Transport placement: C222 M
TSR Transport service requirements: C536 C, C233 C, C537 C, C703 C
"""

# Elements missing above that only a few segments use.
ELEMENTS += """
4343 an..3 Response type, coded
4347 an..3 Product id. function qualifier
5479 an..3 Relation, coded
"""

# D01B: changes to the D96A entries above (names follow D01B where the entry changed).
D01B_ELEMENTS = """
1366 an..70 Document source description
3301 an..35 Enacting party identifier
3285 an..35 Instruction receiving party identifier
3412 an..256 Contact name
6411 an..8 Measurement unit code
6314 an..18 Measure
3223 an..35 First related location name code
3233 an..35 Second related location name code
8213 an..35 Transport means identification name identifier
8212 an..70 Transport means identification name
3126 an..35 Carrier name
9302 an..35 Sealing party name
8179 an..8 Transport means description code
8178 an..17 Transport means description
1131 an..17 Code list identification code
1154 an..70 Reference identifier
1056 an..9 Version identifier
1060 an..6 Revision identifier
3225 an..35 Location name code
3224 an..256 Location name
3228 an..70 Country sub-entity name
3251 an..17 Postal identification code
4440 an..512 Free text value
4441 an..17 Free text value code
4447 an..3 Free text format code
5004 n..35 Monetary amount
6060 an..35 Quantity
7008 an..256 Item description
9308 an..35 Transport unit seal identifier
"""
D01B_COMPOSITES = """
C506 Reference: 1153 M, 1154 C, 1156 C, 4000 C, 1060 C
C849 Parties to instruction: 3301 M, 3285 C
C040 Carrier: 3127 C, 1131 C, 3055 C, 3126 C
C215 Seal issuer: 9303 C, 1131 C, 3055 C, 9302 C
C001 Transport means: 8179 C, 1131 C, 3055 C, 8178 C
C106 Document/message identification: 1004 C, 1056 C, 1060 C
C272 Item characteristic: 7081 C, 1131 C, 3055 C
C819 Country sub-entity details: 3229 C, 1131 C, 3055 C, 3228 C
C503 Document/message details: 1004 C, 1373 C, 1366 C, 3453 C, 1056 C, 1060 C
"""
D01B_SEGMENTS = """
EQD Equipment details: 8053 M, C237 C, C224 C, 8077 C, 8249 C, 8169 C, 4233 C
PCI Package identification: 4233 C, C210 C, 8169 C, C827 C
SEL Seal number: 9308 M, C215 C, 4517 C, C208 C
TDT Details of transport: 8051 M, 8028 C, C220 C, C001 C, C040 C, 8101 C, C401 C, C222 C, 8281 C
DGS Dangerous goods: 8273 C, C205 C, C234 C, C223 C, 8339 C, 8364 C, 8410 C, 8126 C, C235 C, C236 C, 8255 C, 8179 C, 8211 C
BGM Beginning of message: C002 C, C106 C, 1225 C, 4343 C
FTX Free text: 4451 M, 4453 C, C107 C, C108 C, 3453 C, 4447 C
IMD Item description: 7077 C, C272 C, C273 C, 7383 C
NAD Name and address: 3035 M, C082 C, C058 C, C080 C, C059 C, 3164 C, C819 C, 3251 C, 3207 C
PCD Percentage details: C501 M, 4405 C
RTE Rate details: C128 M, 4405 C
RCS Requirements and conditions: 7293 M, C550 C, 1229 C, 3207 C
TAX Duty/tax/fee details: 5283 M, C241 C, C533 C, 5286 C, C243 C, 5305 C, 3446 C, 1227 C
"""

# Closed code lists: only short, stable service lists whose every code is listed here.
CLOSED_CODES = {
    "0081": [("D", "Header/detail section separation"), ("S", "Detail/summary section separation")],
    "0073": [("C", "Creation"), ("F", "Final")],
}
# Open lists: common codes, documentation only (3035 party qualifier, 1225 message function).
OPEN_CODES = {
    "3035": [("BY", "Buyer"), ("SU", "Supplier"), ("DP", "Delivery party"), ("IV", "Invoicee"),
             ("SE", "Seller"), ("CA", "Carrier"), ("ST", "Ship to"), ("MR", "Message recipient"),
             ("MS", "Message sender")],
    "1225": [("1", "Cancellation"), ("4", "Change"), ("5", "Replace"), ("6", "Confirmation"),
             ("7", "Duplicate"), ("9", "Original"), ("31", "Copy")],
    "2379": [("102", "CCYYMMDD"), ("203", "CCYYMMDDHHMM"), ("101", "YYMMDD"), ("718", "CCYYMMDD-CCYYMMDD")],
}

# Segments used by only one or two messages.
SEGMENTS += """
AJT Adjustment details: 4465 M, 1082 C
INP Parties to instruction: C849 C, C522 C, C850 C, 1229 C
CCI Characteristic/class id: 7059 C, C502 C, C240 C, 4051 C
CAV Characteristic value: C889 M
STG Stages: C278 M
GIS General indicator: C529 M
"""
D01B_SEGMENTS += """
COD Component details: C823 C, C824 C
PGI Product group information: 5379 M, C288 C
MTD Maintenance operation details: 4513 M, 4511 C, 4509 C
RJL Accounting journal identification: C595 C, C596 C
"""
ELEMENTS += """
4465 an..3 Adjustment reason, coded
7059 an..3 Property class, coded
4051 an..3 Characteristic relevance, coded
7037 an..17 Characteristic identification
7036 an..35 Characteristic
7111 an..3 Characteristic value, coded
7110 an..35 Characteristic value
9421 an..3 Process stage qualifier
6426 n..2 Number of process stages
6428 n..2 Actual process stage
3301 an..17 Enacting party identification
4474 an..3 Party instruction identification
4475 an..35 Action request/notification
1229 an..3 Action request/notification, coded
7505 an..3 Type of unit/component, coded
7504 an..35 Unit/component type
7507 an..3 Component material, coded
7506 an..35 Component material
5379 an..3 Product group type code
5389 an..25 Product group name code
5388 an..35 Product group name
4513 an..3 Maintenance operation code
4511 an..3 Maintenance operation operator code
4509 an..3 Maintenance operation payer code
4513 an..3 Maintenance operation code
1171 an..3 Accounting journal identification
1170 an..70 Accounting journal name
4515 an..3 Accounting entry type name code
4517 an..3 Seal condition, coded
"""
COMPOSITES += """
C849 Parties to instruction: 3301 M, 3301 C
C850 Status of instruction: 4405 M, 3036 C
C240 Characteristic description: 7037 M, 1131 C, 3055 C, 7036 C, 7036 C
C889 Characteristic value: 7111 C, 1131 C, 3055 C, 7110 C, 7110 C
C278 Stage details: 9421 C, 6426 C, 6428 C
C823 Type of unit/component: 7505 C, 1131 C, 3055 C, 7504 C
C824 Component material: 7507 C, 1131 C, 3055 C, 7506 C
C288 Product group: 5389 C, 1131 C, 3055 C, 5388 C
C595 Accounting journal identification: 1171 M, 1131 C, 3055 C, 1170 C
C596 Accounting entry type details: 4515 M, 1131 C, 3055 C, 4514 C
"""
ELEMENTS += """
4514 an..70 Accounting entry type name
5273 an..12 Duty/tax/fee rate basis identification
"""
