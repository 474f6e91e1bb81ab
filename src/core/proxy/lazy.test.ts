import { describe, it, expect } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import type { Service } from '../api/types.ts'

const web = (ip: string): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: ip, selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] } })
const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', metadata: { name: 'web-manual', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } }, endpoints: [{ addresses: ['10.244.1.5'], nodeName: 'node01' }], ports: [{ port: 80, protocol: 'TCP' }] }

describe('lazy kube-proxy sync', () => {
  it('a settle only notes the change; reading the node through cluster.network syncs it, dated when it was due', () => {
    const c = createCluster({ seed: 7 })
    const raw = (c.proxy as unknown as { o: { netns(n: string): { netfilter: { table(t: string): { chains: Map<string, unknown> } } } } }).o
    c.store.create(web('10.96.100.100') as never, { cause: 'kubectl' })
    c.store.create(slice as never, { cause: 'kubectl' })
    c.settle()
    const due = c.clock.now()
    const hasWeb = () => [...raw.netns('node02').netfilter.table('nat').chains.keys()].some((k) => k.startsWith('KUBE-SEP-'))
    const before = hasWeb()
    c.advance(60_000)
    expect(c.proxy.status('node02').lastSync).toBe(due)
    expect(hasWeb()).toBe(before)
    const save = c.network.netns('node02')!.netfilter.save({ table: 'nat' })
    expect(save).toContain('-A KUBE-SEP-')
    expect(save).toContain('--to-destination 10.244.1.5:80')
    expect(c.proxy.status('node02').lastSync).toBe(due)
    // nodes() syncs every node; a pod's namespace holds no kube-proxy rules and syncs nothing
    expect(c.network.nodes().every((ns) => ns.netfilter.save({ table: 'nat' }).includes('10.244.1.5:80'))).toBe(true)
  })

  it('nodes share the rule arrays of identical service ports, so their parsed rules are the same objects', () => {
    const c = createCluster({ seed: 8 })
    c.store.create(web('10.96.100.101') as never, { cause: 'kubectl' })
    c.store.create(slice as never, { cause: 'kubectl' })
    c.settle()
    const rules = (node: string) => c.network.netns(node)!.netfilter.table('nat').chains.get('KUBE-SERVICES')!.rules
    const a = rules('controlplane'), b = rules('node01')
    expect(a.length).toBe(b.length)
    expect(a.length).toBeGreaterThan(2)
    a.forEach((r, i) => expect(r.spec).toBe(b[i].spec))
    expect(a[0]).not.toBe(b[0])
  })

  it('stopping a proxy writes what it had seen; after that nothing syncs', () => {
    const c = createCluster({ profile: 'binary', seed: 9 })
    const node = 'k8s-node01'
    c.store.create(web('10.0.0.123') as never, { cause: 'kubectl' })
    c.settle()
    c.proxy.stop(node)
    // no endpoints: the filter table's REJECT rule
    expect(c.network.netns(node)!.netfilter.save()).toContain('-A KUBE-SERVICES -d 10.0.0.123/32 -p tcp -m comment --comment "default/web has no endpoints"')
    c.store.delete('Service', 'default', 'web', { cause: 'kubectl' })
    c.settle()
    expect(c.network.netns(node)!.netfilter.save()).toContain('10.0.0.123/32')
    expect(c.network.netns('k8s-node02')!.netfilter.save()).not.toContain('10.0.0.123/32')
  })
})
