// The API server's DELETE as a client sees it (k/k registry BeforeDelete + admission): graceful deletion of
// pods (deletionTimestamp, the kubelet finishes), namespaces that go Terminating for the namespace controller,
// objects with finalizers that wait for them, propagation policies, and the immortal namespaces.

import type { KubeObject, Pod } from '../api/types.ts'
import { qualifiedResource, typeForKind } from '../api/kinds.ts'
import { StatusError, newNotFound } from './errors.ts'
import type { Store } from './store.ts'

/** Namespaces the NamespaceLifecycle admission plugin never lets go (kube-apiserver's immortal set). */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public']

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan'

export interface DeleteOptions {
  cause: string
  /** DeleteOptions.gracePeriodSeconds: undefined uses the object's default (a pod's terminationGracePeriodSeconds) */
  gracePeriodSeconds?: number
  /** default Background; Foreground is treated as Background (the garbage collector runs in the same settle) */
  propagationPolicy?: PropagationPolicy
  dryRun?: boolean
}

/**
 * DELETE one object. Returns the object as the API answers: gone (deleted now) or still there with
 * metadata.deletionTimestamp (graceful pod deletion, Terminating namespace, pending finalizers).
 */
export function deleteObject(store: Store, kind: string, namespace: string | undefined, name: string, opts: DeleteOptions): { object: KubeObject; gone: boolean } {
  const t = typeForKind(kind)
  if (!t) throw new StatusError('NotFound', `the server could not find the requested resource (kind ${kind})`)
  const ns = t.namespaced ? namespace || 'default' : undefined
  if (kind === 'Namespace' && IMMORTAL_NAMESPACES.includes(name)) {
    throw new StatusError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' })
  }
  const obj = store.get(kind, ns, name)
  if (!obj) throw newNotFound(qualifiedResource(t), name)
  if (opts.dryRun) return { object: obj, gone: true }
  const cause = opts.cause
  if (kind === 'Pod') {
    const pod = obj as Pod
    const phase = pod.status?.phase
    const grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30
    // pod strategy CheckGracefulDelete: unscheduled or finished pods, and grace 0, go at once
    if (grace <= 0 || !pod.spec.nodeName || phase === 'Succeeded' || phase === 'Failed') {
      return { object: store.delete(kind, ns, name, { cause }), gone: true }
    }
    if (obj.metadata.deletionTimestamp) return { object: obj, gone: false }
    return { object: store.markForDeletion(kind, ns, name, grace, cause) ?? obj, gone: false }
  }
  if (kind === 'Namespace') {
    // the namespace registry: with spec.finalizers left, the namespace only goes Terminating
    if (obj.metadata.deletionTimestamp) return { object: obj, gone: false }
    const finalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []
    if (!finalizers.length) return { object: store.delete(kind, ns, name, { cause }), gone: true }
    store.markForDeletion(kind, ns, name, 0, cause)
    const marked = store.updateStatus(kind, ns, name, { ...(obj.status as object), phase: 'Terminating' }, cause)
    return { object: marked ?? obj, gone: false }
  }
  if (opts.propagationPolicy === 'Orphan') orphanDependents(store, obj, cause)
  if (obj.metadata.finalizers?.length) {
    return { object: store.markForDeletion(kind, ns, name, 0, cause) ?? obj, gone: false }
  }
  return { object: store.delete(kind, ns, name, { cause }), gone: true }
}

/** propagationPolicy=Orphan: the dependents lose their ownerReference to the deleted owner (the GC's orphan finalizer). */
function orphanDependents(store: Store, owner: KubeObject, cause: string): void {
  const uid = owner.metadata.uid
  if (!uid) return
  for (const kind of ['ReplicaSet', 'Pod', 'EndpointSlice', 'Endpoints']) {
    for (const o of store.list(kind, owner.metadata.namespace)) {
      const refs = o.metadata.ownerReferences
      if (!refs?.some((r) => r.uid === uid)) continue
      const rest = refs.filter((r) => r.uid !== uid)
      const next = { ...o, metadata: { ...o.metadata, ownerReferences: rest.length ? rest : undefined } }
      store.update(next, { cause: cause === 'kubectl' ? 'controller:garbagecollector' : cause })
    }
  }
}
