// --trace text of a hand-made trace: the title, one entry per hop (rule, packet before => after, sentence), the verdict.
import { describe, it, expect } from 'vitest'
import type { Trace } from '../trace/types.ts'
import { dnsText, traceText } from './trace-text.ts'

const p = (dst: string, dport: number) => ({ protocol: 'TCP' as const, src: '10.244.2.3', sport: 40201, dst, dport, mark: 0 })

const T: Trace = {
  request: { from: { kind: 'pod', namespace: 'default', name: 'deb' }, to: '10.96.0.12', port: 80, protocol: 'TCP' },
  hops: [
    { kind: 'send', where: { host: 'default/deb', kind: 'pod' }, before: p('10.96.0.12', 80), after: p('10.96.0.12', 80), rulesEvaluated: 0, ipvsLookups: 0, text: 'the SYN leaves default/deb' },
    {
      kind: 'netfilter', where: { host: 'node02', kind: 'node', iface: 'cni0' }, table: 'nat', chain: 'KUBE-SEP-ABC',
      rule: '-A KUBE-SEP-ABC -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.2:80',
      before: p('10.96.0.12', 80), after: p('10.244.1.2', 80), rulesEvaluated: 9, ipvsLookups: 0, text: 'DNAT to 10.244.1.2:80',
    },
  ],
  verdict: 'delivered',
  endpoint: { host: 'default/web-1', kind: 'pod', ip: '10.244.1.2', port: 80, node: 'node01' },
  seenSource: { ip: '10.244.2.3', port: 40201 },
  response: { status: 200, reason: 'OK', headers: [], body: '' },
  rulesEvaluated: 12, ipvsLookups: 0,
}

describe('traceText', () => {
  it('renders hops and the verdict', () => {
    expect(traceText(T, 1)).toBe(
      '--- trace 1: TCP pod default/deb -> 10.96.0.12:80\n' +
        '   1. [send] default/deb\n      TCP 10.244.2.3:40201 -> 10.96.0.12:80: the SYN leaves default/deb\n' +
        '   2. [netfilter] node02 (cni0) nat/KUBE-SEP-ABC: -A KUBE-SEP-ABC -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.2:80\n' +
        '      TCP 10.244.2.3:40201 -> 10.96.0.12:80 => TCP 10.244.2.3:40201 -> 10.244.1.2:80: DNAT to 10.244.1.2:80\n' +
        'verdict: delivered to pod default/web-1 10.244.1.2:80 on node01; the server saw the client as 10.244.2.3:40201; HTTP 200 OK; 12 rules evaluated, 0 IPVS lookups\n',
    )
    expect(traceText({ ...T, verdict: 'dropped', reason: 'no-local-endpoints', endpoint: undefined, response: undefined, seenSource: undefined, hops: [] }, 2))
      .toBe('--- trace 2: TCP pod default/deb -> 10.96.0.12:80\nverdict: dropped (no-local-endpoints); 12 rules evaluated, 0 IPVS lookups\n')
  })

  it('shows the DNS question and answer on the send and app hops, and the rcode in the verdict', () => {
    const u = (src: string, dst: string) => ({ protocol: 'UDP' as const, src, sport: 40201, dst, dport: 53, mark: 0 })
    const q = { id: 4242, question: 'web.default.svc.cluster.local. A' }
    const a = { ...q, rcode: 'NOERROR' as const, answer: ['A 10.96.0.12'], servedBy: 'kubernetes' }
    const t: Trace = {
      request: { from: { kind: 'pod', namespace: 'default', name: 'deb' }, to: '10.96.0.10', port: 53, protocol: 'UDP', dns: { id: 4242, question: { name: 'web.default.svc.cluster.local.', type: 'A' }, rd: true } },
      hops: [
        { kind: 'send', where: { host: 'default/deb', kind: 'pod' }, before: u('10.244.2.3', '10.96.0.10'), after: u('10.244.2.3', '10.96.0.10'), rulesEvaluated: 0, ipvsLookups: 0, text: 'leaves', dns: q },
        { kind: 'app', where: { host: 'kube-system/coredns-1', kind: 'pod' }, before: u('10.244.2.3', '10.244.0.2'), after: u('10.244.2.3', '10.244.0.2'), rulesEvaluated: 5, ipvsLookups: 0, text: 'answers', dns: a },
      ],
      verdict: 'delivered', rulesEvaluated: 5, ipvsLookups: 0,
      dns: { id: 4242, rcode: 'NOERROR', aa: true, rd: true, ra: false, question: { name: 'web.default.svc.cluster.local.', type: 'A' }, answer: [{ name: 'web.default.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.0.12' }], authority: [], additional: [], servedBy: 'kubernetes', size: 63 },
    }
    expect(traceText(t, 2)).toBe(
      '--- trace 2: UDP pod default/deb -> 10.96.0.10:53 (DNS web.default.svc.cluster.local. A)\n' +
        '   1. [send] default/deb\n      UDP 10.244.2.3:40201 -> 10.96.0.10:53: leaves\n      dns: web.default.svc.cluster.local. A (id 4242)\n' +
        '   2. [app] kube-system/coredns-1\n      UDP 10.244.2.3:40201 -> 10.244.0.2:53: answers\n      dns: web.default.svc.cluster.local. A (id 4242) -> NOERROR: A 10.96.0.12\n' +
        'verdict: delivered; DNS NOERROR, 1 answer; 5 rules evaluated, 0 IPVS lookups\n',
    )
    expect(dnsText({ id: 1, question: 'x. AAAA', rcode: 'NOERROR', answer: [] })).toBe('x. AAAA (id 1) -> NOERROR (no records)')
    expect(dnsText({ id: 1, question: 'x. A', rcode: 'NXDOMAIN', answer: [] })).toBe('x. A (id 1) -> NXDOMAIN')
  })
})
