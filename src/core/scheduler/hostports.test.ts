import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import type { Pod } from '../api/types.ts'

const hostNet = (name: string): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
})

describe('hostNetwork pods and host ports', () => {
  it('get the node IP, default hostPort to containerPort, and a third port-80 pod stays Pending (NodePorts filter)', () => {
    const c = createCluster({ seed: 5 })
    for (const n of ['a', 'b', 'c']) c.store.create(hostNet(n), { cause: 'test' })
    c.settle()
    const [a, b, third] = ['a', 'b', 'c'].map((n) => c.store.get('Pod', 'default', n) as Pod)
    expect(a.spec.containers[0].ports).toEqual([{ containerPort: 80, hostPort: 80, protocol: 'TCP' }])
    expect(a.spec.dnsPolicy).toBe('ClusterFirstWithHostNet')
    expect(new Set([a.spec.nodeName, b.spec.nodeName])).toEqual(new Set(['node01', 'node02']))
    for (const p of [a, b]) expect(p.status?.podIP).toBe(p.status?.hostIP)
    expect(third.spec.nodeName).toBeUndefined()
    expect(third.status?.conditions?.[0].message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.")
  })
})
