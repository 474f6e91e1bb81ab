// deployment-controller: one ReplicaSet per pod template (`<deploy>-<pod-template-hash>`), rolling updates
// within maxSurge/maxUnavailable (or Recreate), revision annotations, history cleanup, and the Deployment's
// status with the Available/Progressing conditions and ScalingReplicaSet events as k/k words them.

import type { Change } from '../../apiserver/store.ts'
import type { Deployment, Pod, ReplicaSet } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { deepClone } from '../../util/clone.ts'
import { rfc3339 } from '../../util/clock.ts'
import { computePodTemplateHash } from '../hash.ts'
import { controllerUid } from '../podcontrol.ts'
import {
  DESIRED, HASH_LABEL, MAX_REPLICAS, REVISION, SKIP_COPY, fenceposts, revisionOf, sameTemplate, setCondition,
  type DeploymentCondition,
} from './util.ts'

const CAUSE = 'controller:deployment-controller'
const SRC = { component: 'deployment-controller' }
const spec = (rs: ReplicaSet) => rs.spec.replicas ?? 0
const avail = (rs: ReplicaSet) => rs.status?.availableReplicas ?? 0
const created = (rs: ReplicaSet) => rs.metadata.creationTimestamp ?? ''
// module-level helpers, not closures made per reconcile (tsx's keepNames turns each named closure into a
// defineProperty call, which showed in the bench)
/** the ReplicaSets other than newRS, oldest first */
const oldsOf = (all: ReplicaSet[], newRS: ReplicaSet | undefined) =>
  all.filter((rs) => rs !== newRS).sort((a, b) => (created(a) < created(b) ? -1 : created(a) > created(b) ? 1 : 0))
