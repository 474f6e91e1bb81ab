// Deleting pods the way the API server does for a DELETE with the default grace period: pods bound to a
// node get deletionTimestamp (Terminating) and their kubelet finishes the job; others go at once.

import type { Pod } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'

export function deletePod(store: Store, pod: Pod, cause: string): void {
  const ns = pod.metadata.namespace
  if (!store.get('Pod', ns, pod.metadata.name)) return
  const phase = pod.status?.phase
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') {
    store.delete('Pod', ns, pod.metadata.name, { cause })
    return
  }
  if (pod.metadata.deletionTimestamp) return
  store.markForDeletion('Pod', ns, pod.metadata.name, pod.spec.terminationGracePeriodSeconds ?? 30, cause)
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
}

export function isPodActive(pod: Pod): boolean {
  const ph = pod.status?.phase
  return ph !== 'Succeeded' && ph !== 'Failed' && !pod.metadata.deletionTimestamp
}

/** A controller ownerReference's uid, if any. */
export function controllerUid(o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } }): string | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller)?.uid
}
