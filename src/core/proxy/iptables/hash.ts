// Chain-name hashing as kube-proxy does it (portProtoHash): SHA-256 of the UTF-8 input, standard base32
// (RFC 4648, A-Z2-7), first 16 characters. Pure TypeScript: the core may not use Node's crypto.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const W = new Uint32Array(64)
/** the digest of the last compress() as eight 32-bit words */
const H = new Int32Array(8)

let buf = new Uint8Array(256)

/** UTF-8 bytes of s plus SHA-256 padding, written straight into a reused buffer; returns the padded length. */
function padded(s: string): number {
  const max = s.length * 3 + 72
  if (buf.length < max) buf = new Uint8Array(max * 2)
  const b = buf
  let n = 0
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i)
    if (c < 0x80) { b[n++] = c; continue }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d < 0xe000) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++ }
    }
    if (c < 0x800) { b[n++] = 0xc0 | (c >> 6); b[n++] = 0x80 | (c & 63) }
    else if (c < 0x10000) { b[n++] = 0xe0 | (c >> 12); b[n++] = 0x80 | ((c >> 6) & 63); b[n++] = 0x80 | (c & 63) }
    else { b[n++] = 0xf0 | (c >> 18); b[n++] = 0x80 | ((c >> 12) & 63); b[n++] = 0x80 | ((c >> 6) & 63); b[n++] = 0x80 | (c & 63) }
  }
  const total = Math.ceil((n + 9) / 64) * 64
  b.fill(0, n, total)
  b[n] = 0x80
  const bitLen = n * 8
  const hi = Math.floor(bitLen / 0x100000000), lo = bitLen >>> 0
  b[total - 8] = hi >>> 24; b[total - 7] = (hi >>> 16) & 255; b[total - 6] = (hi >>> 8) & 255; b[total - 5] = hi & 255
  b[total - 4] = lo >>> 24; b[total - 3] = (lo >>> 16) & 255; b[total - 2] = (lo >>> 8) & 255; b[total - 1] = lo & 255
  return total
}

/** SHA-256 of a string's UTF-8 bytes into H. */
function compress(text: string): void {
  const len = padded(text)
  const bytes = buf
  let h0 = 0x6a09e667, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372, h3 = 0xa54ff53a | 0, h4 = 0x510e527f, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab, h7 = 0x5be0cd19
  for (let off = 0; off < len; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4
      W[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3]
    }
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15], b = W[i - 2]
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const ch = (e & f) ^ (~e & g)
      const t1 = (h + S1 + ch + K[i] + W[i]) | 0
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const maj = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (S0 + maj) | 0
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0
  }
  H[0] = h0; H[1] = h1; H[2] = h2; H[3] = h3; H[4] = h4; H[5] = h5; H[6] = h6; H[7] = h7
}

/** SHA-256 digest (32 bytes) of a string's UTF-8 bytes. */
export function sha256(text: string): Uint8Array {
  compress(text)
  const out = new Uint8Array(32)
  for (let i = 0; i < 8; i++) {
    const v = H[i]
    out[i * 4] = (v >>> 24) & 255; out[i * 4 + 1] = (v >>> 16) & 255; out[i * 4 + 2] = (v >>> 8) & 255; out[i * 4 + 3] = v & 255
  }
  return out
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 standard base32 with padding (Go's base32.StdEncoding). */
export function base32(bytes: Uint8Array): string {
  let out = '', bits = 0, value = 0
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5 }
    value &= (1 << bits) - 1
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31]
  while (out.length % 8) out += '='
  return out
}

const B32_CODES = Array.from(B32, (c) => c.charCodeAt(0))

/**
 * portProtoHash: the 16-character suffix shared by KUBE-SVC/SVL/EXT/FW (and KUBE-SEP with the endpoint
 * appended). Not memoised: one digest costs less than looking a long fresh key up in a map, and each name is
 * computed once per service-port change (the rules are shared between nodes).
 */
export function hash16(input: string): string {
  compress(input)
  // the first 80 bits of the digest, five at a time (what base32(...).slice(0, 16) gives)
  const h0 = H[0] >>> 0, h1 = H[1] >>> 0, h2 = H[2] >>> 0
  const c = B32_CODES
  return String.fromCharCode(
    c[h0 >>> 27], c[(h0 >>> 22) & 31], c[(h0 >>> 17) & 31], c[(h0 >>> 12) & 31], c[(h0 >>> 7) & 31], c[(h0 >>> 2) & 31],
    c[((h0 & 3) << 3) | (h1 >>> 29)], c[(h1 >>> 24) & 31], c[(h1 >>> 19) & 31], c[(h1 >>> 14) & 31], c[(h1 >>> 9) & 31],
    c[(h1 >>> 4) & 31], c[((h1 & 15) << 1) | (h2 >>> 31)], c[(h2 >>> 26) & 31], c[(h2 >>> 21) & 31], c[(h2 >>> 16) & 31])
}
