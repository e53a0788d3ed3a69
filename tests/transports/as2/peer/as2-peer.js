'use strict'
// The parts our libas2 test peer (send.js, receive.js) share: byte-exact MIME framing, S/MIME
// layers through libas2 (pkijs CMS: sign, verify, encrypt, decrypt; no OpenSSL anywhere), RFC 5402
// compressed-data with asn1js + zlib (libas2 0.8.2 throws "NOT YET IMPLEMENTED" for it), the MIC
// and RFC 4130 MDN fields. libas2 is found through NODE_PATH (BUILD/as2-peer/node/node_modules,
// installed by scripts/as2-peer-setup from package.json beside this file).
//
// MIME is framed here, not by libas2's AS2MimeNode/AS2Parser: the parser turns bodies into UTF-8
// strings (breaks binary EDI), and a signature must cover the exact bytes on the wire.
const crypto = require('crypto')
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

function need (name) {
  try {
    return require(name)
  } catch (e) {
    process.stderr.write(`as2 peer: cannot load ${name} (${e.message}); run scripts/as2-peer-setup BUILD and set NODE_PATH=BUILD/as2-peer/node/node_modules\n`)
    process.exit(77)
  }
}
const { AS2SignedData, AS2EnvelopedData } = need('libas2')
const asn1js = need('asn1js')

const CRLF = '\r\n'
const DIGESTS = { 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' }
const CIPHERS = {
  'aes128-cbc': 'aes128-CBC',
  'aes192-cbc': 'aes192-CBC',
  'aes256-cbc': 'aes256-CBC',
  'des-ede3-cbc': 'des-EDE3-CBC'
}

// ---- PKCS#1 v1.5 key transport ------------------------------------------------------------
// OpenSSL (and so the gateway) wraps the content key with RSAES-PKCS1-v1_5 by default. libas2
// unwraps it with crypto.privateDecrypt(RSA_PKCS1_PADDING), which node >= 20.11 refuses
// (CVE-2023-46809, the Marvin timing attack). A loopback test peer has no timing oracle to fear,
// so it unwraps with raw RSA and checks the padding itself (RFC 8017 7.2.2), then hands the key
// back to libas2, which decrypts the content.
const originalGetKey = AS2EnvelopedData.prototype._getDecryptionKey
AS2EnvelopedData.prototype._getDecryptionKey = async function (index, options) {
  if (options.rsaOaep) return originalGetKey.call(this, index, options)
  const key = crypto.createPrivateKey({ key: Buffer.from(options.recipientPrivateKey), format: 'der', type: 'pkcs8' })
  const wrapped = Buffer.from(this.enveloped.recipientInfos[index].value.encryptedKey.valueBlock.valueHex)
  const em = crypto.privateDecrypt({ key, padding: crypto.constants.RSA_NO_PADDING }, wrapped)
  const sep = em.indexOf(0, 2)
  if (em[0] !== 0 || em[1] !== 2 || sep < 10) throw new Error('PKCS#1 v1.5 padding check failed')
  const cek = em.subarray(sep + 1)
  const { getCrypto } = require('pkijs/build/index')
  return getCrypto().importKey('raw', new Uint8Array(cek).buffer, options.algorithm, true, ['decrypt'])
}

// ---- MIME ---------------------------------------------------------------------------------
/** Splits an entity into { headers (lower-cased names -> unfolded values), body (Buffer) }. */
function parseEntity (bytes) {
  let at = bytes.indexOf('\r\n\r\n')
  let skip = 4
  if (at < 0) {
    at = bytes.indexOf('\n\n')
    skip = 2
  }
  if (at < 0) return { headers: {}, body: bytes }
  const headers = {}
  const text = bytes.subarray(0, at).toString('latin1').replace(/\r?\n[ \t]+/g, ' ')
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { headers, body: bytes.subarray(at + skip) }
}

/** A header value's main token ("multipart/signed") in lower case. */
function mainValue (value) {
  return (value || '').split(';')[0].trim().toLowerCase()
}

/** A parameter of a header value (`boundary`, `micalg`, `smime-type`, `filename`), unquoted. */
function param (value, name) {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value || '')
  return m ? (m[1] !== undefined ? m[1] : m[2]) : undefined
}

/**
 * The body parts of a multipart body, each the exact bytes between a delimiter line and the
 * CRLF that precedes the next delimiter (RFC 2046 5.1.1: that CRLF belongs to the delimiter,
 * which is what RFC 1847 signatures cover).
 */
