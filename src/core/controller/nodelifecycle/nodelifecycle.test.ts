import { describe, it, expect } from 'vitest'
import type { Node, Pod } from '../../api/types.ts'
import { createCluster } from '../../cluster/create.ts'
import { nodeMachines } from '../../kubelet/heartbeat.ts'
import { evictionTime, toleratesTaint, NODE_MONITOR_GRACE_MS } from './nodelifecycle.ts'

const unreachable = (timeAdded: string) => ({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded })

describe('taint eviction', () => {
  it('tolerations match as v1 Toleration.ToleratesTaint', () => {
    expect(toleratesTaint({ operator: 'Exists' }, { key: 'a', effect: 'NoExecute' })).toBe(true)
    expect(toleratesTaint({ key: 'a', operator: 'Exists', effect: 'NoSchedule' }, { key: 'a', effect: 'NoExecute' })).toBe(false)
    expect(toleratesTaint({ key: 'a', value: 'x' }, { key: 'a', value: 'x', effect: 'NoExecute' })).toBe(true)
    expect(toleratesTaint({ key: 'a', value: 'y' }, { key: 'a', value: 'x', effect: 'NoExecute' })).toBe(false)
  })
  it('deletes at timeAdded + tolerationSeconds, at once without a toleration, never when tolerated forever', () => {
    const pod = (tolerations: Pod['spec']['tolerations']) => ({ spec: { containers: [], tolerations } }) as unknown as Pod
    const t0 = Date.parse('2026-01-01T00:00:00Z')
    const taints = [unreachable('2026-01-01T00:00:00Z')]
    expect(evictionTime(pod([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]), taints, t0 + 5)).toBe(t0 + 300_000)
    expect(evictionTime(pod([]), taints, t0 + 5)).toBe(t0 + 5)
    expect(evictionTime(pod([{ operator: 'Exists', effect: 'NoExecute' }]), taints, t0 + 5)).toBeUndefined()
  })
})

describe('node lifecycle controller', () => {
  it('a stopped kubelet: Unknown after 40 s, taints, pods NotReady; started again: Ready, taints gone', () => {
    const c = createCluster({ seed: 4 })
    const m = nodeMachines(c.store)!
    m.stopKubelet('node02')
    c.advance(NODE_MONITOR_GRACE_MS - 1000)
    const node = () => c.store.get('Node', undefined, 'node02') as Node
    expect(node().status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('True')
    c.advance(1000)
    expect(node().status!.conditions!.map((x) => `${x.type}=${x.status}`)).toEqual(['MemoryPressure=Unknown', 'DiskPressure=Unknown', 'PIDPressure=Unknown', 'Ready=Unknown'])
    expect(node().spec.taints!.map((t) => t.effect)).toEqual(['NoExecute', 'NoSchedule'])
    const proxy = (c.store.list('Pod', 'kube-system') as Pod[]).find((p) => p.spec.nodeName === 'node02')!
    expect(proxy.status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('False')
    // a DaemonSet pod tolerates unreachable forever: still there after 10 minutes
    c.advance(600_000)
    expect(c.store.get('Pod', 'kube-system', proxy.metadata.name)!.metadata.deletionTimestamp).toBeUndefined()
    m.startKubelet('node02')
    c.settle()
    expect(node().status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' })
    expect(node().spec.taints).toBeUndefined()
    expect((c.store.get('Pod', 'kube-system', proxy.metadata.name) as Pod).status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('True')
  })
})
