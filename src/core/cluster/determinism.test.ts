import { describe, it, expect } from 'vitest'
import { createCluster } from './create.ts'
import type { Service } from '../api/types.ts'

// Learners compare the same traffic in both proxy modes side by side: the same seed must give the same cluster.
describe('determinism across proxy modes', () => {
  it('gives the same ClusterIPs, uids and pod names in iptables and ipvs mode', () => {
    const shape = (mode: 'iptables' | 'ipvs') => {
      const c = createCluster({ seed: 7, proxyMode: mode })
      c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as Service, { cause: 'test' })
      c.settle()
      const svc = c.store.get('Service', 'default', 'web') as Service
      return [svc.spec.clusterIP, svc.metadata.uid, ...c.store.list('Pod').map((p) => p.metadata.name)]
    }
    expect(shape('ipvs')).toEqual(shape('iptables'))
  })
})
