import { describe, it, expect } from 'vitest'
import { createCluster } from '../../cluster/create.ts'
import type { ConfigMap } from '../../api/types.ts'
import { CLUSTER_CA_CRT } from '../../cluster/ca.ts'

describe('root-ca-cert-publisher', () => {
  it('keeps kube-root-ca.crt with the cluster CA in every namespace and restores it after edits', () => {
    const c = createCluster({ seed: 1 })
    expect(c.store.list('ConfigMap').filter((m) => m.metadata.name === 'kube-root-ca.crt').map((m) => m.metadata.namespace))
      .toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system'])
    c.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, { cause: 'test' })
    c.settle()
    const cm = c.store.get('ConfigMap', 'dev', 'kube-root-ca.crt') as ConfigMap
    expect(cm.data).toEqual({ 'ca.crt': CLUSTER_CA_CRT })
    expect(cm.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/)
    expect(CLUSTER_CA_CRT).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/)
    c.store.update({ ...cm, data: { 'ca.crt': 'edited', extra: 'x' } } as ConfigMap, { cause: 'test' })
    c.settle()
    expect((c.store.get('ConfigMap', 'dev', 'kube-root-ca.crt') as ConfigMap).data).toEqual({ 'ca.crt': CLUSTER_CA_CRT })
    c.store.delete('ConfigMap', 'dev', 'kube-root-ca.crt', { cause: 'test' })
    c.settle()
    expect(c.store.get('ConfigMap', 'dev', 'kube-root-ca.crt')).toBeDefined()
  })
})
