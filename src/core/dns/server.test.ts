// The CoreDNS process in a pod: the cache's stale answers and TTL countdown in virtual time (plugin/cache),
// Corefile edits taking effect on restart or at the reload plugin's check, a bad Corefile crash-looping with
// CoreDNS's error in `kubectl logs`, REFUSED outside the server's zones, no listener on other ports, `log`.

import { describe, expect, it } from 'vitest'
import type { ConfigMap, Pod, Service } from '../api/types.ts'
import { createCluster } from '../cluster/create.ts'
import { apply, service } from '../cluster/testutil.ts'
import type { Cluster } from '../cluster/types.ts'
import { podLogs } from '../images/logs.ts'
import { ask, corednsPods, lines } from './testutil.ts'
import { corefile } from '../cluster/bootstrap-configs.ts'
import { configSha512 } from './process.ts'

function editCorefile(c: Cluster, edit: (s: string) => string): void {
  const cm = c.store.get('ConfigMap', 'kube-system', 'coredns') as ConfigMap
  c.store.update({ ...cm, data: { Corefile: edit(cm.data!.Corefile) } }, { cause: 'test' })
  c.settle()
}

function restartCoreDNS(c: Cluster): void {
  for (const p of corednsPods(c)) c.store.delete('Pod', 'kube-system', p.metadata.name, { cause: 'test' })
  c.settle()
  c.advance(5_000)
}

