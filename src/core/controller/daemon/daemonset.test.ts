import { describe, it, expect } from 'vitest'
import { createCluster } from '../../cluster/create.ts'
import type { KubeObject, Pod } from '../../api/types.ts'
import type { DaemonSetLike } from './types.ts'

const ds = (name: string, extra: Record<string, unknown> = {}, image = 'nginx:1.27'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }], ...extra } } },
})
const podsOf = (c: ReturnType<typeof createCluster>, d: KubeObject) =>
  (c.store.list('Pod', d.metadata.namespace) as Pod[]).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid))

describe('daemonset-controller', () => {
  it('runs kube-proxy as a kubeadm DaemonSet: one hostNetwork pod per node, owned, on the node IP', () => {
    const c = createCluster({ seed: 1 })
    const kp = c.store.get('DaemonSet', 'kube-system', 'kube-proxy') as DaemonSetLike
    expect(kp.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' })
    expect(kp.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' })
    const pods = podsOf(c, kp)
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['controlplane', 'node01', 'node02'])
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(p.status?.podIP).toBe(p.status?.hostIP)
      expect(p.metadata.labels?.['pod-template-generation']).toBe('1')
    }
    expect(kp.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 })
    expect(createCluster({ seed: 1 }).store.list('Pod', 'kube-system').map((p) => p.metadata.name)).toEqual(c.store.list('Pod', 'kube-system').map((p) => p.metadata.name))
  })

  it('skips the tainted control plane unless tolerated, honours nodeSelector, adds the daemon tolerations', () => {
    const c = createCluster({ seed: 2 })
    const a = c.store.create(ds('a', { hostNetwork: true }), { cause: 'test' })
    c.settle()
    const pa = podsOf(c, a)
    expect(pa.map((p) => p.spec.nodeName).sort()).toEqual(['node01', 'node02'])
    expect(pa[0].spec.tolerations?.map((t) => t.key)).toEqual(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable', 'node.kubernetes.io/network-unavailable'])
    const b = c.store.create(ds('b', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }), { cause: 'test' })
    const d = c.store.create(ds('d', { nodeSelector: { 'kubernetes.io/hostname': 'node02' } }), { cause: 'test' })
    c.settle()
    expect(podsOf(c, b)).toHaveLength(3)
    expect(podsOf(c, d).map((p) => p.spec.nodeName)).toEqual(['node02'])
    expect(c.store.get('DaemonSet', 'default', 'a')?.status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2 })
  })

  it('replaces a deleted pod and rolls a template change out node by node', () => {
    const c = createCluster({ seed: 3 })
    const a = c.store.create(ds('a'), { cause: 'test' })
    c.settle()
    const first = podsOf(c, a)
    c.store.delete('Pod', 'default', first[0].metadata.name, { cause: 'test' })
    c.settle()
    expect(podsOf(c, a)).toHaveLength(2)
    const cur = c.store.get('DaemonSet', 'default', 'a') as DaemonSetLike
    const next = structuredClone(cur)
    next.spec.template.spec.containers[0].image = 'nginx:1.28'
    c.store.update(next, { cause: 'test' })
    c.advance(60_000)
    const after = podsOf(c, a).filter((p) => !p.metadata.deletionTimestamp)
    expect(after.map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.28', 'nginx:1.28'])
    expect(after.every((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toBe(true)
    expect(c.store.get('DaemonSet', 'default', 'a')?.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2')
  })
})
