'use strict'
// The libas2 test peer's sender: one AS2 message to URL, then the synchronous MDN checked.
//   node send.js URL FILE --from ID --to ID --certs DIR [options]
// Options: --sign sha-1|sha-256|sha-384|sha-512|none (sha-256)
//          --encrypt aes128-cbc|aes192-cbc|aes256-cbc|des-ede3-cbc|none (aes256-cbc)
//          --compress none|before-sign|after-sign (none)     --outer-cte base64|binary (base64)
//          --mdn sync|none (sync)     --mdn-sign none|ALG[,ALG...] (sha-256: the signed-receipt-micalg list)
//          --message-id ID     --expect DISPOSITION ("processed")     --save-dir DIR (sent.mime, mdn.mime)
// CERTS/x.crt is AS2 id X's certificate, CERTS/x.key its key (we need ours and the receiver's
// certificate). Prints a JSON report; exit 0 only when the MDN answers our Message-ID with the
// expected disposition, its signature verifies with the receiver's certificate (when asked for
// signed) and, for "processed", its Received-Content-MIC equals the MIC we computed. Exit 1 on
// any other outcome, 2 on bad arguments, 77 when libas2 is not installed.
const fs = require('fs')
const http = require('http')
const path = require('path')
const crypto = require('crypto')
const as2 = require('./as2-peer')

function usage (why) {
  process.stderr.write(`send.js: ${why}\nusage: node send.js URL FILE --from ID --to ID --certs DIR [options]\n`)
  process.exit(2)
}

