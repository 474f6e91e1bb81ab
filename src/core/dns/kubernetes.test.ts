// Golden answers of the kubernetes plugin in the kubeadm cluster (Corefile: ttl 30, pods insecure, fallthrough
// in-addr.arpa ip6.arpa). Expectations follow coredns/coredns plugin/kubernetes/handler_test.go (record
// shapes, NXDOMAIN vs NODATA with SOA), reverse_test.go (PTR), handler_pod_*_test.go and backend_lookup.go
// (SRV weight 100/n, additional A), with this cluster's names and TTL 30.

import { beforeAll, describe, expect, it } from 'vitest'
import type { Pod, Service } from '../api/types.ts'
import { createCluster } from '../cluster/create.ts'
import { apply, deployment, podsOf, service } from '../cluster/testutil.ts'
import type { Cluster } from '../cluster/types.ts'
import { ask, lines } from './testutil.ts'

let c: Cluster
const SOA = /^cluster\.local\.\t30\tIN\tSOA\tns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d{10} 7200 1800 86400 30$/

function svc(name: string): Service {
  return c.store.get('Service', 'default', name) as Service
}

beforeAll(() => {
  c = createCluster()
  const bb: Pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'busybox-1', namespace: 'default', labels: { name: 'busybox' } },
    spec: { hostname: 'busybox-1', subdomain: 'sub', containers: [{ name: 'busybox', image: 'busybox', command: ['sleep', '3600'] }] },
  }
  apply(c,
    deployment('web', 2, [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }]),
    service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }]),
    service('web-h', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }], { clusterIP: 'None' }),
    service('sub', { name: 'busybox' }, [{ name: 'foo', port: 1234, targetPort: 1234, protocol: 'TCP' }], { clusterIP: 'None' }),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'www.google.com' } } as Service,
    bb,
  )
  c.advance(10_000)
})

