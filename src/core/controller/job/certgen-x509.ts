// The certificates kube-webhook-certgen's `create` writes (pkg/certs GenerateCerts): a CA (O=nil1, CA:TRUE,
// 100 years) and a serving certificate for the webhook host (O=nil2, the host names as DNS SANs, signed by the
// CA), each with an ECDSA P-256 key, PEM-encoded. The DER structure is real X.509 (any parser reads subject,
// SANs and validity); the key and signature bytes are deterministic filler derived from a seed, not a working
// key pair: nothing in the lab verifies a signature.

import { fnv32a } from '../hash.ts'

type Bytes = number[]

function len(n: number): Bytes {
  if (n < 0x80) return [n]
  const out: Bytes = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff)
  return [0x80 | out.length, ...out]
}
const tlv = (tag: number, body: Bytes): Bytes => [tag, ...len(body.length), ...body]
const seq = (...parts: Bytes[]): Bytes => tlv(0x30, parts.flat())
const set = (...parts: Bytes[]): Bytes => tlv(0x31, parts.flat())
const ascii = (s: string): Bytes => [...s].map((c) => c.charCodeAt(0) & 0x7f)
const utf8 = (s: string): Bytes => tlv(0x0c, ascii(s))
const bool = (v: boolean): Bytes => tlv(0x01, [v ? 0xff : 0])
const octets = (b: Bytes): Bytes => tlv(0x04, b)
const bits = (b: Bytes): Bytes => tlv(0x03, [0, ...b])
function int(b: Bytes): Bytes {
  const body = [...b]
  while (body.length > 1 && body[0] === 0 && body[1] < 0x80) body.shift()
  if (body[0] >= 0x80) body.unshift(0)
  return tlv(0x02, body)
}
function oid(dotted: string): Bytes {
  const [a, b, ...rest] = dotted.split('.').map(Number)
  const out: Bytes = [a * 40 + b]
  for (const n of rest) {
    const chunk: Bytes = [n & 0x7f]
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f))
    out.push(...chunk)
  }
  return tlv(0x06, out)
}
function time(ms: number): Bytes {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
  const y = d.getUTCFullYear()
  return y < 2050 ? tlv(0x17, ascii(`${p(y % 100)}${rest}`)) : tlv(0x18, ascii(`${y}${rest}`))
}

/** n deterministic filler bytes for a label. */
function filler(seed: string, n: number): Bytes {
  const out: Bytes = []
  let h = fnv32a(seed)
  while (out.length < n) { h = fnv32a(`${out.length}/${seed}`, h); out.push(h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff, (h >>> 24) & 0xff) }
  return out.slice(0, n)
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'))
const P256 = '1.2.840.10045.3.1.7'
const name = (org: string): Bytes => seq(set(seq(oid('2.5.4.10'), utf8(org))))
const YEARS_100_MS = 100 * 365.25 * 24 * 3600 * 1000

interface Key { d: Bytes; pub: Bytes }
const keyFor = (seed: string): Key => ({ d: filler(`${seed}/d`, 32), pub: [0x04, ...filler(`${seed}/x`, 32), ...filler(`${seed}/y`, 32)] })

function certificate(serialSeed: string, subject: string, issuer: string, key: Key, now: number, exts: Bytes[]): Bytes {
  const tbs = seq(
    tlv(0xa0, int([2])), int([0x01, ...filler(serialSeed, 15)]), ECDSA_SHA256, name(issuer),
    seq(time(now), time(now + YEARS_100_MS)), name(subject),
    seq(seq(oid('1.2.840.10045.2.1'), oid(P256)), bits(key.pub)),
    tlv(0xa3, seq(...exts)),
  )
  const sig = seq(int(filler(`${serialSeed}/r`, 32)), int(filler(`${serialSeed}/s`, 32)))
  return seq(tbs, ECDSA_SHA256, bits(sig))
}

const ext = (id: string, critical: boolean, value: Bytes): Bytes => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value))
const keyUsage = (bitsByte: number, unused: number): Bytes => tlv(0x03, [unused, bitsByte])

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
export function bytesToBase64(b: Bytes): string {
  let out = ''
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=')
  }
  return out
}

function pem(type: string, der: Bytes): string {
  const b64 = bytesToBase64(der)
  const lines = b64.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`
}

function ecPrivateKey(k: Key): Bytes {
  return seq(int([1]), octets(k.d), tlv(0xa0, oid(P256)), tlv(0xa1, bits(k.pub)))
}

/** ca, cert and key PEM texts for the hosts (`--host`, comma-separated), as certgen's create stores them. */
export function generateCerts(hosts: string[], now: number, seed: string): { ca: string; cert: string; key: string } {
  const caKey = keyFor(`${seed}/ca`), leafKey = keyFor(`${seed}/leaf`)
  const ca = certificate(`${seed}/ca-serial`, 'nil1', 'nil1', caKey, now, [
    ext('2.5.29.15', true, keyUsage(0xa4, 2)), // digitalSignature, keyEncipherment, keyCertSign
    ext('2.5.29.19', true, seq(bool(true))),
  ])
  const san = seq(...hosts.map((h) => tlv(0x82, ascii(h))))
  const leaf = certificate(`${seed}/leaf-serial`, 'nil2', 'nil1', leafKey, now, [
    ext('2.5.29.15', true, keyUsage(0xa0, 5)), // digitalSignature, keyEncipherment
    ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // serverAuth
    ext('2.5.29.19', true, seq()),
    ext('2.5.29.17', false, san),
  ])
  return { ca: pem('CERTIFICATE', ca), cert: pem('CERTIFICATE', leaf), key: pem('EC PRIVATE KEY', ecPrivateKey(leafKey)) }
}
