// The stub resolver: hosts files first, then real queries to CoreDNS through the pod's resolv.conf (search list,
// A+AAAA per name, glibc/musl give-up rules); URL splitting for curl and wget.
import { describe, it, expect } from 'vitest'
import { gaiError, lookupHosts, resolveName, isIPv4, dnsSearch } from './resolver.ts'
import { parseUrl, hostHeader } from './url.ts'
import { podsShell, sh } from './testing.ts'
import type { Service } from '../../core/api/types.ts'
import type { Trace } from '../../trace/types.ts'

describe('stub resolver', () => {
  it('reads hosts files', () => {
    const hosts = '127.0.0.1\tlocalhost\n# 1.2.3.4 commented\n10.0.0.5 node01 node01.lab\n'
    expect([lookupHosts(hosts, 'localhost'), lookupHosts(hosts, 'NODE01.lab'), lookupHosts(hosts, 'commented')]).toEqual(['127.0.0.1', '10.0.0.5', undefined])
    expect([isIPv4('10.96.0.1'), isIPv4('10.96.0.256'), isIPv4('web')]).toEqual([true, false, false])
    expect([gaiError('glibc', 'NOTFOUND'), gaiError('glibc', 'AGAIN'), gaiError('musl', 'NOTFOUND'), gaiError('musl', 'AGAIN')])
      .toEqual(['Name or service not known', 'Temporary failure in name resolution', 'Name does not resolve', 'Try again'])
  })

  it('asks CoreDNS through the search list in ClusterFirst pods; nodes only know their hosts file', () => {
    const s = podsShell()
    const c = s.cluster
    const ip = (c.store.get('Service', 'default', 'web') as Service).spec.clusterIP
    const traces: Trace[] = []
    const pod = { cluster: c, host: { kind: 'pod' as const, namespace: 'default', pod: 'deb', container: 'deb' }, fs: s.fs, trace: (t: Trace) => traces.push(t) }
    for (const n of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) expect(resolveName(pod, n)).toEqual({ ok: true, ip, name: 'web.default.svc.cluster.local' })
    // web.default: A and AAAA for web.default.default.svc.cluster.local (NXDOMAIN), then web.default.svc.cluster.local
    expect(traces.slice(2, 6).map((t) => `${t.request.dns?.question.type} ${t.request.dns?.question.name} ${t.dns?.rcode}`)).toEqual([
      'A web.default.default.svc.cluster.local. NXDOMAIN', 'AAAA web.default.default.svc.cluster.local. NXDOMAIN',
      'A web.default.svc.cluster.local. NOERROR', 'AAAA web.default.svc.cluster.local. NOERROR',
    ])
    expect(resolveName(pod, 'web.other')).toEqual({ ok: false, error: 'NOTFOUND' })
    // musl (netshoot): A and AAAA; the same answers
    const ns = { ...pod, host: { kind: 'pod' as const, namespace: 'default', pod: 'ns', container: 'ns' } }
    expect(dnsSearch(ns, 'web', ['A'], 'musl')).toMatchObject({ ok: true, addrs: [ip], name: 'web.default.svc.cluster.local', aliases: [] })
    const node = { cluster: c, host: { kind: 'node' as const, node: 'node01' }, fs: s.fs }
    expect(resolveName(node, 'node02')).toEqual({ ok: true, ip: '172.18.0.4', name: 'node02' })
    expect(resolveName(node, 'web').ok).toBe(false)
    // CoreDNS gone: kube-proxy rejects, glibc gives up at once
    sh(s, 'kubectl -n kube-system scale deployment coredns --replicas=0')
    sh(s, 'sleep 40')
    expect(resolveName(pod, 'web')).toEqual({ ok: false, error: 'AGAIN' })
  })
})

describe('URLs', () => {
  it('splits scheme, host, port and path as curl does', () => {
    expect(parseUrl('web')).toEqual({ ok: true, url: { scheme: 'http', host: 'web', port: 80, explicitPort: false, path: '/' } })
    const u = parseUrl('https://10.96.0.1:6443/api?x=1#frag')
    expect(u).toEqual({ ok: true, url: { scheme: 'https', host: '10.96.0.1', port: 6443, explicitPort: true, path: '/api?x=1' } })
    expect(u.ok && hostHeader(u.url)).toBe('10.96.0.1:6443')
    expect(parseUrl('ftp://x')).toEqual({ ok: false, error: 'scheme', scheme: 'ftp' })
    expect(parseUrl('web:99999')).toEqual({ ok: false, error: 'port' })
  })
})