describe('kubernetes plugin answers', () => {
  it('ClusterIP Service: A = ClusterIP, authoritative, no recursion available', () => {
    const r = ask(c, 'web.default.svc.cluster.local.', 'A')
    expect([r.rcode, r.aa, r.ra]).toEqual(['NOERROR', true, false])
    expect(lines(r.answer)).toEqual([`web.default.svc.cluster.local.\t30\tIN\tA\t${svc('web').spec.clusterIP}`])
    expect(r.authority).toEqual([])
  })

  it('NODATA (NOERROR, SOA in authority) for AAAA and TXT of a Service and for the apex labels', () => {
    for (const [name, type] of [['web.default.svc.cluster.local.', 'AAAA'], ['web.default.svc.cluster.local.', 'TXT'], ['svc.cluster.local.', 'A'], ['default.svc.cluster.local.', 'A'], ['default.pod.cluster.local.', 'A'], ['cluster.local.', 'A']] as const) {
      const r = ask(c, name, type)
      expect([name, type, r.rcode, r.answer.length]).toEqual([name, type, 'NOERROR', 0])
      expect(lines(r.authority)[0]).toMatch(SOA)
    }
  })

  it('NXDOMAIN (SOA in authority) for a missing Service, a missing namespace, a bad endpoint and an invalid name', () => {
    for (const [name, type] of [['nope.default.svc.cluster.local.', 'A'], ['web.nons.svc.cluster.local.', 'A'], ['bogusendpoint.web-h.default.svc.cluster.local.', 'A'], ['foo.cluster.local.', 'NS'], ['foo.svc.cluster.local.', 'NS']] as const) {
      const r = ask(c, name, type)
      expect([name, r.rcode, r.aa, r.answer.length]).toEqual([name, 'NXDOMAIN', true, 0])
      expect(lines(r.authority)[0]).toMatch(SOA)
    }
  })

  it('the SOA serial is the Unix time of the last Service/EndpointSlice change', () => {
    const before = ask(c, 'nope.default.svc.cluster.local.', 'A').authority[0].data.split(' ')[2]
    c.advance(60_000)
    apply(c, service('later', { app: 'later' }, [{ port: 80, targetPort: 80, protocol: 'TCP' }]))
    const after = ask(c, 'nope2.default.svc.cluster.local.', 'A').authority[0].data.split(' ')[2]
    expect(Number(after)).toBe(Math.floor(c.clock.now() / 1000))
    expect(Number(after)).toBeGreaterThan(Number(before))
  })

  it('headless Service: one A per ready endpoint, endpoint names, hostname/subdomain names', () => {
    const ips = podsOf(c, 'web').map((p) => p.status!.podIP!).sort()
    const r = ask(c, 'web-h.default.svc.cluster.local.', 'A')
    expect(lines(r.answer, true)).toEqual(ips.map((ip) => `web-h.default.svc.cluster.local.\t30\tIN\tA\t${ip}`).sort())
    const dashed = `${ips[0].replace(/\./g, '-')}.web-h.default.svc.cluster.local.`
    expect(lines(ask(c, dashed, 'A').answer)).toEqual([`${dashed}\t30\tIN\tA\t${ips[0]}`])
    const bbIP = (c.store.get('Pod', 'default', 'busybox-1') as Pod).status!.podIP!
    expect(lines(ask(c, 'busybox-1.sub.default.svc.cluster.local.', 'A').answer)).toEqual([`busybox-1.sub.default.svc.cluster.local.\t30\tIN\tA\t${bbIP}`])
  })

  it('SRV for named ports: weight 100/n, targets, additional A records', () => {
    const ip = svc('web').spec.clusterIP
    const r = ask(c, '_http._tcp.web.default.svc.cluster.local.', 'SRV')
    expect(lines(r.answer)).toEqual(['_http._tcp.web.default.svc.cluster.local.\t30\tIN\tSRV\t0 100 80 web.default.svc.cluster.local.'])
    expect(lines(r.additional)).toEqual([`web.default.svc.cluster.local.\t30\tIN\tA\t${ip}`])
    const ips = podsOf(c, 'web').map((p) => p.status!.podIP!)
    const h = ask(c, '_http._tcp.web-h.default.svc.cluster.local.', 'SRV')
    expect(lines(h.answer, true)).toEqual(ips.map((x) => `_http._tcp.web-h.default.svc.cluster.local.\t30\tIN\tSRV\t0 50 80 ${x.replace(/\./g, '-')}.web-h.default.svc.cluster.local.`).sort())
    expect(lines(h.additional, true)).toEqual(ips.map((x) => `${x.replace(/\./g, '-')}.web-h.default.svc.cluster.local.\t30\tIN\tA\t${x}`).sort())
    expect(ask(c, '_https._tcp.web.default.svc.cluster.local.', 'SRV').rcode).toBe('NXDOMAIN')
  })

  it('ExternalName: CNAME, then the upstream answer for an A query', () => {
    const r = ask(c, 'ext.default.svc.cluster.local.', 'A')
    expect(lines(r.answer)).toEqual(['ext.default.svc.cluster.local.\t30\tIN\tCNAME\twww.google.com.', 'www.google.com.\t30\tIN\tA\t142.250.190.36'])
    expect(lines(ask(c, 'ext.default.svc.cluster.local.', 'CNAME').answer)).toEqual(['ext.default.svc.cluster.local.\t30\tIN\tCNAME\twww.google.com.'])
  })

  it('pod records with pods insecure: any dashed IPv4 answers, other labels NXDOMAIN', () => {
    expect(lines(ask(c, '10-244-9-9.default.pod.cluster.local.', 'A').answer)).toEqual(['10-244-9-9.default.pod.cluster.local.\t30\tIN\tA\t10.244.9.9'])
    expect(ask(c, 'web.default.pod.cluster.local.', 'A').rcode).toBe('NXDOMAIN')
  })

  it('PTR: ClusterIP -> Service name, headless endpoint -> endpoint name, an IP behind no Service falls through to forward', () => {
    const ip = svc('web').spec.clusterIP!
    const rev = ip.split('.').reverse().join('.') + '.in-addr.arpa.'
    expect(lines(ask(c, rev, 'PTR').answer)).toEqual([`${rev}\t30\tIN\tPTR\tweb.default.svc.cluster.local.`])
    const bbIP = (c.store.get('Pod', 'default', 'busybox-1') as Pod).status!.podIP!
    const brev = bbIP.split('.').reverse().join('.') + '.in-addr.arpa.'
    expect(lines(ask(c, brev, 'PTR').answer)).toEqual([`${brev}\t30\tIN\tPTR\tbusybox-1.sub.default.svc.cluster.local.`])
    const none = ask(c, '77.9.244.10.in-addr.arpa.', 'PTR')
    expect([none.rcode, none.servedBy, none.aa, none.ra]).toEqual(['NXDOMAIN', 'forward', false, true])
  })

  it('dns-version TXT, apex SOA and NS, ns.dns A', () => {
    expect(lines(ask(c, 'dns-version.cluster.local.', 'TXT').answer)).toEqual(['dns-version.cluster.local.\t30\tIN\tTXT\t"1.1.0"'])
    expect(lines(ask(c, 'cluster.local.', 'SOA').answer)[0]).toMatch(SOA)
    const ns = ask(c, 'cluster.local.', 'NS')
    expect(lines(ns.answer)).toEqual(['cluster.local.\t30\tIN\tNS\tkube-dns.kube-system.svc.cluster.local.'])
    expect(lines(ns.additional)).toEqual(['kube-dns.kube-system.svc.cluster.local.\t30\tIN\tA\t10.96.0.10'])
    expect(lines(ask(c, 'ns.dns.cluster.local.', 'A').answer)).toEqual(['ns.dns.cluster.local.\t30\tIN\tA\t10.96.0.10'])
  })

  it('names are case-insensitive; sizes are the wire sizes', () => {
    const r = ask(c, 'KUBERNETES.default.svc.cluster.local.', 'A')
    expect(lines(r.answer)).toEqual(['KUBERNETES.default.svc.cluster.local.\t30\tIN\tA\t10.96.0.1'])
    // 12 header + 38 name + 4 + (2 pointer + 10 + 4)
    expect(r.size).toBe(70)
  })
})
