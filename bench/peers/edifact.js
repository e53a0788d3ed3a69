// Peer: npm "edifact" (node-edifact), its event-driven Parser fed chunk by chunk from a read
// stream (streaming), counting closed segments. It rejects a line break after a segment
// terminator, which most real files (and ours) have, and reads a UNA only at the very start
// of the stream, so a file of several interchanges each with its UNA fails. Mode "strip"
// removes line breaks and every UNA after the first from each chunk before writing it (the
// delimiters are the same throughout our inputs); that time is counted against the peer.
// Usage: node edifact.js raw|strip FILE
'use strict';
const fs = require('fs');
const { load, version, report, fail } = require('./common');

const peer = 'edifact ' + version('edifact');
const strip = process.argv[2] === 'strip';
const mode = 'streaming (Parser.write per chunk, segment events' + (strip ? ', line breaks stripped)' : ')');
let Parser;
try {
  Parser = load('edifact/parser.js');
} catch (e) {
  fail(peer, mode, e);
}
const file = process.argv[3];
const bytes = fs.statSync(file).size;
const start = process.hrtime.bigint();
let segments = 0;
const parser = new Parser();
parser.on('closesegment', () => { ++segments; });
const input = fs.createReadStream(file, { encoding: 'latin1' });
let carry = '';
let first = true;
// Cuts after the last segment terminator so a UNA never straddles two writes.
function normalise(chunk) {
  const text = carry + chunk;
  const cut = text.lastIndexOf("'") + 1;
  carry = text.slice(cut);
  let out = text.slice(0, cut).replace(/[\r\n]/g, '');
  const keep = first && out.startsWith('UNA') ? 9 : 0;
  first = false;
  return out.slice(0, keep) + out.slice(keep).replace(/UNA:\+\.\? '/g, '');
}
input.on('data', (chunk) => {
  try {
    parser.write(strip ? normalise(chunk) : chunk);
  } catch (e) {
    input.destroy();
    fail(peer, mode, e);
  }
});
input.on('error', (e) => fail(peer, mode, e));
input.on('end', () => {
  try {
    if (strip && carry) parser.write(carry.replace(/[\r\n]/g, ''));
    parser.end();
  } catch (e) {
    fail(peer, mode, e);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  report({ peer, mode, bytes, seconds, segments, peak_rss_kib: Math.round(process.resourceUsage().maxRSS) });
});
