import { describe, it, expect } from 'vitest'
import { newNetns } from '../netns.ts'
import type { ConntrackEntry, Netfilter } from '../types.ts'
import { ageConntrack, conntrackCommand, defaultTimeout, formatConntrack, insertConntrack, lookupConntrack } from './conntrack.ts'

const stubNf = (): Netfilter => ({ tables: new Map(), table: () => { throw new Error('stub') }, restore: () => {}, save: () => '' })

const tcp: ConntrackEntry = {
  protocol: 'tcp', timeout: 86397, state: 'ESTABLISHED',
  orig: { src: '10.244.1.3', dst: '10.96.0.1', sport: 51234, dport: 443 },
  reply: { src: '172.18.0.2', dst: '10.244.1.3', sport: 6443, dport: 51234 },
  status: ['ASSURED'], mark: 0, use: 1, created: 0,
}
const udp: ConntrackEntry = {
  protocol: 'udp', timeout: 29, orig: { src: '10.244.1.3', dst: '10.96.0.10', sport: 43567, dport: 53 },
  reply: { src: '10.244.0.2', dst: '10.244.1.3', sport: 53, dport: 43567 }, status: ['UNREPLIED'], mark: 0, use: 1, created: 0,
}
const icmp: ConntrackEntry = {
  protocol: 'icmp', timeout: 29, orig: { src: '10.244.1.3', dst: '10.96.0.10', sport: 7, dport: 0 },
  reply: { src: '10.96.0.10', dst: '10.244.1.3', sport: 7, dport: 0 }, status: [], mark: 0, use: 1, created: 0,
}

function table() {
  const ns = newNetns('node01', 'node', stubNf)
  for (const e of [tcp, udp, icmp]) insertConntrack(ns, structuredClone(e))
  return ns
}

describe('conntrack', () => {
  it('formats entries as conntrack-tools 1.4.7', () => {
    expect(formatConntrack(tcp)).toBe('tcp      6 86397 ESTABLISHED src=10.244.1.3 dst=10.96.0.1 sport=51234 dport=443 src=172.18.0.2 dst=10.244.1.3 sport=6443 dport=51234 [ASSURED] mark=0 use=1')
    expect(formatConntrack(udp)).toBe('udp      17 29 src=10.244.1.3 dst=10.96.0.10 sport=43567 dport=53 [UNREPLIED] src=10.244.0.2 dst=10.244.1.3 sport=53 dport=43567 mark=0 use=1')
    expect(formatConntrack(icmp)).toBe('icmp     1 29 src=10.244.1.3 dst=10.96.0.10 type=8 code=0 id=7 src=10.96.0.10 dst=10.244.1.3 type=0 code=0 id=7 mark=0 use=1')
  })

  it('-L with filters and the stderr summary', () => {
    const ns = table()
    expect(conntrackCommand(ns, ['-L'])).toMatchObject({ stderr: 'conntrack v1.4.7 (conntrack-tools): 3 flow entries have been shown.\n', code: 0 })
    const r = conntrackCommand(ns, ['-L', '-p', 'tcp', '-d', '10.96.0.1'])
    expect(r.stdout).toBe(formatConntrack(tcp) + '\n')
    expect(r.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n')
    expect(conntrackCommand(ns, ['-L', '-s', '10.9.9.9']).stdout).toBe('')
    expect(conntrackCommand(ns, ['-L', '--dport', '53']).code).toBe(2)
    expect(conntrackCommand(ns, ['-C']).stdout).toBe('3\n')
  })

  it('looks up both directions, ages and flushes', () => {
    const ns = table()
    expect(lookupConntrack(ns, 'tcp', { src: '172.18.0.2', dst: '10.244.1.3', sport: 6443, dport: 51234 })?.dir).toBe('reply')
    expect(lookupConntrack(ns, 'tcp', tcp.orig)?.dir).toBe('original')
    expect(lookupConntrack(ns, 'udp', tcp.orig)).toBeUndefined()
    ageConntrack(ns, 30)
    expect(ns.conntrack.map((e) => e.protocol)).toEqual(['tcp'])
    expect(ns.conntrack[0].timeout).toBe(86367)
    expect(conntrackCommand(ns, ['-F']).stderr).toBe('conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n')
    expect(ns.conntrack).toEqual([])
    expect(defaultTimeout('tcp', 'ESTABLISHED')).toBe(86400)
  })
})
