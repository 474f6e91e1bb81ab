// Deployment helpers after k/k pkg/controller/deployment/util: surge/unavailable from int-or-percent,
// template equality ignoring pod-template-hash, revision annotations, SetDeploymentCondition.

import type { Deployment, IntOrString, PodTemplateSpec, ReplicaSet } from '../../api/types.ts'
import { canonicalJSON } from '../hash.ts'

export const REVISION = 'deployment.kubernetes.io/revision'
export const DESIRED = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas'
export const HASH_LABEL = 'pod-template-hash'

/** annotations of a Deployment never copied to its ReplicaSets */
export const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history',
  DESIRED, MAX_REPLICAS, 'deprecated.deployment.rollback.to',
])

function scaled(v: IntOrString | undefined, def: string, total: number, roundUp: boolean): number {
  const x = v ?? def
  if (typeof x === 'number') return x
  const m = /^(\d+)%$/.exec(x)
  if (!m) return Number(x) || 0
  const f = (Number(m[1]) * total) / 100
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

const canon = new WeakMap<object, string>()
/** canonical text of a stored template (stored objects are replaced, never mutated, so identity caches) */
function canonicalTemplate(t: PodTemplateSpec): string {
  let s = canon.get(t)
  if (s === undefined) canon.set(t, (s = canonicalJSON(templateWithoutHash(t))))
  return s
}

export function sameTemplate(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return canonicalTemplate(a) === canonicalTemplate(b)
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
