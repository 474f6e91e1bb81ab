// The stub resolver: hosts files, cluster records through the search list, only in ClusterFirst pods with DNS.
import { describe, it, expect } from 'vitest'
import { lookupHosts, clusterRecord, resolveName, isIPv4 } from './resolve.ts'
import { parseUrl, hostHeader } from './url.ts'
import { podsShell, sh } from './testing.ts'
import type { Service } from '../../core/api/types.ts'

describe('stub resolver', () => {
  it('reads hosts files', () => {
    const hosts = '127.0.0.1\tlocalhost\n# 1.2.3.4 commented\n10.0.0.5 node01 node01.lab\n'
    expect([lookupHosts(hosts, 'localhost'), lookupHosts(hosts, 'NODE01.lab'), lookupHosts(hosts, 'commented')]).toEqual(['127.0.0.1', '10.0.0.5', undefined])
    expect([isIPv4('10.96.0.1'), isIPv4('10.96.0.256'), isIPv4('web')]).toEqual([true, false, false])
  })

  it('answers Service names through the search list in ClusterFirst pods only', () => {
    const s = podsShell()
    const c = s.cluster
    const ip = (c.store.get('Service', 'default', 'web') as Service).spec.clusterIP
    expect(clusterRecord(c, 'web.default.svc.cluster.local')).toBe(ip)
    expect(clusterRecord(c, 'nosuch.default.svc.cluster.local')).toBeUndefined()
    expect(clusterRecord(c, '10-244-1-5.default.pod.cluster.local')).toBe('10.244.1.5')
    const pod = { cluster: c, host: { kind: 'pod' as const, namespace: 'default', pod: 'box', container: 'box' }, fs: s.fs }
    for (const n of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) expect(resolveName(pod, n)).toEqual({ ok: true, ip, name: 'web.default.svc.cluster.local' })
    expect(resolveName(pod, 'web.other')).toEqual({ ok: false })
    const node = { cluster: c, host: { kind: 'node' as const, node: 'node01' }, fs: s.fs }
    expect(resolveName(node, 'web')).toEqual({ ok: false })
    expect(resolveName(node, 'node02')).toEqual({ ok: true, ip: '172.18.0.4', name: 'node02' })
    // without DNS endpoints, no cluster names
    sh(s, 'kubectl -n kube-system scale deployment coredns --replicas=0')
    sh(s, 'sleep 40')
    expect(resolveName(pod, 'web')).toEqual({ ok: false })
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
