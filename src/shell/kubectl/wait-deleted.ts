// kubectl's wait for deletion (`delete --wait`, kubectl wait --for=delete): virtual time runs on, from one
// due timer to the next (kubelet grace periods, namespace finalization), until every object is gone or the
// timeout passes (`timed out waiting for the condition on pods/x`).

import type { Cluster } from '../../core/cluster/types.ts'
import type { ResourceType } from '../../core/api/kinds.ts'
import { runtimeOf } from '../../core/cluster/runtime.ts'

export interface Awaited {
  type: ResourceType
  namespace: string | undefined
  name: string
  uid: string | undefined
}

/** kubectl delete's default timeout (--timeout=0s): "wait forever", a week. */
export const WAIT_FOREVER_MS = 168 * 3600_000

function gone(cluster: Cluster, a: Awaited): boolean {
  const o = cluster.store.get(a.type.kind, a.namespace, a.name)
  return !o || (a.uid !== undefined && o.metadata.uid !== a.uid)
}

/**
 * Advance virtual time until all objects are gone. Returns the error lines for objects still there at the
 * timeout (empty when everything went, or when nothing is scheduled that could remove them and no timeout was given).
 */
export function waitForDeletion(cluster: Cluster, objects: Awaited[], timeoutMs: number): string[] {
  const start = cluster.clock.now()
  const deadline = start + (timeoutMs > 0 ? timeoutMs : WAIT_FOREVER_MS)
  let left = objects.filter((a) => !gone(cluster, a))
  const manager = runtimeOf(cluster)?.manager
  for (let i = 0; left.length && i < 100_000; i++) {
    const now = cluster.clock.now()
    if (now >= deadline) break
    const next = manager?.nextTimer()
    // nothing scheduled: nothing will change. The real kubectl would wait a week (until Ctrl-C); the lab
    // returns at once then, and honours an explicit --timeout by letting it pass.
    if (next === undefined && timeoutMs <= 0) return []
    const step = next === undefined ? deadline - now : Math.min(Math.max(next - now, 0), deadline - now)
    cluster.advance(step)
    left = left.filter((a) => !gone(cluster, a))
  }
  return left.map((a) => `timed out waiting for the condition on ${a.type.plural}/${a.name}`)
}
