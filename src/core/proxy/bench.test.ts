import { describe, it, expect } from 'vitest'
import { benchProxy } from './bench.ts'

describe('benchProxy', () => {
  it('compiles 1,000 Services x 10 endpoints on 3 nodes and re-syncs one change quickly', () => {
    const r = benchProxy({ services: 1000, now: () => performance.now() })
    expect(r.natRules).toBeGreaterThan(1000 * 10 * 2)
    // generous bounds for a shared 2-core machine; `npm run bench` reports the real figures
    expect(r.fullSyncMs).toBeLessThan(3000)
    expect(r.resyncMs).toBeLessThan(200)
  })
})
