import { describe, it, expect } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { deleteObject } from '../apiserver/delete.ts'
import { StatusError } from '../apiserver/errors.ts'
import type { KubeObject } from '../api/types.ts'

const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
const cm = (name: string, namespace: string, generateName?: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(generateName ? { generateName } : {}) } }) as KubeObject

function thrown(f: () => unknown): StatusError {
  try {
    f()
  } catch (e) {
    if (e instanceof StatusError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('namespace lifecycle', () => {
  it('DELETE makes the namespace Terminating; the controller deletes its content and then the namespace', () => {
    const c = createCluster({ seed: 1 })
    c.store.create(ns('dev'), { cause: 'test' })
    c.store.create(cm('a', 'dev'), { cause: 'test' })
    c.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'dev' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } } } as KubeObject, { cause: 'test' })
    c.settle()
    expect(c.store.list('Pod', 'dev')).toHaveLength(2)
    const r = deleteObject(c.store, 'Namespace', undefined, 'dev', { cause: 'test' })
    expect(r.gone).toBe(false)
    expect(r.object.status).toEqual({ phase: 'Terminating' })
    expect(r.object.spec).toEqual({ finalizers: ['kubernetes'] })
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(0)
    c.settle()
    // workloads and config go at once; the sleeping pods take their grace period
    expect(c.store.list('ConfigMap', 'dev')).toEqual([])
    expect(c.store.list('Deployment', 'dev')).toEqual([])
    expect(c.store.list('ReplicaSet', 'dev')).toEqual([])
    expect(c.store.list('Pod', 'dev').map((p) => p.metadata.deletionTimestamp)).toEqual(['2026-01-01T00:00:30Z', '2026-01-01T00:00:30Z'])
    expect(c.store.get('Namespace', undefined, 'dev')).toBeDefined()
    const e = thrown(() => c.store.create(cm('', 'dev', 'gen-'), { cause: 'test' }))
    expect(e.reason).toBe('Forbidden')
    expect(e.message).toBe('configmaps "gen-" is forbidden: unable to create new content in namespace dev because it is being terminated')
    expect(e.details?.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace dev is being terminated', field: 'metadata.namespace' }])
    c.advance(29_000)
    expect(c.store.get('Namespace', undefined, 'dev')).toBeDefined()
    c.advance(1_000)
    expect(c.store.list('Pod', 'dev')).toEqual([])
    expect(c.store.get('Namespace', undefined, 'dev')).toBeUndefined()
    // and it can be made again
    c.store.create(ns('dev'), { cause: 'test' })
    expect(c.store.create(cm('a', 'dev'), { cause: 'test' }).metadata.name).toBe('a')
  })
  it('an empty namespace goes in the same settle; immortal namespaces are Forbidden', () => {
    const c = createCluster({ seed: 1 })
    c.store.create(ns('empty'), { cause: 'test' })
    deleteObject(c.store, 'Namespace', undefined, 'empty', { cause: 'test' })
    c.settle()
    expect(c.store.get('Namespace', undefined, 'empty')).toBeUndefined()
    for (const n of ['default', 'kube-system', 'kube-public']) {
      expect(thrown(() => deleteObject(c.store, 'Namespace', undefined, n, { cause: 'test' })).message).toBe(`namespaces "${n}" is forbidden: this namespace may not be deleted`)
    }
  })
  it('pods: unscheduled or grace 0 at once, otherwise Terminating; Orphan keeps the dependents', () => {
    const c = createCluster({ seed: 1 })
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '9'] }], terminationGracePeriodSeconds: 10 } } as KubeObject, { cause: 'test' })
    c.settle()
    const r = deleteObject(c.store, 'Pod', 'default', 'p', { cause: 'test' })
    expect([r.gone, r.object.metadata.deletionTimestamp]).toEqual([false, '2026-01-01T00:00:10Z'])
    expect(deleteObject(c.store, 'Pod', 'default', 'p', { cause: 'test', gracePeriodSeconds: 0 }).gone).toBe(true)
    expect(c.store.get('Pod', 'default', 'p')).toBeUndefined()
    c.store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as KubeObject, { cause: 'test' })
    c.settle()
    expect(deleteObject(c.store, 'ReplicaSet', 'default', 'rs', { cause: 'test', propagationPolicy: 'Orphan' }).gone).toBe(true)
    c.settle()
    const left = c.store.list('Pod', 'default')
    expect(left).toHaveLength(1)
    expect(left[0].metadata.ownerReferences).toBeUndefined()
  })
})
