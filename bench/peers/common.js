// Shared by the peer scripts: resolves packages from the bench cache (outside the repo) and
// prints one JSON line per measurement, the shape scripts/bench reads.
'use strict';
const path = require('path');
const os = require('os');

const prefix = process.env.EDIGATE_BENCH_NODE_PREFIX || path.join(os.homedir(), '.cache', 'edigate-bench');

function load(name) {
  return require(require.resolve(name, { paths: [path.join(prefix, 'node_modules')] }));
}

function version(name) {
  try {
    return load(name + '/package.json').version;
  } catch (e) {
    return 'unknown';
  }
}

function report(fields) {
  const out = Object.assign({ ok: true }, fields);
  if (out.ok && out.seconds > 0) out.mb_per_s = Number((out.bytes / 1e6 / out.seconds).toFixed(1));
  if (out.ok && out.seconds > 0 && out.segments) out.segments_per_s = Math.round(out.segments / out.seconds);
  process.stdout.write(JSON.stringify(out) + '\n');
}

function fail(peer, mode, err) {
  report({ peer, mode, ok: false, error: String((err && err.message) || err).slice(0, 300) });
  process.exit(1);
}

module.exports = { load, version, report, fail };