function splitMultipart (body, boundary) {
  const delimiter = '--' + boundary
  const parts = []
  let at = body.indexOf(delimiter)
  while (at >= 0) {
    const lineEnd = at + delimiter.length
    if (body.subarray(lineEnd, lineEnd + 2).toString() === '--') break // the close delimiter
    const start = body.indexOf('\n', lineEnd) + 1
    if (start === 0) break
    let end = body.indexOf(CRLF + delimiter, start)
    let nextAt = end + 2
    if (end < 0) {
      end = body.indexOf('\n' + delimiter, start)
      nextAt = end + 1
    }
    if (end < 0) break
    parts.push(body.subarray(start, end))
    at = nextAt
  }
  return parts
}

/** The body decoded by its Content-Transfer-Encoding (base64 or as it is). */
function decodeBody (headers, body) {
  return /base64/i.test(headers['content-transfer-encoding'] || '') ? Buffer.from(body.toString('latin1'), 'base64') : body
}

function base64Lines (buf) {
  return buf.toString('base64').replace(/.{1,76}/g, '$&' + CRLF)
}

function boundary (what) {
  return `----=_${what}_${crypto.randomBytes(12).toString('hex')}`
}

function entity (headerLines, body) {
  return Buffer.concat([Buffer.from(headerLines.map(h => h + CRLF).join('') + CRLF, 'latin1'), body])
}

// ---- MIC and micalg -----------------------------------------------------------------------
/** "sha256", "SHA-256", "sha-256" -> "sha-256" (RFC 5751 names), or undefined if unsupported. */
function micalgName (name) {
  const n = (name || '').trim().toLowerCase().replace(/^sha-?/, 'sha-')
  return DIGESTS[n] ? n : undefined
}

function mic (bytes, alg) {
  return crypto.createHash(DIGESTS[alg]).update(bytes).digest('base64') + ', ' + alg
}

/** "base64, sha-256" in a comparable form: the digest as sent and the normalized algorithm name. */
function normalMic (value) {
  const [digest, alg] = (value || '').split(',').map(s => s.trim())
  return `${digest}, ${micalgName(alg) || alg}`
}

// ---- certificates and keys ----------------------------------------------------------------
/** The peers find AS2 id X's certificate at CERTS/x.crt and its private key at CERTS/x.key. */
function certFor (certs, id) {
  return fs.readFileSync(path.join(certs, id.toLowerCase() + '.crt'), 'latin1')
}
function keyFor (certs, id) {
  return fs.readFileSync(path.join(certs, id.toLowerCase() + '.key'), 'latin1')
}
function hasCert (certs, id) {
  return fs.existsSync(path.join(certs, id.toLowerCase() + '.crt'))
}

// ---- S/MIME layers ------------------------------------------------------------------------
/** multipart/signed over `content` (an entity), signed by libas2 with `alg`: { entity, mic }. */
async function sign (content, cert, key, alg) {
  const signature = await new AS2SignedData(content).sign({ cert, key, algorithm: alg })
  const b = boundary('signed')
  const body = Buffer.concat([
    Buffer.from(`--${b}${CRLF}`),
    content,
    Buffer.from(`${CRLF}--${b}${CRLF}Content-Type: application/pkcs7-signature; name=smime.p7s${CRLF}` +
      `Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; filename=smime.p7s${CRLF}${CRLF}` +
      base64Lines(signature) + `--${b}--${CRLF}`)
  ])
  const type = `multipart/signed; protocol="application/pkcs7-signature"; micalg=${alg}; boundary="${b}"`
  return { entity: entity([`Content-Type: ${type}`], body), type, body, mic: mic(content, alg) }
}

/** Checks a multipart/signed entity's signature over the exact first part: { ok, content, alg }. */
async function verify (parsed, cert) {
  const parts = splitMultipart(parsed.body, param(parsed.headers['content-type'], 'boundary'))
  if (parts.length < 2) return { ok: false, why: 'multipart/signed without two parts' }
  const sigPart = parseEntity(parts[1])
  const signature = decodeBody(sigPart.headers, sigPart.body)
  let ok = false
  try {
    ok = await new AS2SignedData(parts[0], signature).verify(cert)
  } catch (e) {
    return { ok: false, content: parts[0], why: e.message }
  }
  return { ok, content: parts[0], alg: micalgName(param(parsed.headers['content-type'], 'micalg')) }
}

async function encrypt (content, cert, cipher) {
  return new AS2EnvelopedData(content).encrypt(cert, CIPHERS[cipher])
}

async function decrypt (der, cert, key) {
  return new AS2EnvelopedData(der, true).decrypt(cert, key)
}

// RFC 5402: ContentInfo { id-ct-compressedData, [0] CompressedData { 0, zlib, { id-data, [0] OCTET STRING } } }
const OID_COMPRESSED = '1.2.840.113549.1.9.16.1.9'
const OID_ZLIB = '1.2.840.113549.1.9.16.3.8'
const OID_DATA = '1.2.840.113549.1.7.1'

