'use strict'
// The libas2 test peer's receiver: an AS2 station on 127.0.0.1:PORT.
//   node receive.js PORT --id ID --certs DIR --out DIR [--async-mdn-delay-ms N] [--no-async-mdn]
// Accepts messages addressed to ID from any AS2 id with a certificate in CERTS (CERTS/x.crt; our
// own key and certificate are CERTS/id.key and .crt). Unwraps enveloped-data, multipart/signed
// (the signature checked over the exact received bytes) and compressed-data in any order,
// stores the payload as OUT/NAME (written as NAME.part, then renamed) with OUT/NAME.as2.json
// (ids, layers, MIC, disposition, payload SHA-256), and answers with an RFC 4130 MDN:
// synchronous in the HTTP answer, or, when Receipt-Delivery-Option names a loopback URL, an empty
// 200 and the MDN POSTed there (after --async-mdn-delay-ms; never with --no-async-mdn, to play a
// partner whose MDN is lost). Signed when signed-receipt-protocol asks for pkcs7-signature, with
// the first algorithm of signed-receipt-micalg we support, which is also the MIC's algorithm. A
// repeated Message-ID gets the first answer again and is not stored twice.
// Logs one JSON line per event on stdout; the first is {"event":"listening",...}. Stop: SIGTERM.
const fs = require('fs')
const http = require('http')
const path = require('path')
const crypto = require('crypto')
const as2 = require('./as2-peer')

function usage (why) {
  process.stderr.write(`receive.js: ${why}\nusage: node receive.js PORT --id ID --certs DIR --out DIR [--async-mdn-delay-ms N] [--no-async-mdn]\n`)
  process.exit(2)
}

const o = { asyncDelayMs: 0, asyncMdn: true }
{
  const argv = process.argv.slice(2)
  const names = { '--id': 'id', '--certs': 'certs', '--out': 'out', '--async-mdn-delay-ms': 'asyncDelayMs' }
  const positional = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-async-mdn') o.asyncMdn = false
    else if (names[argv[i]] && i + 1 < argv.length) o[names[argv[i]]] = argv[++i]
    else if (argv[i].startsWith('--')) usage(`unknown option or missing value: ${argv[i]}`)
    else positional.push(argv[i])
  }
  if (positional.length !== 1 || !/^\d+$/.test(positional[0])) usage('PORT is required')
  o.port = Number(positional[0])
  for (const k of ['id', 'certs', 'out']) if (!o[k]) usage(`--${k} is required`)
  o.asyncDelayMs = Number(o.asyncDelayMs)
}
fs.mkdirSync(o.out, { recursive: true })
const ownCert = as2.certFor(o.certs, o.id)
const ownKey = as2.keyFor(o.certs, o.id)
const answered = new Map() // Message-ID -> the MDN's parts, for a repeated message

/** An error with the RFC 4130 disposition modifier it maps to. */
function refuse (modifier, why) {
  const e = new Error(why)
  e.disposition = `processed/error: ${modifier}`
  return e
}

function unquote (v) {
  return (v || '').trim().replace(/^"(.*)"$/, '$1')
}

/** The MIC algorithm: the first of signed-receipt-micalg we support (RFC 4130 7.3), else sha-256. */
function chooseMicalg (options) {
  const m = /signed-receipt-micalg\s*=\s*([^;]*)/i.exec(options || '')
  if (!m) return 'sha-256'
  const list = m[1].split(',').map(s => s.trim()).filter(s => !/^(required|optional)$/i.test(s))
  return list.map(as2.micalgName).find(Boolean) || 'sha-256'
}

/** Unwraps the layers; returns { payload, filename, layers, mic }. */
async function unwrap (req, body, from, micAlg) {
  let current = as2.entity([
    `Content-Type: ${req.headers['content-type'] || 'application/octet-stream'}`,
    ...(req.headers['content-transfer-encoding'] ? [`Content-Transfer-Encoding: ${req.headers['content-transfer-encoding']}`] : [])
  ], body)
  const layers = []
  let mic
  for (let depth = 0; depth < 6; depth++) {
    const e = as2.parseEntity(current)
    const type = as2.mainValue(e.headers['content-type'])
    const smime = (as2.param(e.headers['content-type'], 'smime-type') || '').toLowerCase()
    if (type === 'application/pkcs7-mime' && smime !== 'compressed-data') {
      try {
        current = await as2.decrypt(as2.decodeBody(e.headers, e.body), ownCert, ownKey)
      } catch (err) {
        throw refuse('decryption-failed', `cannot decrypt: ${err.message}`)
      }
      layers.push('enveloped-data')
      if (!layers.includes('signed')) mic = as2.mic(current, micAlg) // encrypted only: the decrypted entity
    } else if (type === 'multipart/signed') {
      const v = await as2.verify(e, as2.certFor(o.certs, from))
      if (!v.ok) throw refuse('integrity-check-failed', `signature does not verify with ${from}'s certificate${v.why ? ': ' + v.why : ''}`)
      layers.push('signed')
      mic = as2.mic(v.content, micAlg) // the signed part as received
      current = v.content
    } else if (type === 'application/pkcs7-mime' || type === 'application/pkcs7-compressed') {
      try {
        current = as2.decompress(as2.decodeBody(e.headers, e.body))
      } catch (err) {
        throw refuse('decompression-failed', err.message)
      }
      layers.push('compressed-data')
    } else {
      if (mic === undefined) mic = as2.mic(e.body, micAlg) // neither signed nor encrypted: the body
      const name = as2.param(e.headers['content-disposition'], 'filename') || 'payload.bin'
      return { payload: as2.decodeBody(e.headers, e.body), filename: name, layers, mic, type }
    }
  }
  throw refuse('unexpected-processing-error', 'more than six S/MIME layers')
}

