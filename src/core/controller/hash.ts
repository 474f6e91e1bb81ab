// pod-template-hash as k/k's controller.ComputePodTemplateHash renders it: a 32-bit FNV-1a hash of the
// template (plus the collision count), printed in decimal and mapped through rand.SafeEncodeString.
// k/k hashes a spew dump of the Go struct; we hash canonical JSON (sorted keys), so the values differ
// from a real cluster's for the same template, but the shape (e.g. `5997b94b5c`) and stability match.

import { K8S_NAME_ALPHABET } from '../util/rand.ts'

/** keys JSON.stringify renders as they are (no quote, backslash or control character to escape) */
const SIMPLE_KEY = /^[^"\\\u0000-\u001f\u007f-\uffff]*$/

export function canonicalJSON(v: unknown): string {
  const out: string[] = []
  write(v, out)
  return out.join('') // one flat string (cached texts built with += would stay trees of their parts)
}

function write(v: unknown, out: string[]): void {
  if (v === null || typeof v !== 'object') { out.push(JSON.stringify(v) ?? 'null'); return }
  if (Array.isArray(v)) {
    out.push('[')
    for (let i = 0; i < v.length; i++) {
      if (i) out.push(',')
      write(v[i], out)
    }
    out.push(']')
    return
  }
  const o = v as Record<string, unknown>
  const keys = Object.keys(o).sort()
  let first = true
  out.push('{')
  for (const k of keys) {
    const x = o[k]
    if (x === undefined) continue
    out.push(first ? '"' : ',"', SIMPLE_KEY.test(k) ? k : JSON.stringify(k).slice(1, -1), '":')
    write(x, out)
    first = false
  }
  out.push('}')
}

export function fnv32a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff
    h = Math.imul(h, 0x01000193) >>> 0
    if (s.charCodeAt(i) > 0xff) {
      h ^= s.charCodeAt(i) >>> 8
      h = Math.imul(h, 0x01000193) >>> 0
    }
  }
  return h >>> 0
}

/** rand.SafeEncodeString: each byte of s mapped to alphabet[b % len] (no vowels, no ambiguous characters). */
export function safeEncodeString(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) out += K8S_NAME_ALPHABET[s.charCodeAt(i) % K8S_NAME_ALPHABET.length]
  return out
}

export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(canonicalJSON(template))
  if (collisionCount !== undefined && collisionCount !== 0) h = fnv32a(String(collisionCount), h)
  return safeEncodeString(String(h))
}
