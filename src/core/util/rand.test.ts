import { describe, expect, it } from 'vitest'
import { createRng, K8S_NAME_ALPHABET } from './rand.ts'

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43)
    const sa = a.string(10, K8S_NAME_ALPHABET), sb = b.string(10, K8S_NAME_ALPHABET), sc = c.string(10, K8S_NAME_ALPHABET)
    expect(sa).toBe(sb)
    expect(sa).not.toBe(sc)
    expect(sa).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/)
  })
  it('int stays in range and covers it', () => {
    const r = createRng(1)
    const seen = new Set<number>()
    for (let i = 0; i < 1000; i++) {
      const v = r.int(5)
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThan(5)
      seen.add(v)
    }
    expect(seen.size).toBe(5)
  })
})
