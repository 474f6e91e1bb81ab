// pod-template-hash as k/k's controller.ComputePodTemplateHash renders it: a 32-bit FNV-1a hash of the
// template (plus the collision count), printed in decimal and mapped through rand.SafeEncodeString.
// k/k hashes a spew dump of the Go struct; we hash canonical JSON (sorted keys), so the values differ
// from a real cluster's for the same template, but the shape (e.g. `5997b94b5c`) and stability match.

import { K8S_NAME_ALPHABET } from '../util/rand.ts'

export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return '[' + v.map(canonicalJSON).join(',') + ']'
  const o = v as Record<string, unknown>
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonicalJSON(o[k])).join(',') + '}'
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
