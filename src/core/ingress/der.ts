// A minimal ASN.1 DER reader and base64/PEM decoding: enough to read an X.509 certificate's subject, issuer,
// validity and subjectAltName (RFC 5280) from a `kubernetes.io/tls` Secret, without a crypto library.

export interface Der {
  /** the identifier octet (class, constructed bit, tag number; low-tag-number form only) */
  tag: number
  /** the content octets */
  body: Uint8Array
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

/** Decodes standard base64 (whitespace ignored); undefined on any other character. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=]/g, '')
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8))
  let acc = 0, bits = 0, n = 0
  for (const ch of clean) {
    const v = B64_INDEX.get(ch)
    if (v === undefined) return undefined
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (acc >> bits) & 0xff
    }
  }
  return out.subarray(0, n)
}

/** The DER bytes of every PEM block of `type` in a text, in order. */
export function pemBlocks(text: string, type: string): Uint8Array[] {
  const out: Uint8Array[] = []
  const re = new RegExp(`-----BEGIN ${type}-----([\\s\\S]*?)-----END ${type}-----`, 'g')
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const bytes = decodeBase64(m[1])
    if (bytes) out.push(bytes)
  }
  return out
}

/** Reads one TLV at `offset`; throws on truncated or indefinite-length input. */
export function readDer(buf: Uint8Array, offset = 0): { der: Der; next: number } {
  if (offset + 2 > buf.length) throw new Error('asn1: truncated')
  const tag = buf[offset]
  let len = buf[offset + 1]
  let p = offset + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4 || p + n > buf.length) throw new Error('asn1: bad length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]
    p += n
  }
  if (p + len > buf.length) throw new Error('asn1: truncated')
  return { der: { tag, body: buf.subarray(p, p + len) }, next: p + len }
}

/** The children of a constructed value (SEQUENCE, SET, explicit tags). */
export function children(d: Der): Der[] {
  const out: Der[] = []
  for (let p = 0; p < d.body.length;) {
    const r = readDer(d.body, p)
    out.push(r.der)
    p = r.next
  }
  return out
}

/** Dotted OBJECT IDENTIFIER text. */
export function oid(d: Der): string {
  const b = d.body
  if (b.length === 0) return ''
  const parts = [Math.floor(b[0] / 40), b[0] % 40]
  let v = 0
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f)
    if (!(b[i] & 0x80)) { parts.push(v); v = 0 }
  }
  return parts.join('.')
}

/** UTF8String, PrintableString, IA5String, T61String (as Latin-1) and BMPString. */
export function text(d: Der): string {
  const b = d.body
  if (d.tag === 0x1e) {
    let s = ''
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1])
    return s
  }
  if (d.tag === 0x0c) return utf8(b)
  let s = ''
  for (const c of b) s += String.fromCharCode(c)
  return s
}

/** UTCTime (YYMMDDhhmmssZ, years 50-99 are 19xx) or GeneralizedTime (YYYYMMDDhhmmssZ) as epoch ms. */
export function time(d: Der): number {
  const s = text({ tag: 0x13, body: d.body })
  const utc = d.tag === 0x17
  const yl = utc ? 2 : 4
  let year = Number(s.slice(0, yl))
  if (utc) year += year >= 50 ? 1900 : 2000
  const f = (i: number) => Number(s.slice(yl + i * 2, yl + i * 2 + 2))
  return Date.UTC(year, f(0) - 1, f(1), f(2), f(3), f(4) || 0)
}

/** UTF-8 bytes to a string (no TextDecoder in the model's ES lib). */
function utf8(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length;) {
    const c = b[i]
    const n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4
    let cp = n === 1 ? c : c & (0xff >> (n + 1))
    for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k] & 0x3f)
    s += String.fromCodePoint(cp)
    i += n
  }
  return s
}
