import { describe, it, expect } from 'vitest'
import { canonicalJSON, computePodTemplateHash } from './hash.ts'

/** the definition: JSON with keys sorted at every depth, undefined properties left out */
function reference(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return '[' + v.map(reference).join(',') + ']'
  const o = v as Record<string, unknown>
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + reference(o[k])).join(',') + '}'
}

describe('canonicalJSON', () => {
  it('sorts keys at every depth and agrees with the plain definition, escapes included', () => {
    const samples: unknown[] = [
      { b: 1, a: [3, { d: null, c: 'x' }], e: undefined }, [], {}, 'q"uote', 12.5, null, true,
      { 'k"ey': 1, 'back\\slash': 2, 'new\nline': 3, 'ünï': 4, 'app.kubernetes.io/name': 'web' },
      { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
    ]
    for (const s of samples) expect(canonicalJSON(s)).toBe(reference(s))
    expect(canonicalJSON({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })
  it('keeps pod-template-hash values stable', () => {
    const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }
    expect(computePodTemplateHash(tpl)).toBe(computePodTemplateHash(JSON.parse(JSON.stringify(tpl))))
    expect(computePodTemplateHash(tpl)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/)
  })
})
