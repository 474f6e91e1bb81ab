// benchTrace: linear rule walk in iptables mode versus one hash lookup in ipvs mode.
import { describe, it, expect } from 'vitest'
import { benchTrace } from './bench.ts'

describe('benchTrace', () => {
  it('iptables mode walks every earlier KUBE-SERVICES rule; ipvs mode does one lookup', () => {
    const small = benchTrace(100, 'iptables')
    const big = benchTrace(1000, 'iptables')
    const ipvs = benchTrace(1000, 'ipvs')
    expect(small.verdict).toBe('delivered')
    expect(big.verdict).toBe('delivered')
    expect(ipvs.verdict).toBe('delivered')
    expect(big.rulesEvaluated).toBeGreaterThan(1000)
    expect(big.rulesEvaluated - small.rulesEvaluated).toBeGreaterThanOrEqual(900)
    expect(big.ipvsLookups).toBe(0)
    expect(ipvs.ipvsLookups).toBe(1)
    expect(ipvs.rulesEvaluated).toBeLessThan(100)
  }, 60_000)
})
