// replicaset-controller: keeps `spec.replicas` active pods for each ReplicaSet (pods it controls through
// an ownerReference), creating `<rs>-<5 chars>` pods from the template and deleting surplus ones in k/k's
// order (unscheduled, pending, not ready, ready the shortest, most restarts, newest first); writes status.

import type { Change } from '../../apiserver/store.ts'
import type { Pod, ReplicaSet } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { deepClone } from '../../util/clone.ts'
import { controllerUid, deletePod, isPodActive, isPodReady } from '../podcontrol.ts'
import { matchesSelector } from '../selector.ts'

/** Date.parse per distinct timestamp text (pods made in one second share one text; the cache stays small) */
const parsed = new Map<string, number>()
function parseTime(s: string): number {
  let t = parsed.get(s)
  if (t === undefined) {
    if (parsed.size >= 4096) parsed.clear()
    parsed.set(s, (t = Date.parse(s)))
  }
  return t
}

function readySince(p: Pod): number {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True')
  return c?.lastTransitionTime ? parseTime(c.lastTransitionTime) : Infinity
}
function restarts(p: Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((a, c) => Math.max(a, c.restartCount), 0)
}
const phaseRank = (p: Pod) => (p.status?.phase === 'Pending' || !p.status?.phase ? 0 : p.status.phase === 'Unknown' ? 1 : 2)

/** k/k ActivePodsWithRanks ordering: the pods to delete first come first. */
export function deletionOrder(a: Pod, b: Pod): number {
  const sa = a.spec.nodeName ? 1 : 0, sb = b.spec.nodeName ? 1 : 0
  if (sa !== sb) return sa - sb
  if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b)
  const ra = isPodReady(a) ? 1 : 0, rb = isPodReady(b) ? 1 : 0
  if (ra !== rb) return ra - rb
  if (ra && rb && readySince(a) !== readySince(b)) return readySince(b) - readySince(a)
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a)
  const ca = Date.parse(a.metadata.creationTimestamp ?? ''), cb = Date.parse(b.metadata.creationTimestamp ?? '')
  if (ca !== cb) return cb - ca
  return a.metadata.name < b.metadata.name ? 1 : -1
}

const CAUSE = 'controller:replicaset-controller'

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller'
  /** onChange reads changes of these kinds only */
  readonly watches = ['ReplicaSet', 'Pod']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'ReplicaSet') q.add(`${o.metadata.namespace}/${o.metadata.name}`)
    else if (o.kind === 'Pod') {
      const refs = o.metadata.ownerReferences, oldRefs = c.old?.metadata.ownerReferences
      for (const list of oldRefs === refs ? [refs] : [refs, oldRefs]) {
        const ref = list?.find((r) => r.controller && r.kind === 'ReplicaSet')
        if (ref) q.add(`${o.metadata.namespace}/${ref.name}`)
      }
    }
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const rs = this.ctx.store.get('ReplicaSet', ns, name) as ReplicaSet | undefined
    if (!rs || rs.metadata.deletionTimestamp) return
    const owned = this.ctx.informer.dependents(rs.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerUid(o) === rs.metadata.uid)
    const active = owned.filter(isPodActive)
    const want = rs.spec.replicas ?? 1
    const diff = active.length - want
    const src = { component: 'replicaset-controller' }
    const cause = CAUSE
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) {
        const tpl = rs.spec.template
        const pod: Pod = {
          apiVersion: 'v1', kind: 'Pod',
          metadata: {
            name: '', generateName: `${name}-`, namespace: ns,
            labels: deepClone(tpl.metadata?.labels ?? {}),
            ...(tpl.metadata?.annotations ? { annotations: deepClone(tpl.metadata.annotations) } : {}),
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
          },
          spec: deepClone(tpl.spec),
        }
        try {
          const created = this.ctx.store.create(pod, { cause, owned: true })
          this.ctx.recorder.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, src)
        } catch (e) {
          this.ctx.recorder.record(rs, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`, src)
          break
        }
      }
    } else if (diff > 0) {
      for (const p of [...active].sort(deletionOrder).slice(0, diff)) {
        deletePod(this.ctx.store, p, cause)
        this.ctx.recorder.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, src)
      }
    }
    const now = this.ctx.store.get('ReplicaSet', ns, name) as ReplicaSet
    const mine = this.ctx.informer.dependents(rs.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerUid(o) === rs.metadata.uid).filter(isPodActive)
    const ready = mine.filter(isPodReady).length
    const minReady = (rs.spec.minReadySeconds ?? 0) * 1000
    const t = this.ctx.clock.now()
    const available = mine.filter((p) => isPodReady(p) && readySince(p) + minReady <= t).length
    const labeled = mine.filter((p) => matchesSelector({ matchLabels: rs.spec.template.metadata?.labels ?? {} }, p.metadata.labels)).length
    const status: Record<string, number> = { replicas: mine.length }
    if (labeled) status.fullyLabeledReplicas = labeled
    if (ready) status.readyReplicas = ready
    if (available) status.availableReplicas = available
    status.observedGeneration = now.metadata.generation ?? 1
    this.ctx.store.updateStatus('ReplicaSet', ns, name, status, cause, undefined, true)
    if (minReady && ready > available) {
      const next = Math.min(...mine.filter((p) => isPodReady(p) && readySince(p) + minReady > t).map((p) => readySince(p) + minReady))
      this.ctx.manager.after(this.name, key, next)
    }
  }
}
