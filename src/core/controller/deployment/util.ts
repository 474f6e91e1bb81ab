// Deployment helpers after k/k pkg/controller/deployment/util: surge/unavailable from int-or-percent,
// template equality ignoring pod-template-hash, revision annotations, SetDeploymentCondition.

import type { Deployment, IntOrString, PodTemplateSpec, ReplicaSet } from '../../api/types.ts'
import { canonicalEqual } from '../../util/equal.ts'

export const REVISION = 'deployment.kubernetes.io/revision'
export const DESIRED = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas'
export const HASH_LABEL = 'pod-template-hash'

/** annotations of a Deployment never copied to its ReplicaSets */
export const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history',
  DESIRED, MAX_REPLICAS, 'deprecated.deployment.rollback.to',
])

/** the percent of an int-or-percent string (`25%` -> 25), null when it is not one; kept per distinct text */
const percents = new Map<string, number | null>()
function percentOf(x: string): number | null {
  let p = percents.get(x)
  if (p === undefined) {
    const m = /^(\d+)%$/.exec(x)
    p = m ? Number(m[1]) : null
    if (percents.size < 1000) percents.set(x, p)
  }
  return p
}

function scaled(v: IntOrString | undefined, def: string, total: number, roundUp: boolean): number {
  const x = v ?? def
  if (typeof x === 'number') return x
  const pct = percentOf(x)
  if (pct === null) return Number(x) || 0
  const f = (pct * total) / 100
  return roundUp ? Math.ceil(f) : Math.floor(f)
}

/** [maxSurge, maxUnavailable] as k/k ResolveFenceposts computes them. */
export function fenceposts(d: Deployment): [number, number] {
  const replicas = d.spec.replicas ?? 1
  if (d.spec.strategy?.type === 'Recreate') return [0, 0]
  const ru = d.spec.strategy?.rollingUpdate
  const surge = scaled(ru?.maxSurge, '25%', replicas, true)
  let unavailable = scaled(ru?.maxUnavailable, '25%', replicas, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return [surge, Math.min(unavailable, replicas)]
}

export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0
}

export function templateWithoutHash(t: PodTemplateSpec): unknown {
  const labels = { ...(t.metadata?.labels ?? {}) }
  delete labels[HASH_LABEL]
  return { ...t, metadata: { ...(t.metadata ?? {}), labels } }
}

const compared = new WeakMap<object, { other: object; same: boolean }>()

/**
 * Equal ignoring pod-template-hash, as their canonical JSON texts would compare (no text is built). The last
 * answer per template object is kept: stored objects are replaced, never mutated, and status writes keep spec.
 */
export function sameTemplate(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  if (a === b) return true
  const hit = compared.get(a)
  if (hit && hit.other === b) return hit.same
  const same = canonicalEqual(templateWithoutHash(a), templateWithoutHash(b))
  compared.set(a, { other: b, same })
  return same
}

export interface DeploymentCondition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  lastUpdateTime: string
  lastTransitionTime: string
  reason: string
  message: string
}

/** k/k SetDeploymentCondition: same status+reason keeps the old one; a status change moves it to the end. */
export function setCondition(list: DeploymentCondition[], c: DeploymentCondition): DeploymentCondition[] {
  const cur = list.find((x) => x.type === c.type)
  if (cur && cur.status === c.status && cur.reason === c.reason) return list
  const next = { ...c }
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime
  return [...list.filter((x) => x.type !== c.type), next]
}
