// Peer: npm "node-x12". Two modes:
//   stream: X12Parser as a Transform stream emitting one X12Segment per segment. node-x12
//     1.7.1 never sets its _parsedISA flag on the stream path, so every chunk after the first
//     is re-checked as if it began with an ISA and strict mode throws; we set the flag once
//     the first chunk is consumed (the evident intent) and say so in the report. Its _flush
//     also fails on the line break left after the last "~"; we drop trailing whitespace there.
//   parse: X12Parser.parse() on the whole file (builds the interchange object model).
// Usage: node node_x12.js stream|parse FILE
'use strict';
const fs = require('fs');
const { load, version, report, fail } = require('./common');

const peer = 'node-x12 ' + version('node-x12');
const how = process.argv[2];
const mode = how === 'parse' ? 'whole file, parse() object model'
                             : 'streaming (X12Parser Transform, segments; _parsedISA/_flush workarounds)';
let X12Parser;
try {
  ({ X12Parser } = load('node-x12'));
} catch (e) {
  fail(peer, mode, e);
}
const file = process.argv[3];
const bytes = fs.statSync(file).size;
const start = process.hrtime.bigint();
let segments = 0;
if (how === 'parse') {
  try {
    const doc = new X12Parser(true).parse(fs.readFileSync(file, 'utf8'));
    const interchanges = doc.interchanges ? doc.interchanges : [doc];
    let sets = 0;
    for (const i of interchanges) for (const g of i.functionalGroups) sets += g.transactions.length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    report({ peer, mode, bytes, seconds, messages: sets, peak_rss_kib: Math.round(process.resourceUsage().maxRSS) });
  } catch (e) {
    fail(peer, mode, e);
  }
  process.exit(0);
}
// Non-strict: in strict mode 1.7.1's _flush always throws "must contain at least one
// functional group" after the last segment (it checks a counter the stream path never sets).
const parser = new X12Parser(false);
const transform = parser._transform.bind(parser);
parser._transform = (chunk, encoding, callback) => {
  transform(chunk, encoding, callback);
  parser._parsedISA = true;  // see the note at the top
};
const flush = parser._flush.bind(parser);
parser._flush = (callback) => {
  if (/^\s*$/.test(parser._dataCache)) parser._dataCache = '';
  flush(callback);
};
parser.on('data', () => { ++segments; });
parser.on('error', (e) => fail(peer, mode, e));
parser.on('end', () => {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  report({ peer, mode, bytes, seconds, segments, peak_rss_kib: Math.round(process.resourceUsage().maxRSS) });
});
fs.createReadStream(file).on('error', (e) => fail(peer, mode, e)).pipe(parser);
