// Peer: npm "@stedi/x12-tools" (Rust compiled to WASM). It has no parse-to-objects or
// streaming API; ackAsJson() reads every interchange, group and transaction set to build a
// 997, the nearest equivalent of our tokenize + envelope pass. Whole file in memory.
// Usage: node stedi_x12_tools.js FILE
'use strict';
const fs = require('fs');
const { load, version, report, fail } = require('./common');

const peer = '@stedi/x12-tools ' + version('@stedi/x12-tools');
const mode = 'whole file, ackAsJson()';
try {
  const tools = load('@stedi/x12-tools');
  if (tools.init_x12_translate_wasm) tools.init_x12_translate_wasm();
  const file = process.argv[2];
  const start = process.hrtime.bigint();
  const text = fs.readFileSync(file, 'latin1');
  const ack = tools.ackAsJson(text);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!ack) throw new Error('ackAsJson returned nothing');
  report({ peer, mode, bytes: Buffer.byteLength(text, 'latin1'), seconds,
           peak_rss_kib: Math.round(process.resourceUsage().maxRSS) });
} catch (e) {
  fail(peer, mode, e);
}
