// The DER BIT STRING of a set of named bits (KeyUsage): bit 0 is the most significant bit of the first octet,
// trailing zero bits removed and counted in the unused-bits octet (X.690 11.2.2).

import { tlv, type Bytes } from './asn1.ts'

export function bitsOf(on: readonly number[]): Bytes {
  const set = on.filter((b) => b >= 0)
  if (!set.length) return tlv(0x03, Uint8Array.of(0))
  const last = Math.max(...set)
  const bytes = new Uint8Array(Math.floor(last / 8) + 1)
  for (const b of set) bytes[b >> 3] |= 0x80 >> (b & 7)
  const unused = 7 - (last & 7)
  return tlv(0x03, Uint8Array.of(unused, ...bytes))
}

/** the numbers of the bits set in a BIT STRING's contents (first octet: unused bits) */
export function bitsSet(body: Bytes): number[] {
  const out: number[] = []
  for (let i = 1; i < body.length; i++) for (let j = 0; j < 8; j++) if (body[i] & (0x80 >> j)) out.push((i - 1) * 8 + j)
  return out
}