function explicit0 (value) {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [value] })
}

function compress (content) {
  const deflated = zlib.deflateSync(content)
  const info = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID_COMPRESSED }),
      explicit0(new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: 0 }),
          new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID_ZLIB })] }),
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: OID_DATA }),
              explicit0(new asn1js.OctetString({ valueHex: new Uint8Array(deflated).buffer }))
            ]
          })
        ]
      }))
    ]
  })
  return Buffer.from(info.toBER(false))
}

/** The octets of an OCTET STRING, primitive or constructed (BER chunks, concatenated in order). */
function octets (node) {
  if (!node.idBlock.isConstructed) return Buffer.from(node.valueBlock.valueHex)
  return Buffer.concat(node.valueBlock.value.map(octets))
}

function decompress (der) {
  const parsed = asn1js.fromBER(new Uint8Array(der).buffer)
  if (parsed.offset === -1) throw new Error('compressed-data is not DER/BER')
  const info = parsed.result.valueBlock.value
  if (info[0].valueBlock.toString() !== OID_COMPRESSED) throw new Error('not compressed-data')
  const compressed = info[1].valueBlock.value[0].valueBlock.value
  const alg = compressed[1].valueBlock.value[0].valueBlock.toString()
  if (alg !== OID_ZLIB) throw new Error('compression algorithm ' + alg + ' is not zlib')
  const encap = compressed[2].valueBlock.value
  return zlib.inflateSync(octets(encap[1].valueBlock.value[0]))
}

function compressedEntity (content) {
  return entity([
    'Content-Type: application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename=smime.p7z'
  ], Buffer.from(base64Lines(compress(content))))
}

// ---- MDN (RFC 4130 7.4, RFC 8098) ---------------------------------------------------------
/** Fields of a message/disposition-notification body ("original-message-id" -> value). */
function mdnFields (body) {
  const fields = {}
  for (const line of body.toString('latin1').replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return fields
}

/** "automatic-action/MDN-sent-automatically; processed/error: decryption-failed" -> "processed/error: decryption-failed". */
function dispositionOf (value) {
  const after = (value || '').split(';').slice(1).join(';')
  return after.trim().replace(/\s*:\s*/g, ': ').replace(/\s*\/\s*/g, '/').toLowerCase()
}

/** The multipart/report entity of an MDN. */
function mdnReport ({ reportingUa, recipient, originalMessageId, disposition, receivedMic, text }) {
  const b = boundary('report')
  const fields = [
    `Reporting-UA: ${reportingUa}`,
    `Original-Recipient: rfc822; ${recipient}`,
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Message-ID: ${originalMessageId}`,
    `Disposition: automatic-action/MDN-sent-automatically; ${disposition}`
  ]
  if (receivedMic) fields.push(`Received-Content-MIC: ${receivedMic}`)
  const body = `--${b}${CRLF}Content-Type: text/plain; charset=us-ascii${CRLF}${CRLF}${text}${CRLF}` +
    `--${b}${CRLF}Content-Type: message/disposition-notification${CRLF}${CRLF}${fields.join(CRLF)}${CRLF}${CRLF}` +
    `--${b}--${CRLF}`
  return entity([`Content-Type: multipart/report; report-type=disposition-notification; boundary="${b}"`], Buffer.from(body, 'latin1'))
}

/** The disposition-notification part of a multipart/report entity, parsed. */
function readReport (report) {
  const parsed = parseEntity(report)
  if (mainValue(parsed.headers['content-type']) !== 'multipart/report') return undefined
  for (const part of splitMultipart(parsed.body, param(parsed.headers['content-type'], 'boundary'))) {
    const p = parseEntity(part)
    if (mainValue(p.headers['content-type']) === 'message/disposition-notification') return mdnFields(p.body)
  }
  return undefined
}

/** Only loopback peers: these scripts are test tools and never talk to another machine. */
function isLoopback (url) {
  try {
    const host = new URL(url).hostname
    return host === 'localhost' || /^127\./.test(host) || host === '[::1]'
  } catch (e) {
    return false
  }
}

function log (event) {
  process.stdout.write(JSON.stringify({ ts: new Date().toISOString(), ...event }) + '\n')
}

module.exports = {
  CRLF,
  CIPHERS,
  DIGESTS,
  parseEntity,
  mainValue,
  param,
  splitMultipart,
  decodeBody,
  base64Lines,
  entity,
  micalgName,
  mic,
  normalMic,
  certFor,
  keyFor,
  hasCert,
  sign,
  verify,
  encrypt,
  decrypt,
  compressedEntity,
  decompress,
  dispositionOf,
  mdnReport,
  readReport,
  isLoopback,
  log
}
