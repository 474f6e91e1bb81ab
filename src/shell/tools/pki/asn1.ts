// DER encoding for the PKI tools (X.690): TLVs, INTEGERs from bigints, OIDs, strings, times, and PEM armour.
// Reading goes through src/core/ingress/der.ts; this file only writes.

export type Bytes = Uint8Array

export function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

function lengthBytes(n: number): Bytes {
  if (n < 0x80) return Uint8Array.of(n)
  const b: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v & 0xff)
  return Uint8Array.of(0x80 | b.length, ...b)
}

export const tlv = (tag: number, body: Bytes): Bytes => concat(Uint8Array.of(tag), lengthBytes(body.length), body)
export const seq = (...items: Bytes[]): Bytes => tlv(0x30, concat(...items))
/** SET OF: DER sorts the encodings */
export const set = (...items: Bytes[]): Bytes => tlv(0x31, concat(...[...items].sort(compareBytes)))
export const explicit = (n: number, inner: Bytes): Bytes => tlv(0xa0 | n, inner)
export const nullDer = (): Bytes => Uint8Array.of(0x05, 0x00)
export const bool = (v: boolean): Bytes => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00)
export const octets = (b: Bytes): Bytes => tlv(0x04, b)
/** BIT STRING with no unused bits */
export const bits = (b: Bytes): Bytes => tlv(0x03, concat(Uint8Array.of(0), b))

function compareBytes(a: Bytes, b: Bytes): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/** big-endian unsigned bytes of a non-negative bigint (at least one byte; `len` pads on the left) */
export function bigToBytes(v: bigint, len = 0): Bytes {
  let hex = v.toString(16)
  if (hex.length % 2) hex = '0' + hex
  const n = Math.max(len, hex.length / 2)
  const out = new Uint8Array(n)
  for (let i = 0; i < hex.length / 2; i++) out[n - hex.length / 2 + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

export function bytesToBig(b: Bytes): bigint {
  let hex = ''
  for (const x of b) hex += x.toString(16).padStart(2, '0')
  return hex ? BigInt('0x' + hex) : 0n
}

/** INTEGER (non-negative values) */
export function int(v: bigint | number): Bytes {
  let b = bigToBytes(BigInt(v))
  if (b[0] & 0x80) b = concat(Uint8Array.of(0), b)
  return tlv(0x02, b)
}

export function oid(dotted: string): Bytes {
  const p = dotted.split('.').map(Number)
  const out: number[] = [p[0] * 40 + p[1]]
  for (const v of p.slice(2)) {
    const chunk: number[] = [v & 0x7f]
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift(0x80 | (x & 0x7f))
    out.push(...chunk)
  }
  return tlv(0x06, Uint8Array.from(out))
}

export function utf8Bytes(s: string): Bytes {
  const out: number[] = []
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return Uint8Array.from(out)
}

export const asciiBytes = (s: string): Bytes => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff))
export const utf8String = (s: string): Bytes => tlv(0x0c, utf8Bytes(s))
export const printableString = (s: string): Bytes => tlv(0x13, asciiBytes(s))
export const ia5String = (s: string): Bytes => tlv(0x16, asciiBytes(s))
export const isPrintable = (s: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s)

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050 */
export function time(ms: number): Bytes {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
  const y = d.getUTCFullYear()
  return y < 2050 ? tlv(0x17, asciiBytes(`${p(y % 100)}${rest}`)) : tlv(0x18, asciiBytes(`${y}${rest}`))
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function base64(b: Bytes): string {
  let s = ''
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=')
  }
  return s
}

/** PEM armour with 64-column lines, as OpenSSL and Go's encoding/pem write it */
export function pem(type: string, der: Bytes): string {
  const b = base64(der)
  const lines: string[] = []
  for (let i = 0; i < b.length; i += 64) lines.push(b.slice(i, i + 64))
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`
}

export const hexColon = (b: Bytes, upper = false): string => [...b].map((x) => { const h = x.toString(16).padStart(2, '0'); return upper ? h.toUpperCase() : h }).join(':')
