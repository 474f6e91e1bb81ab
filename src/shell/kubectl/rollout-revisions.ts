// A Deployment's revisions: its ReplicaSets and their deployment.kubernetes.io/revision annotations
// (deploymentutil as kubectl rollout history/undo read them).

import type { Deployment, ReplicaSet, KubeObject } from '../../core/api/types.ts'
import type { Store } from '../../core/apiserver/store.ts'

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause'

export interface Revision { revision: number; rs: ReplicaSet }

export function ownedReplicaSets(store: Store, d: Deployment): ReplicaSet[] {
  return (store.list('ReplicaSet', d.metadata.namespace) as ReplicaSet[]).filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((r) => r.kind === 'Deployment' && r.controller && (r.uid === d.metadata.uid || r.name === d.metadata.name)),
  )
}

/** Revisions sorted ascending. */
export function revisions(store: Store, d: Deployment): Revision[] {
  return ownedReplicaSets(store, d)
    .map((rs) => ({ revision: Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0), rs }))
    .filter((r) => r.revision > 0)
    .sort((a, b) => a.revision - b.revision)
}

export function isDeployment(o: KubeObject): o is Deployment {
  return o.kind === 'Deployment'
}
