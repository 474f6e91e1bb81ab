import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { apply, deployment, events, podsOf } from '../cluster/testutil.ts'
import type { Node, Pod } from '../api/types.ts'
import { failedSchedulingMessage } from './scheduler.ts'

const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: name } },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
})

describe('scheduler', () => {
  it('never uses the tainted control plane and spreads pods evenly over the workers', () => {
    const c = createCluster({ seed: 21 })
    apply(c, deployment('web', 6))
    const byNode = new Map<string, number>()
    for (const p of podsOf(c, 'web')) byNode.set(p.spec.nodeName!, (byNode.get(p.spec.nodeName!) ?? 0) + 1)
    expect([...byNode].sort()).toEqual([['node01', 3], ['node02', 3]])
  })

  it('places a pod that tolerates the taint and selects the control plane there', () => {
    const c = createCluster({ seed: 22 })
    apply(c, pod('cp', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    }))
    const p = c.store.get('Pod', 'default', 'cp') as Pod
    expect(p.spec.nodeName).toBe('controlplane')
    expect(p.status!.podIP).toMatch(/^10\.244\.0\./)
  })

  it('leaves an unschedulable pod Pending with the real FailedScheduling text', () => {
    const c = createCluster({ seed: 23 })
    apply(c, pod('lost', { nodeSelector: { disktype: 'ssd' } }))
    const p = c.store.get('Pod', 'default', 'lost') as Pod
    const msg = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    expect(p.status!.phase).toBe('Pending')
    expect(p.status!.conditions).toEqual([{ lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', message: msg, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }])
    expect(events(c, 'lost')).toEqual([`Warning FailedScheduling ${msg}`])
    // a node gaining the label lets it schedule
    const n = structuredClone(c.store.get('Node', undefined, 'node02')) as Node
    n.metadata.labels!.disktype = 'ssd'
    c.store.update(n, { cause: 'test' })
    c.settle()
    expect((c.store.get('Pod', 'default', 'lost') as Pod).spec.nodeName).toBe('node02')
  })

  it('words a full cluster like k/k (Too many pods, no preemption victims)', () => {
    expect(failedSchedulingMessage(3, new Map([['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', 1], ['Too many pods', 2]])))
      .toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.')
  })

  it('honours spec.nodeName without a Scheduled event', () => {
    const c = createCluster({ seed: 24 })
    apply(c, pod('pinned', { nodeName: 'node01' }))
    const p = c.store.get('Pod', 'default', 'pinned') as Pod
    expect(p.status!.phase).toBe('Running')
    expect(events(c, 'pinned').some((e) => e.includes('Scheduled'))).toBe(false)
  })
})
