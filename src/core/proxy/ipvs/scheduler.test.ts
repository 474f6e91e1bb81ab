import { describe, it, expect } from 'vitest'
import type { Ipvs, IpvsScheduler, RealServer, VirtualServer } from '../../node/types.ts'
import { dhHash, schedule, shHash } from './scheduler.ts'

const rs = (address: string, weight = 1, activeConn = 0, inActConn = 0): RealServer =>
  ({ address, port: 80, weight, forward: 'Masq', activeConn, inActConn, stats: { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 } })
const vsOf = (scheduler: IpvsScheduler, realServers: RealServer[], persistentTimeout?: number): VirtualServer =>
  ({ protocol: 'TCP', address: '10.96.0.20', port: 80, scheduler, flags: [], realServers, stats: { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 }, ...(persistentTimeout ? { persistentTimeout } : {}) })
const newIpvs = (): Ipvs => ({ services: new Map(), connections: [], templates: new Map() })
const picks = (vs: VirtualServer, n: number, client = (i: number) => `10.244.1.${i % 200 + 2}`) => {
  const ipvs = newIpvs()
  return Array.from({ length: n }, (_, i) => schedule(vs, client(i), { ipvs, now: 0 }).real?.address ?? '-')
}

describe('ipvs schedulers', () => {
  it('rr cycles exactly in list order, skipping weight 0, and continues after the last choice', () => {
    expect(picks(vsOf('rr', [rs('a'), rs('b'), rs('c')]), 7)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a'])
    expect(picks(vsOf('rr', [rs('a'), rs('b', 0), rs('c')]), 4)).toEqual(['a', 'c', 'a', 'c'])
    const vs = vsOf('rr', [rs('a'), rs('b')])
    const ipvs = newIpvs()
    expect(schedule(vs, 'x', { ipvs, now: 0 }).real?.address).toBe('a')
    vs.realServers.unshift(rs('n')) // a new destination lands at the head: reached after wrapping
    expect([1, 2, 3].map(() => schedule(vs, 'x', { ipvs, now: 0 }).real?.address)).toEqual(['b', 'n', 'a'])
    expect(picks(vsOf('rr', []), 1)).toEqual(['-'])
  })

  it('wrr follows the weights (3:1 -> a a a b) and gcd steps (4:2 -> a a b)', () => {
    expect(picks(vsOf('wrr', [rs('a', 3), rs('b', 1)]), 8)).toEqual(['a', 'a', 'a', 'b', 'a', 'a', 'a', 'b'])
    expect(picks(vsOf('wrr', [rs('a', 4), rs('b', 2)]), 6)).toEqual(['a', 'a', 'b', 'a', 'a', 'b'])
    expect(picks(vsOf('wrr', [rs('a'), rs('b'), rs('c')]), 4)).toEqual(['a', 'b', 'c', 'a'])
  })

  it('lc picks the least active*256+inactive (first on a tie); wlc divides by weight', () => {
    expect(picks(vsOf('lc', [rs('a', 1, 2, 0), rs('b', 1, 1, 300), rs('c', 1, 1, 5)]), 1)).toEqual(['c'])
    expect(picks(vsOf('lc', [rs('a', 1, 1), rs('b', 1, 1)]), 1)).toEqual(['a'])
    expect(picks(vsOf('lc', [rs('a', 0, 0), rs('b', 1, 9)]), 1)).toEqual(['b'])
    expect(picks(vsOf('wlc', [rs('a', 1, 2), rs('b', 3, 4)]), 1)).toEqual(['b'])
  })

  it('sed and nq: expected delay (active+1)/weight; nq takes an idle server at once', () => {
    expect(picks(vsOf('sed', [rs('a', 1, 0), rs('b', 5, 1)]), 1)).toEqual(['b'])
    expect(picks(vsOf('nq', [rs('a', 5, 1), rs('b', 1, 0)]), 1)).toEqual(['b'])
  })

  it('sh hashes the source address (hash_32 golden ratio) and sticks per client', () => {
    expect(shHash('10.244.1.2')).toBe(Math.imul(0x0af40102, 0x61c88647) >>> 24)
    const vs = vsOf('sh', [rs('a'), rs('b'), rs('c')])
    const ipvs = newIpvs()
    const first = ['10.244.1.2', '10.244.2.9', '192.168.1.50'].map((c) => schedule(vs, c, { ipvs, now: 0 }).real!.address)
    for (let i = 0; i < 5; i++) expect(['10.244.1.2', '10.244.2.9', '192.168.1.50'].map((c) => schedule(vs, c, { ipvs, now: 0 }).real!.address)).toEqual(first)
    // the bucket's server: table filled a,b,c,a,b,c... so bucket k holds server k % 3
    expect(first[0]).toBe(['a', 'b', 'c'][shHash('10.244.1.2') % 3])
    // many clients spread over all servers
    expect(new Set(picks(vs, 200)).size).toBe(3)
    // a weight-0 bucket owner: no fallback, no destination
    const z = vsOf('sh', [rs('a', 0), rs('b', 0)])
    expect(schedule(z, '10.0.0.1', { ipvs, now: 0 }).real).toBeUndefined()
  })

  it('dh hashes the destination (the VIP): every client gets the same server', () => {
    const vs = vsOf('dh', [rs('a'), rs('b'), rs('c')])
    expect(new Set(picks(vs, 20))).toEqual(new Set([['a', 'b', 'c'][dhHash('10.96.0.20') % 3]]))
  })

  it('persistence: a live template wins over the scheduler, expires after the timeout, ignores weight-0 servers', () => {
    const vs = vsOf('rr', [rs('a'), rs('b'), rs('c')], 10)
    const ipvs = newIpvs()
    const at = (now: number, c = '10.244.1.2') => schedule(vs, c, { ipvs, now })
    expect(at(0).real?.address).toBe('a')
    expect(at(1000)).toMatchObject({ persistent: true, real: { address: 'a' } })
    expect(ipvs.templates.get('10.244.1.2|TCP:10.96.0.20:80')).toEqual({ real: 'a:80', expires: 11000 })
    expect(at(2000, '10.244.9.9').real?.address).toBe('b')
    expect(at(30000)).toMatchObject({ persistent: false, real: { address: 'c' } })
    vs.realServers[2].weight = 0
    expect(at(31000).real?.address).toBe('a')
  })
})