const sumOf = (all: ReplicaSet[], f: (rs: ReplicaSet) => number) => all.reduce((a, rs) => a + f(rs), 0)
const replicasOf = (rs: ReplicaSet) => rs.status?.replicas ?? 0
const readyOf = (rs: ReplicaSet) => rs.status?.readyReplicas ?? 0

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Deployment', 'ReplicaSet', 'Pod']
  /** the NewReplicaSetCreated condition of this reconcile, written with the status */
  private created: DeploymentCondition | undefined
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Deployment') q.add(`${o.metadata.namespace}/${o.metadata.name}`)
    else if (o.kind === 'ReplicaSet') {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment')
      if (ref) q.add(`${o.metadata.namespace}/${ref.name}`)
    } else if (o.kind === 'Pod' && c.type === 'DELETED') {
      // Recreate waits for old pods to be gone
      const rsRef = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet')
      const rs = rsRef && this.ctx.store.get('ReplicaSet', o.metadata.namespace, rsRef.name)
      const dRef = rs && rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment')
      if (dRef) q.add(`${o.metadata.namespace}/${dRef.name}`)
    }
  }

  private replicaSets(d: Deployment): ReplicaSet[] {
    return this.ctx.informer.dependents(d.metadata.uid)
      .filter((o): o is ReplicaSet => o.kind === 'ReplicaSet' && controllerUid(o) === d.metadata.uid)
      .map((o) => this.ctx.store.get('ReplicaSet', o.metadata.namespace, o.metadata.name) as ReplicaSet)
      .filter(Boolean)
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const d = this.ctx.store.get('Deployment', ns, name) as Deployment | undefined
    if (!d || d.metadata.deletionTimestamp) return
    let all = this.replicaSets(d)
    let newRS = all.find((rs) => sameTemplate(rs.spec.template, d.spec.template))
    const maxOldRev = Math.max(0, ...oldsOf(all, newRS).map(revisionOf))
    const [surge, unavailable] = fenceposts(d)
    const replicas = d.spec.replicas ?? 1
    if (d.spec.paused) { this.syncStatus(d, all, newRS, false); return }

    if (!newRS) {
      const current = all.reduce((a, rs) => a + spec(rs), 0)
      const isRecreate = d.spec.strategy?.type === 'Recreate'
      const activeOld = oldsOf(all, newRS).some((rs) => spec(rs) > 0)
      const count = !activeOld ? replicas : isRecreate ? 0 : Math.max(0, Math.min(replicas + surge - current, replicas))
      newRS = this.createRS(d, maxOldRev + 1, count, surge)
      if (!newRS) return
      all = [...all, newRS]
    } else if (revisionOf(newRS) <= maxOldRev || newRS.metadata.annotations?.[DESIRED] !== String(replicas)) {
      newRS = this.updateRS(newRS, (rs) => {
        if (revisionOf(rs) <= maxOldRev) rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), [REVISION]: String(maxOldRev + 1) }
        rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), [DESIRED]: String(replicas), [MAX_REPLICAS]: String(replicas + surge) }
      })
      all = all.map((rs) => (rs.metadata.uid === newRS!.metadata.uid ? newRS! : rs))
    }
    const nrs = newRS

    if (d.spec.strategy?.type === 'Recreate') {
      for (const rs of oldsOf(all, newRS)) if (spec(rs) > 0) this.scale(d, rs, 0, surge)
      const oldPods = oldsOf(all, newRS).some((rs) => this.ctx.informer.dependents(rs.metadata.uid).some((p): p is Pod => p.kind === 'Pod'))
      if (!oldPods && spec(nrs) !== replicas) this.scale(d, nrs, replicas, surge)
    } else {
      const oldList = oldsOf(all, newRS)
      if (oldList.every((rs) => spec(rs) === 0)) {
        if (spec(nrs) !== replicas) this.scale(d, nrs, replicas, surge)
      } else {
        // reconcileNewReplicaSet
        if (spec(nrs) > replicas) this.scale(d, nrs, replicas, surge)
        else {
          const total = this.fresh(all).reduce((a, rs) => a + spec(rs), 0)
          const up = Math.min(replicas + surge - total, replicas - spec(nrs))
          if (up > 0) this.scale(d, nrs, spec(nrs) + up, surge)
        }
        // reconcileOldReplicaSets
        const fresh = this.fresh(all)
        const n = fresh.find((rs) => rs.metadata.uid === nrs.metadata.uid)!
        const minAvailable = replicas - unavailable
        const allPods = fresh.reduce((a, rs) => a + spec(rs), 0)
        const newUnavailable = Math.max(0, spec(n) - avail(n))
        let maxScaledDown = allPods - minAvailable - newUnavailable
        if (maxScaledDown > 0) {
          for (const rs of fresh.filter((r) => r.metadata.uid !== nrs.metadata.uid)) {
            if (maxScaledDown <= 0) break
            const unhealthy = spec(rs) - avail(rs)
            if (spec(rs) === 0 || unhealthy <= 0) continue
            const down = Math.min(maxScaledDown, unhealthy)
            this.scale(d, rs, spec(rs) - down, surge)
            maxScaledDown -= down
          }
          const now = this.fresh(all)
          const available = now.reduce((a, rs) => a + avail(rs), 0)
          let total = available - minAvailable
          for (const rs of now.filter((r) => r.metadata.uid !== nrs.metadata.uid).sort((a, b) => (created(a) < created(b) ? -1 : 1))) {
            if (total <= 0) break
            if (spec(rs) === 0) continue
            const down = Math.min(spec(rs), total)
            this.scale(d, rs, spec(rs) - down, surge)
            total -= down
          }
        }
      }
    }
    all = this.fresh(all)
    this.cleanup(d, all.filter((rs) => rs.metadata.uid !== nrs.metadata.uid))
    this.syncStatus(d, this.fresh(all), all.find((rs) => rs.metadata.uid === nrs.metadata.uid), true)
  }

  private fresh(list: ReplicaSet[]): ReplicaSet[] {
    return list.map((rs) => this.ctx.store.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name) as ReplicaSet).filter(Boolean)
  }

  private createRS(d: Deployment, revision: number, count: number, surge: number): ReplicaSet | undefined {
    const hash = computePodTemplateHash(d.spec.template, (d.status as { collisionCount?: number } | undefined)?.collisionCount)
    const tpl = deepClone(d.spec.template)
    tpl.metadata = { ...(tpl.metadata ?? {}), labels: { ...(tpl.metadata?.labels ?? {}), [HASH_LABEL]: hash } }
    const annotations: Record<string, string> = {}
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) annotations[k] = v
    annotations[DESIRED] = String(d.spec.replicas ?? 1)
    annotations[MAX_REPLICAS] = String((d.spec.replicas ?? 1) + surge)
    annotations[REVISION] = String(revision)
    const sel = deepClone(d.spec.selector)
    sel.matchLabels = { ...(sel.matchLabels ?? {}), [HASH_LABEL]: hash }
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...(tpl.metadata.labels ?? {}) }, annotations,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: count, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector: sel, template: tpl },
    }
    let out: ReplicaSet
    try {
      out = this.ctx.store.create(rs, { cause: CAUSE, owned: true }) as ReplicaSet
    } catch {
      return undefined
    }
    const at = rfc3339(this.ctx.clock.now())
    this.created = { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'NewReplicaSetCreated', message: `Created new replica set "${out.metadata.name}"` }
    if (count > 0) this.ctx.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${out.metadata.name} to ${count}`, SRC)
    return out
  }

  private updateRS(rs: ReplicaSet, mutate: (rs: ReplicaSet) => void): ReplicaSet {
    const copy = deepClone(rs)
    mutate(copy)
    return this.ctx.store.update(copy, { cause: CAUSE, owned: true }) as ReplicaSet
  }

  private scale(d: Deployment, rs: ReplicaSet, to: number, surge: number): void {
    const cur = this.ctx.store.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name) as ReplicaSet | undefined
    if (!cur) return
    const from = spec(cur)
    if (from === to) return
    const replicas = d.spec.replicas ?? 1
    this.updateRS(cur, (x) => {
      x.spec.replicas = to
      x.metadata.annotations = { ...(x.metadata.annotations ?? {}), [DESIRED]: String(replicas), [MAX_REPLICAS]: String(replicas + surge) }
    })
    this.ctx.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${to} from ${from}`, SRC)
  }

  private cleanup(d: Deployment, olds: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10
    const dead = olds.filter((rs) => spec(rs) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b))
    for (const rs of dead.slice(0, Math.max(0, dead.length - limit))) {
      this.ctx.store.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name, { cause: CAUSE })
    }
  }

  private syncStatus(d0: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, rollout: boolean): void {
    const d = (this.ctx.store.get('Deployment', d0.metadata.namespace, d0.metadata.name) as Deployment | undefined) ?? d0
    const replicas = d.spec.replicas ?? 1
    const [, unavailable] = fenceposts(d)
    const available = sumOf(all, avail)
    const status: Record<string, unknown> = { observedGeneration: d.metadata.generation ?? 1 }
    const counts: [string, number][] = [
      ['replicas', sumOf(all, replicasOf)], ['updatedReplicas', newRS?.status?.replicas ?? 0], ['readyReplicas', sumOf(all, readyOf)],
      ['availableReplicas', available], ['unavailableReplicas', Math.max(0, sumOf(all, spec) - available)],
    ]
    for (const [k, v] of counts) if (v) status[k] = v
    const at = rfc3339(this.ctx.clock.now())
    let conds = (d.status?.conditions ?? []) as unknown as DeploymentCondition[]
    if (this.created) { conds = setCondition(conds, this.created); this.created = undefined }
    conds = available >= replicas - unavailable
      ? setCondition(conds, { type: 'Available', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' })
      : setCondition(conds, { type: 'Available', status: 'False', lastUpdateTime: at, lastTransitionTime: at, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' })
    if (rollout && newRS) {
      const complete = (newRS.status?.replicas ?? 0) === replicas && sumOf(all, replicasOf) === replicas && available === replicas
        && (newRS.status?.availableReplicas ?? 0) === replicas
      conds = complete
        ? setCondition(conds, { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` })
        : setCondition(conds, { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS.metadata.name}" is progressing.` })
    }
    status.conditions = conds
    const cc = (d.status as { collisionCount?: number } | undefined)?.collisionCount
    if (cc) status.collisionCount = cc
    const rev = newRS?.metadata.annotations?.[REVISION]
    const ann = rev && d.metadata.annotations?.[REVISION] !== rev ? { ...(d.metadata.annotations ?? {}), [REVISION]: rev } : undefined
    this.ctx.store.updateStatus('Deployment', d.metadata.namespace, d.metadata.name, status, CAUSE, ann, true)
  }
}
