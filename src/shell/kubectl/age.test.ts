import { describe, it, expect } from 'vitest'
import { humanDuration, translateTimestampSince } from './age.ts'

// Cases: facts sheet 5.1 (apimachinery pkg/util/duration HumanDuration).
describe('humanDuration', () => {
  it.each([
    [-3000, '<invalid>'], [-1500, '0s'], [0, '0s'], [90_000, '90s'], [119_000, '119s'], [120_000, '2m'], [150_000, '2m30s'],
    [600_000, '10m'], [150 * 60_000, '150m'], [185 * 60_000, '3h5m'], [3 * 3600_000, '3h'], [30 * 3600_000, '30h'],
    [50 * 3600_000, '2d2h'], [48 * 3600_000, '2d'], [400 * 86400_000, '400d'], [(2 * 365 + 10) * 86400_000, '2y10d'],
    [9 * 365 * 86400_000, '9y'],
  ])('%d ms -> %s', (ms, want) => expect(humanDuration(ms)).toBe(want))
  it('unknown for a missing timestamp', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>')
    expect(translateTimestampSince('2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1, 0, 5))).toBe('5m')
  })
})