function parseArgs (argv) {
  const o = { sign: 'sha-256', encrypt: 'aes256-cbc', compress: 'none', outerCte: 'base64', mdn: 'sync', mdnSign: 'sha-256', expect: 'processed' }
  const positional = []
  const names = { '--from': 'from', '--to': 'to', '--certs': 'certs', '--sign': 'sign', '--encrypt': 'encrypt', '--compress': 'compress', '--outer-cte': 'outerCte', '--mdn': 'mdn', '--mdn-sign': 'mdnSign', '--message-id': 'messageId', '--expect': 'expect', '--save-dir': 'saveDir' }
  for (let i = 0; i < argv.length; i++) {
    if (names[argv[i]]) {
      if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`)
      o[names[argv[i]]] = argv[++i]
    } else if (argv[i].startsWith('--')) {
      usage(`unknown option ${argv[i]}`)
    } else {
      positional.push(argv[i])
    }
  }
  if (positional.length !== 2) usage('URL and FILE are required')
  ;[o.url, o.file] = positional
  for (const k of ['from', 'to', 'certs']) if (!o[k]) usage(`--${k} is required`)
  if (o.sign !== 'none' && !as2.micalgName(o.sign)) usage(`unsupported --sign ${o.sign}`)
  if (o.encrypt !== 'none' && !as2.CIPHERS[o.encrypt]) usage(`unsupported --encrypt ${o.encrypt}`)
  if (!['none', 'before-sign', 'after-sign'].includes(o.compress)) usage(`unsupported --compress ${o.compress}`)
  if (!['base64', 'binary'].includes(o.outerCte)) usage(`unsupported --outer-cte ${o.outerCte}`)
  if (!['sync', 'none'].includes(o.mdn)) usage(`unsupported --mdn ${o.mdn}`)
  if (!as2.isLoopback(o.url)) usage(`${o.url} is not a loopback URL`)
  return o
}

/** The MIC algorithm we expect: the one we sign with, else the first one we ask the MDN to use. */
function micAlgOf (o) {
  return o.sign !== 'none' ? as2.micalgName(o.sign) : as2.micalgName(o.mdnSign.split(',')[0]) || 'sha-256'
}

/**
 * Builds the message: { contentType, cte, body, micContent, mic }. micContent is what RFC 4130
 * 7.3.1 digests; mic is its digest with the algorithm we sign with (or the first we ask for).
 */
async function build (o, payload) {
  const ownCert = as2.certFor(o.certs, o.from)
  const ownKey = as2.keyFor(o.certs, o.from)
  const theirCert = as2.certFor(o.certs, o.to)
  const micAlg = micAlgOf(o)
  let current = as2.entity([
    'Content-Type: application/edi-x12',
    `Content-Disposition: attachment; filename="${path.basename(o.file)}"`,
    'Content-Transfer-Encoding: binary'
  ], payload)
  let micContent = payload // neither signed nor encrypted: the body alone
  if (o.compress === 'before-sign') current = as2.compressedEntity(current)
  if (o.sign !== 'none') {
    const signed = await as2.sign(current, ownCert, ownKey, as2.micalgName(o.sign))
    micContent = current // the signed part: its headers and content as sent
    current = signed.entity
  } else if (o.encrypt !== 'none') {
    micContent = current // encrypted only: the entity that is encrypted
  }
  if (o.compress === 'after-sign') current = as2.compressedEntity(current)
  if (o.encrypt !== 'none') {
    const der = await as2.encrypt(current, theirCert, o.encrypt)
    return {
      contentType: 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
      cte: o.outerCte,
      body: o.outerCte === 'base64' ? Buffer.from(as2.base64Lines(der)) : der,
      micContent,
      mic: as2.mic(micContent, micAlg)
    }
  }
  const top = as2.parseEntity(current) // signed or compressed only: the top headers become HTTP headers
  return { contentType: top.headers['content-type'], cte: top.headers['content-transfer-encoding'], body: top.body, micContent, mic: as2.mic(micContent, micAlg) }
}

function post (url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': body.length } }, res => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.setTimeout(120000, () => req.destroy(new Error('no answer within 120 s')))
    req.on('error', reject)
    req.end(body)
  })
}

/** Reads and checks the MDN in an HTTP answer; fills `report`. */
async function checkMdn (o, answer, report, micContent) {
  const mdnEntity = as2.entity([`Content-Type: ${answer.headers['content-type'] || ''}`], answer.body)
  if (o.saveDir) fs.writeFileSync(path.join(o.saveDir, 'mdn.mime'), mdnEntity)
  let parsed = as2.parseEntity(mdnEntity)
  report.mdnSigned = as2.mainValue(parsed.headers['content-type']) === 'multipart/signed'
  if (report.mdnSigned) {
    const v = await as2.verify(parsed, as2.certFor(o.certs, o.to))
    report.mdnVerified = v.ok
    report.mdnSignatureAlg = v.alg
    if (!v.ok) return `the MDN's signature does not verify with ${o.to}'s certificate${v.why ? ': ' + v.why : ''}`
    parsed = as2.parseEntity(v.content)
  } else if (o.mdnSign !== 'none') {
    return 'a signed MDN was asked for, an unsigned one came back'
  }
  const fields = as2.readReport(as2.entity([`Content-Type: ${parsed.headers['content-type'] || ''}`], parsed.body))
  if (!fields) return 'the answer holds no message/disposition-notification'
  report.mdnDisposition = as2.dispositionOf(fields.disposition)
  report.originalMessageId = fields['original-message-id']
  report.receivedMic = fields['received-content-mic']
  if (report.originalMessageId !== report.messageId) return `the MDN answers ${report.originalMessageId}, not ${report.messageId}`
  if (report.mdnDisposition !== o.expect.toLowerCase()) return `disposition "${report.mdnDisposition}", expected "${o.expect}"`
  if (report.mdnDisposition !== 'processed') return undefined
  // RFC 4130 7.3: the receiver digests with the first signed-receipt-micalg it supports.
  const alg = as2.micalgName((report.receivedMic || '').split(',')[1])
  const asked = o.mdnSign === 'none' ? [micAlgOf(o)] : o.mdnSign.split(',').map(as2.micalgName)
  if (!alg || !asked.includes(alg)) return `Received-Content-MIC ${report.receivedMic}: not an algorithm we asked for (${asked.join(', ')})`
  report.expectedMic = as2.mic(micContent, alg)
  if (as2.normalMic(report.receivedMic) !== as2.normalMic(report.expectedMic)) {
    return `Received-Content-MIC ${report.receivedMic} differs from ours, ${report.expectedMic}`
  }
  return undefined
}

async function main () {
  const o = parseArgs(process.argv.slice(2))
  const payload = fs.readFileSync(o.file)
  const messageId = o.messageId || `<${Date.now()}.${crypto.randomBytes(6).toString('hex')}@${o.from.replace(/[^A-Za-z0-9.-]/g, '')}.libas2-peer>`
  const message = await build(o, payload)
  const headers = {
    'AS2-Version': '1.2',
    'AS2-From': o.from,
    'AS2-To': o.to,
    'Message-ID': messageId,
    'MIME-Version': '1.0',
    'Content-Type': message.contentType,
    Subject: `AS2 ${path.basename(o.file)}`,
    'User-Agent': 'edigate libas2 test peer'
  }
  if (message.cte) headers['Content-Transfer-Encoding'] = message.cte
  if (o.mdn === 'sync') {
    headers['Disposition-Notification-To'] = o.from
    if (o.mdnSign !== 'none') {
      headers['Disposition-Notification-Options'] = 'signed-receipt-protocol=optional, pkcs7-signature; ' +
        `signed-receipt-micalg=optional, ${o.mdnSign.split(',').map(s => s.trim()).join(', ')}`
    }
  }
  if (o.saveDir) {
    fs.mkdirSync(o.saveDir, { recursive: true })
    const top = Object.entries(headers).filter(([k]) => /^content-/i.test(k)).map(([k, v]) => `${k}: ${v}`)
    fs.writeFileSync(path.join(o.saveDir, 'sent.mime'), as2.entity(top, message.body))
  }
  const report = {
    ok: false,
    url: o.url,
    messageId,
    from: o.from,
    to: o.to,
    signed: o.sign !== 'none',
    encrypted: o.encrypt !== 'none',
    compressed: o.compress,
    bytes: payload.length,
    expectedMic: message.mic
  }
  const started = Date.now()
  const answer = await post(o.url, headers, message.body)
  report.status = answer.status
  report.ms = Date.now() - started
  let problem
  if (answer.status < 200 || answer.status > 299) problem = `HTTP ${answer.status}: ${answer.body.toString('latin1').slice(0, 300)}`
  else if (o.mdn === 'sync') problem = await checkMdn(o, answer, report, message.micContent)
  report.ok = !problem
  if (problem) report.problem = problem
  process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  process.exit(report.ok ? 0 : 1)
}

main().catch(e => {
  process.stdout.write(JSON.stringify({ ok: false, problem: e.stack || String(e) }, null, 2) + '\n')
  process.exit(1)
})
