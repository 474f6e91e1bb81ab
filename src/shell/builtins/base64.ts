// `base64` over real UTF-8 bytes (Secrets are base64 of UTF-8): encode with 76-column wrapping or -w N, decode with -d.

import type { Command } from '../types.ts'
import { fail, ok, parseOpts, readInputs } from './util.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function utf8Encode(s: string): number[] {
  const out: number[] = []
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return out
}

/** Decodes UTF-8; malformed sequences become U+FFFD as a terminal would show them. */
export function utf8Decode(bytes: number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]
    const need = b < 0x80 ? 0 : b >> 5 === 6 ? 1 : b >> 4 === 14 ? 2 : b >> 3 === 30 ? 3 : -1
    if (need <= 0) {
      out += need === 0 ? String.fromCharCode(b) : '\ufffd'
      i++
      continue
    }
    let c = b & (0x3f >> need)
    let okSeq = true
    for (let k = 1; k <= need; k++) {
      const nb = bytes[i + k]
      if (nb === undefined || nb >> 6 !== 2) {
        okSeq = false
        break
      }
      c = (c << 6) | (nb & 63)
    }
    if (!okSeq) {
      out += '\ufffd'
      i++
      continue
    }
    out += String.fromCodePoint(c)
    i += need + 1
  }
  return out
}

export function base64Encode(bytes: number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]
    out += c === undefined ? '=' : ALPHABET[c & 63]
  }
  return out
}

/** Decodes base64 (whitespace ignored); `valid` is false at the first bad character or bad padding. */
export function base64Decode(text: string): { bytes: number[]; valid: boolean } {
  const clean = text.replace(/[\n\r\t ]/g, '')
  const bytes: number[] = []
  let bits = 0
  let acc = 0
  let i = 0
  for (; i < clean.length; i++) {
    const ch = clean[i]
    if (ch === '=') break
    const v = ALPHABET.indexOf(ch)
    if (v < 0) return { bytes, valid: false }
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((acc >> bits) & 0xff)
    }
  }
  const rest = clean.slice(i)
  const valid = /^=*$/.test(rest) && (clean.length % 4 === 0 || (rest === '' && clean.length % 4 !== 1))
  return { bytes, valid }
}

export const base64: Command = (ctx) => {
  const p = parseOpts('base64', ctx.args, { bool: 'di', value: 'w', long: { decode: 'd', 'ignore-garbage': 'i', 'wrap=': 'w' } })
  if ('error' in p) return p.error
  if (p.operands.length > 1) return fail(`base64: extra operand ‘${p.operands[1]}’\nTry 'base64 --help' for more information.\n`)
  const [input] = readInputs(ctx, p.operands)
  if ('error' in input) return fail(`base64: ${input.name}: ${input.error}\n`)
  if (p.flags.has('d')) {
    const text = p.flags.has('i') ? input.content.replace(/[^A-Za-z0-9+/=]/g, '') : input.content
    const r = base64Decode(text)
    const out = utf8Decode(r.bytes)
    return r.valid ? ok(out) : fail('base64: invalid input\n', 1, out)
  }
  const wrapText = p.flags.get('w') ?? '76'
  if (!/^\d+$/.test(wrapText)) return fail(`base64: invalid wrap size: ‘${wrapText}’\n`)
  const wrap = Number(wrapText)
  const enc = base64Encode(utf8Encode(input.content))
  if (enc === '') return ok()
  if (wrap === 0) return ok(enc)
  let out = ''
  for (let i = 0; i < enc.length; i += wrap) out += enc.slice(i, i + wrap) + '\n'
  return ok(out)
}
