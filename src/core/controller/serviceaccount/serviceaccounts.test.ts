import { describe, it, expect } from 'vitest'
import { createCluster } from '../../cluster/create.ts'

describe('serviceaccount-controller', () => {
  it('keeps a default ServiceAccount in every namespace, without token Secrets', () => {
    const c = createCluster({ seed: 1 })
    expect(c.store.list('ServiceAccount').map((s) => `${s.metadata.namespace}/${s.metadata.name}`))
      .toEqual(['default/default', 'kube-flannel/default', 'kube-flannel/flannel', 'kube-node-lease/default', 'kube-public/default', 'kube-system/coredns', 'kube-system/default', 'kube-system/kube-proxy'])
    c.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, { cause: 'test' })
    c.settle()
    expect(c.store.get('ServiceAccount', 'dev', 'default')).toBeDefined()
    expect(c.store.list('Secret', 'dev')).toEqual([])
    const uid = c.store.get('ServiceAccount', 'dev', 'default')!.metadata.uid
    c.store.delete('ServiceAccount', 'dev', 'default', { cause: 'test' })
    c.settle()
    expect(c.store.get('ServiceAccount', 'dev', 'default')?.metadata.uid).not.toBe(uid)
  })
})