describe('CoreDNS server', () => {
  it('serves a changed Service stale from the cache until the entry expires, TTL counting down', () => {
    const c = createCluster()
    apply(c, service('web', { app: 'web' }, [{ port: 80, targetPort: 80, protocol: 'TCP' }]))
    const pod = corednsPods(c)[0]
    const first = ask(c, 'web.default.svc.cluster.local.', 'A', pod)
    const ip = first.answer[0].data
    expect([first.servedBy, first.answer[0].ttl]).toEqual(['kubernetes', 30])
    // the Service is recreated with another ClusterIP
    c.store.delete('Service', 'default', 'web', { cause: 'test' })
    apply(c, service('web', { app: 'web' }, [{ port: 80, targetPort: 80, protocol: 'TCP' }]))
    const fresh = (c.store.get('Service', 'default', 'web') as Service).spec.clusterIP
    expect(fresh).not.toBe(ip)
    c.advance(12_400)
    const stale = ask(c, 'web.default.svc.cluster.local.', 'A', pod)
    expect([stale.servedBy, stale.aa, stale.answer[0].data, stale.answer[0].ttl]).toEqual(['cache', true, ip, 18])
    // the other replica has its own cache: it answers the new address
    expect(ask(c, 'web.default.svc.cluster.local.', 'A', corednsPods(c)[1]).answer[0].data).toBe(fresh)
    c.advance(18_000)
    const after = ask(c, 'web.default.svc.cluster.local.', 'A', pod)
    expect([after.servedBy, after.answer[0].data, after.answer[0].ttl]).toEqual(['kubernetes', fresh, 30])
  })

  it('caps upstream TTLs to the cache maximum and caches denials', () => {
    const c = createCluster()
    const up = ask(c, 'kubernetes.io.', 'A')
    expect(lines(up.answer)).toEqual(['kubernetes.io.\t30\tIN\tA\t147.75.40.148'])
    expect([up.aa, up.ra, up.servedBy]).toEqual([false, true, 'forward'])
    const nx = ask(c, 'no-such-name.example.', 'A')
    expect([nx.rcode, nx.servedBy, nx.authority[0].ttl]).toEqual(['NXDOMAIN', 'forward', 30])
    c.advance(1_000)
    const again = ask(c, 'no-such-name.example.', 'A')
    expect([again.rcode, again.servedBy, again.authority[0].ttl]).toEqual(['NXDOMAIN', 'cache', 29])
  })

  it('kubectl logs of a healthy coredns pod: servers, the real SHA-512 of its Corefile, the banner', () => {
    const c = createCluster()
    const pod = corednsPods(c)[0]
    expect(podLogs(c, pod)).toBe(`.:53\n[INFO] plugin/reload: Running configuration SHA512 = ${configSha512(corefile('cluster.local'))}\nCoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n`)
  })

  it('a Corefile edit takes effect after the pods restart (no reload plugin)', () => {
    const c = createCluster()
    editCorefile(c, (s) => s.replace('    reload\n', ''))
    restartCoreDNS(c)
    expect(ask(c, 'kubernetes.default.svc.cluster.local.', 'A').answer[0].ttl).toBe(30)
    editCorefile(c, (s) => s.replace('ttl 30', 'ttl 7'))
    c.advance(120_000)
    expect(ask(c, 'kubernetes.default.svc.cluster.local.', 'A').answer[0].ttl).toBe(30)
    restartCoreDNS(c)
    expect(ask(c, 'kubernetes.default.svc.cluster.local.', 'A').answer[0].ttl).toBe(7)
  })

  it('the reload plugin adopts an edited Corefile at its next check (30 s +/- 15 s) and logs it', () => {
    const c = createCluster()
    const pod = corednsPods(c)[0]
    ask(c, 'kubernetes.default.svc.cluster.local.', 'A', pod)
    editCorefile(c, (s) => s.replace('ttl 30', 'ttl 7'))
    expect(ask(c, 'kubernetes.default.svc.cluster.local.', 'A', pod).answer[0].ttl).toBe(30)
    c.advance(46_000)
    const r = ask(c, 'kubernetes.default.svc.cluster.local.', 'A', pod)
    expect([r.answer[0].ttl, r.servedBy]).toEqual([7, 'kubernetes'])
    const log = podLogs(c, c.store.get('Pod', 'kube-system', pod.metadata.name) as Pod) ?? ''
    expect(log).toMatch(/\[INFO\] Reloading\n\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}\n\[INFO\] Reloading complete\n/)
  })

  it('a Corefile CoreDNS cannot load: the restarted pods crash-loop with the error in kubectl logs', () => {
    const c = createCluster()
    editCorefile(c, (s) => s.replace('    loop\n', '    loop\n    foward . 8.8.8.8\n'))
    restartCoreDNS(c)
    c.advance(30_000)
    const pod = c.store.get('Pod', 'kube-system', corednsPods(c)[0].metadata.name) as Pod
    const st = pod.status!.containerStatuses![0]
    expect(st.restartCount).toBeGreaterThan(0)
    expect(JSON.stringify(st.state) + JSON.stringify(st.lastState)).toContain('"exitCode":1')
    expect(podLogs(c, pod, undefined, true)).toBe("/etc/coredns/Corefile:18 - Error during parsing: Unknown directive 'foward'\n")
    const running = c.dns.serve({ namespace: 'kube-system', name: pod.metadata.name }, 53, { id: 1, question: { name: 'kubernetes.default.svc.cluster.local.', type: 'A' }, rd: true, clientIP: '10.244.1.2' })
    if (st.state.running) expect(running).toBeDefined()
    else expect(running).toBeUndefined()
  })

  it('REFUSED outside every server block zone, no listener on another port, log plugin lines', () => {
    const c = createCluster()
    editCorefile(c, (s) => s.replace('.:53 {', 'cluster.local:53 {').replace('    errors\n', '    errors\n    log\n'))
    restartCoreDNS(c)
    const pod = corednsPods(c)[0]
    const r = ask(c, 'www.google.com.', 'A', pod)
    expect([r.rcode, r.answer.length, r.aa]).toEqual(['REFUSED', 0, false])
    expect(c.dns.serve({ namespace: 'kube-system', name: pod.metadata.name }, 5353, { id: 1, question: { name: 'x.', type: 'A' }, rd: true, clientIP: '10.244.1.2' })).toBeUndefined()
    ask(c, 'kubernetes.default.svc.cluster.local.', 'A', pod)
    const log = podLogs(c, c.store.get('Pod', 'kube-system', pod.metadata.name) as Pod) ?? ''
    expect(log).toMatch(/\[INFO\] 10\.244\.1\.9:\d+ - \d+ "A IN kubernetes\.default\.svc\.cluster\.local\. udp 54 false 512" NOERROR qr,aa,rd 70 0\.\d+s\n$/)
  })
})