/** OUT/NAME, made safe (no folders) and unique; written whole before it gets its name. */
function store (filename, payload, record) {
  let base = path.basename(filename).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'payload.bin'
  const ext = path.extname(base)
  const stem = base.slice(0, base.length - ext.length)
  for (let n = 1; fs.existsSync(path.join(o.out, base)) || fs.existsSync(path.join(o.out, base + '.part')); n++) base = `${stem}-${n}${ext}`
  const target = path.join(o.out, base)
  fs.writeFileSync(target + '.part', payload)
  fs.renameSync(target + '.part', target)
  fs.writeFileSync(target + '.as2.json', JSON.stringify({ ...record, file: base }, null, 2) + '\n')
  return base
}

/** The MDN for `result`: { contentType, body } (signed when the sender asked for it). */
async function buildMdn (req, messageId, from, result, micAlg) {
  const report = as2.mdnReport({
    reportingUa: 'edigate libas2 test peer',
    recipient: o.id,
    originalMessageId: messageId,
    disposition: result.disposition,
    receivedMic: result.disposition === 'processed' ? result.mic : undefined,
    text: `The AS2 message ${messageId} from ${from}: ${result.disposition}.`
  })
  const options = req.headers['disposition-notification-options'] || ''
  if (/signed-receipt-protocol\s*=[^;]*pkcs7-signature/i.test(options)) {
    const signed = await as2.sign(report, ownCert, ownKey, micAlg)
    return { contentType: signed.type, body: signed.body }
  }
  const top = as2.parseEntity(report)
  return { contentType: top.headers['content-type'], body: top.body }
}

function mdnHeaders (from, mdn) {
  return {
    'AS2-Version': '1.2',
    'AS2-From': o.id,
    'AS2-To': from,
    'Message-ID': `<mdn.${Date.now()}.${crypto.randomBytes(6).toString('hex')}@libas2-peer>`,
    'MIME-Version': '1.0',
    'Content-Type': mdn.contentType,
    'Content-Length': mdn.body.length
  }
}

function sendAsync (url, from, mdn, messageId) {
  const req = http.request(url, { method: 'POST', headers: mdnHeaders(from, mdn) }, res => {
    res.resume()
    res.on('end', () => as2.log({ event: 'async-mdn-sent', messageId, url, status: res.statusCode }))
  })
  req.setTimeout(30000, () => req.destroy(new Error('no answer within 30 s')))
  req.on('error', e => as2.log({ event: 'async-mdn-failed', messageId, url, error: e.message }))
  req.end(mdn.body)
}

async function handle (req, res, body) {
  const from = unquote(req.headers['as2-from'])
  const to = unquote(req.headers['as2-to'])
  const messageId = (req.headers['message-id'] || '').trim()
  const micAlg = chooseMicalg(req.headers['disposition-notification-options'])
  let result = answered.get(messageId)
  if (result) {
    as2.log({ event: 'duplicate', messageId, from })
  } else {
    try {
      if (!messageId) throw refuse('unexpected-processing-error', 'no Message-ID')
      if (to !== o.id) throw refuse('authentication-failed', `AS2-To ${to} is not ${o.id}`)
      if (!from || !as2.hasCert(o.certs, from)) throw refuse('authentication-failed', `no certificate for AS2-From ${from}`)
      const u = await unwrap(req, body, from, micAlg)
      result = { disposition: 'processed', mic: u.mic }
      const record = {
        messageId,
        from,
        to,
        layers: u.layers,
        contentType: u.type,
        mic: u.mic,
        disposition: result.disposition,
        bytes: u.payload.length,
        sha256: crypto.createHash('sha256').update(u.payload).digest('hex')
      }
      result.file = store(u.filename, u.payload, record)
      as2.log({ event: 'stored', ...record, file: result.file })
    } catch (e) {
      result = { disposition: e.disposition || 'processed/error: unexpected-processing-error', why: e.message }
      as2.log({ event: 'refused', messageId, from, disposition: result.disposition, why: e.message })
    }
    answered.set(messageId, result)
  }
  if (!req.headers['disposition-notification-to']) {
    res.writeHead(200, { 'Content-Length': 0 })
    return res.end()
  }
  const mdn = await buildMdn(req, messageId, from, result, micAlg)
  const asyncUrl = (req.headers['receipt-delivery-option'] || '').trim()
  if (!asyncUrl) {
    res.writeHead(200, mdnHeaders(from, mdn))
    return res.end(mdn.body)
  }
  res.writeHead(200, { 'Content-Length': 0 })
  res.end()
  if (!as2.isLoopback(asyncUrl)) return as2.log({ event: 'async-mdn-refused', messageId, url: asyncUrl, why: 'not a loopback URL' })
  if (!o.asyncMdn) return as2.log({ event: 'async-mdn-withheld', messageId, url: asyncUrl })
  setTimeout(() => sendAsync(asyncUrl, from, mdn, messageId), o.asyncDelayMs)
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    return res.end(`edigate libas2 test peer: AS2 id ${o.id}\n`)
  }
  const chunks = []
  req.on('data', c => chunks.push(c))
  req.on('end', () => {
    handle(req, res, Buffer.concat(chunks)).catch(e => {
      as2.log({ event: 'error', error: e.stack || String(e) })
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end('internal error\n')
    })
  })
})
server.listen(o.port, '127.0.0.1', () => as2.log({ event: 'listening', port: server.address().port, pid: process.pid, id: o.id }))
server.on('error', e => {
  as2.log({ event: 'error', error: e.message })
  process.exit(1)
})
process.on('SIGTERM', () => process.exit(0))
