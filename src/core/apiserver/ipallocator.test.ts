import { describe, it, expect } from 'vitest'
import { IPAllocator } from './ipallocator.ts'
import { PortAllocator } from './portallocator.ts'
import { createRng } from '../util/rand.ts'
import { parseIPv4 } from './validation/names.ts'

describe('IPAllocator (bitmap, v1.32)', () => {
  it('allocates at random in the upper range only, deterministically per seed', () => {
    const a = new IPAllocator('10.96.0.0/12'), b = new IPAllocator('10.96.0.0/12')
    const ra = createRng(7), rb = createRng(7)
    const low = parseIPv4('10.96.1.1')!
    for (let i = 0; i < 200; i++) {
      const ip = a.allocateNext(ra)
      expect(ip).toBe(b.allocateNext(rb))
      expect(parseIPv4(ip)!).toBeGreaterThanOrEqual(low)
      expect(parseIPv4(ip)!).toBeLessThanOrEqual(parseIPv4('10.111.255.254')!)
    }
    expect(a.used).toBe(200)
  })
  it('reserves explicit requests, with upstream texts', () => {
    const a = new IPAllocator('10.96.0.0/12')
    a.allocate('10.96.0.1')
    a.allocate('10.96.0.10')
    expect(a.check('10.96.0.10')).toBe('provided IP is already allocated')
    expect(a.check('10.96.0.0')).toBe('the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12')
    expect(a.check('10.111.255.255')).toBe('the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12')
    expect(a.check('100.96.0.10')).toBe('the provided IP (100.96.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12')
    a.release('10.96.0.10')
    expect(a.check('10.96.0.10')).toBeUndefined()
  })
  it('falls back to the low band only when the upper range is full', () => {
    const a = new IPAllocator('10.0.0.0/24') // 254 usable, band min(max(16, 256/16), 256) = 16
    const r = createRng(1)
    const got = Array.from({ length: 254 - 16 }, () => a.allocateNext(r))
    expect(got.every((ip) => parseIPv4(ip)! >= parseIPv4('10.0.0.17')!)).toBe(true)
    expect(parseIPv4(a.allocateNext(r))!).toBeLessThan(parseIPv4('10.0.0.17')!)
    for (let i = 0; i < 15; i++) a.allocateNext(r)
    expect(() => a.allocateNext(r)).toThrow('range is full')
  })
})

describe('PortAllocator', () => {
  it('keeps 30000-30085 for explicit requests', () => {
    const p = new PortAllocator(30000, 2768)
    const r = createRng(3)
    for (let i = 0; i < 500; i++) expect(p.allocateNext(r)).toBeGreaterThanOrEqual(30086)
    expect(p.check(30080)).toBeUndefined()
    p.allocate(30080)
    expect(p.check(30080)).toBe('provided port is already allocated')
    expect(p.check(39998)).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767')
    expect(p.check(29999)).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767')
    p.release(30080)
    expect(p.check(30080)).toBeUndefined()
  })
})
