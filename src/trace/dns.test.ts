// A DNS query is traffic: the datagram to the kube-dns Service IP is DNATed to a CoreDNS pod, the pod's server
// answers through cluster.dns, the reply is un-NATed back to the Service IP; a port without a DNS server is silent.
import { describe, it, expect } from 'vitest'
import { createCluster } from '../core/cluster/create.ts'
import { apply, deployment, service, podsOf } from '../core/cluster/testutil.ts'
import { trace } from './engine.ts'
import { answerSummary, dnsHop, questionText } from './dns.ts'
import type { DnsResponse } from '../core/dns/types.ts'
import type { Service } from '../core/api/types.ts'
import type { TraceRequest } from './types.ts'

const answer: DnsResponse = {
  id: 7, rcode: 'NOERROR', aa: true, rd: true, ra: false, question: { name: 'web.default.svc.cluster.local.', type: 'A' },
  answer: [{ name: 'web.default.svc.cluster.local.', type: 'A', ttl: 30, data: '10.96.0.5' }], authority: [], additional: [], servedBy: 'kubernetes', size: 63,
}

describe('DNS hop summaries', () => {
  it('question, answer, NODATA and NXDOMAIN in one line', () => {
    expect(questionText(answer.question)).toBe('web.default.svc.cluster.local. A')
    expect(answerSummary(answer)).toBe('NOERROR: A 10.96.0.5')
    expect(answerSummary({ ...answer, answer: [], question: { ...answer.question, type: 'AAAA' } })).toBe('NOERROR, no AAAA record (NODATA)')
    expect(answerSummary({ ...answer, rcode: 'NXDOMAIN', answer: [] })).toBe('NXDOMAIN')
    expect(dnsHop({ id: 7, question: answer.question, rd: true }, answer)).toEqual({ id: 7, question: 'web.default.svc.cluster.local. A', rcode: 'NOERROR', answer: ['A 10.96.0.5'], servedBy: 'kubernetes' })
  })
})

describe('DNS queries through the data plane', () => {
  for (const proxyMode of ['iptables', 'ipvs'] as const) {
    it(`${proxyMode}: pod -> kube-dns ClusterIP -> a CoreDNS pod and back from the ClusterIP`, () => {
      const c = createCluster({ seed: 5, proxyMode })
      apply(c, deployment('web', 1), deployment('shell', 1, [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }]),
        service('web', { app: 'web' }, [{ port: 80, targetPort: 80 }]))
      c.advance(30_000)
      const vip = (c.store.get('Service', 'default', 'web') as Service).spec.clusterIP!
      const from = { kind: 'pod' as const, namespace: 'default', name: podsOf(c, 'shell')[0].metadata.name }
      const req: TraceRequest = { from, to: c.profile.clusterDNS, port: 53, protocol: 'UDP', dns: { id: 4242, question: { name: 'web.default.svc.cluster.local.', type: 'A' }, rd: true } }
      const t = trace(c, req)
      const explain = t.hops.map((h) => `${h.kind} ${h.where.host}: ${h.text}`).join('\n')
      expect(t.verdict, explain).toBe('delivered')
      expect(t.endpoint?.host).toMatch(/^kube-system\/coredns-/)
      expect(t.dns).toMatchObject({ id: 4242, rcode: 'NOERROR', answer: [{ type: 'A', data: vip }] })
      expect(t.hops[0].dns).toEqual({ id: 4242, question: 'web.default.svc.cluster.local. A' })
      const app = t.hops.find((h) => h.kind === 'app')!
      expect(app.text).toContain(`answers web.default.svc.cluster.local. A: NOERROR: A ${vip}`)
      expect(t.hops.findIndex((h) => h.kind === 'deliver')).toBeLessThan(t.hops.indexOf(app))
      const last = t.hops[t.hops.length - 1]
      expect([last.kind, last.before.src, last.before.sport, last.dns?.rcode]).toEqual(['reply', c.profile.clusterDNS, 53, 'NOERROR'])
      expect(JSON.parse(JSON.stringify(t))).toEqual(t)
    })
  }

  it('a DNS query to a pod without a DNS server meets no listener', () => {
    const c = createCluster({ seed: 5 })
    apply(c, deployment('web', 1), deployment('shell', 1, [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }]))
    c.advance(30_000)
    const web = podsOf(c, 'web')[0].status!.podIP!
    const from = { kind: 'pod' as const, namespace: 'default', name: podsOf(c, 'shell')[0].metadata.name }
    const t = trace(c, { from, to: web, port: 53, protocol: 'UDP', dns: { id: 1, question: { name: 'x.', type: 'A' }, rd: true } })
    expect([t.verdict, t.reason, t.dns]).toEqual(['rejected', 'no-listener', undefined])
  })
})
