// daemonset-controller (k/k pkg/controller/daemon): one pod per eligible node for every DaemonSet, pinned to
// its node by required node affinity and placed by the scheduler; pods on nodes that no longer qualify and
// extra or failed pods are deleted; template changes roll out node by node (RollingUpdate: maxUnavailable,
// maxSurge 0) or wait for deletions (OnDelete). Writes status and the controller's events.

import type { Change } from '../../apiserver/store.ts'
import type { Node, Pod } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { computePodTemplateHash } from '../hash.ts'
import { controllerUid, deletePod, isPodReady } from '../podcontrol.ts'
import type { DaemonSetLike, DaemonSetStatus } from './types.ts'
import { daemonPod, nodeShouldRun, targetNode } from './util.ts'

const CAUSE = 'controller:daemonset-controller'
const SOURCE = { component: 'daemonset-controller' }

function readySince(p: Pod): number {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True')
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : Infinity
}

/** maxUnavailable as a count of the desired nodes (a percentage rounds up, at least 1 when both are 0). */
export function maxUnavailableOf(ds: DaemonSetLike, desired: number): number {
  const v = ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1
  const n = typeof v === 'number' ? v : Math.ceil((Number(String(v).replace('%', '')) / 100) * desired)
  return Math.max(n, 0)
}

export class DaemonSetsController implements Controller {
  readonly name = 'daemonset-controller'
  /** onChange reads changes of these kinds only */
  readonly watches = ['DaemonSet', 'Node', 'Pod']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'DaemonSet') q.add(`${o.metadata.namespace}/${o.metadata.name}`)
    else if (o.kind === 'Node') {
      for (const ds of this.ctx.store.list('DaemonSet')) q.add(`${ds.metadata.namespace}/${ds.metadata.name}`)
    } else if (o.kind === 'Pod') {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'DaemonSet')
      if (ref) q.add(`${o.metadata.namespace}/${ref.name}`)
    }
  }

  private pods(ds: DaemonSetLike): Pod[] {
    return this.ctx.informer.dependents(ds.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerUid(o) === ds.metadata.uid)
  }

  private available(ds: DaemonSetLike, p: Pod, now: number): boolean {
    return isPodReady(p) && readySince(p) + (ds.spec.minReadySeconds ?? 0) * 1000 <= now
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const store = this.ctx.store
    const ds = store.get('DaemonSet', ns, name) as DaemonSetLike | undefined
    if (!ds || ds.metadata.deletionTimestamp) return
    const now = this.ctx.clock.now()
    const hash = computePodTemplateHash(ds.spec.template)
    const nodes = store.list('Node') as Node[]
    const byNode = new Map<string, Pod[]>()
    for (const p of this.pods(ds)) {
      const n = targetNode(p) ?? ''
      byNode.set(n, [...(byNode.get(n) ?? []), p])
    }
    const desiredNodes: string[] = []
    const create: string[] = []
    const remove: Pod[] = []
    const oldOnNode = new Map<string, Pod>()
    for (const node of nodes) {
      const n = node.metadata.name
      const pods = (byNode.get(n) ?? []).filter((p) => !p.metadata.deletionTimestamp)
      byNode.delete(n)
      if (!nodeShouldRun(ds, node)) { remove.push(...pods); continue }
      desiredNodes.push(n)
      // failed pods are deleted and replaced
      const failed = pods.filter((p) => p.status?.phase === 'Failed')
      remove.push(...failed)
      const live = pods.filter((p) => p.status?.phase !== 'Failed')
      if (!live.length) { create.push(n); continue }
      // more than one daemon pod on a node: keep the oldest
      const sorted = [...live].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name))
      remove.push(...sorted.slice(1))
      if (sorted[0].metadata.labels?.['controller-revision-hash'] !== hash) oldOnNode.set(n, sorted[0])
    }
    // pods for nodes that are gone
    for (const pods of byNode.values()) remove.push(...pods.filter((p) => !p.metadata.deletionTimestamp))
    // RollingUpdate: replace out-of-date pods while at most maxUnavailable nodes are without an available pod
    if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && oldOnNode.size) {
      let unavailable = 0
      for (const n of desiredNodes) {
        const live = (this.pods(ds)).filter((p) => targetNode(p) === n && !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed')
        if (!live.some((p) => this.available(ds, p, now))) unavailable++
      }
      let budget = maxUnavailableOf(ds, desiredNodes.length) - unavailable
      // unavailable old pods go first (they cost no availability), then available ones while the budget lasts
      const olds = [...oldOnNode.values()].sort((a, b) => Number(this.available(ds, a, now)) - Number(this.available(ds, b, now)))
      for (const p of olds) {
        if (!this.available(ds, p, now)) { remove.push(p); continue }
        if (budget <= 0) break
        budget--
        remove.push(p)
      }
    }
    for (const p of remove) {
      if (!store.get('Pod', ns, p.metadata.name)) continue
      deletePod(store, p, CAUSE)
      this.ctx.recorder.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE)
    }
    for (const n of create) {
      try {
        const pod = store.create(daemonPod(ds, n, hash), { cause: CAUSE, owned: true })
        this.ctx.recorder.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE)
      } catch (e) {
        this.ctx.recorder.record(ds, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`, SOURCE)
      }
    }
    this.writeStatus(ds, desiredNodes, hash, now, key)
  }

  private writeStatus(ds: DaemonSetLike, desiredNodes: string[], hash: string, now: number, key: string): void {
    const desired = new Set(desiredNodes)
    const live = this.pods(ds).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed')
    const nodesWith = (f: (p: Pod) => boolean) => new Set(live.filter(f).map((p) => targetNode(p) ?? '').filter((n) => desired.has(n))).size
    const scheduled = (p: Pod) => !!p.spec.nodeName
    const current = nodesWith(scheduled)
    const misscheduled = new Set(live.filter(scheduled).map((p) => p.spec.nodeName!).filter((n) => !desired.has(n))).size
    const ready = nodesWith((p) => scheduled(p) && isPodReady(p))
    const updated = nodesWith((p) => scheduled(p) && p.metadata.labels?.['controller-revision-hash'] === hash)
    const available = nodesWith((p) => scheduled(p) && this.available(ds, p, now))
    const status: DaemonSetStatus = {
      currentNumberScheduled: current, desiredNumberScheduled: desired.size, numberMisscheduled: misscheduled, numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1, updatedNumberScheduled: updated,
    }
    if (available) status.numberAvailable = available
    if (desired.size - available > 0) status.numberUnavailable = desired.size - available
    this.ctx.store.updateStatus('DaemonSet', ds.metadata.namespace, ds.metadata.name, status, CAUSE, undefined, true)
    const minReady = (ds.spec.minReadySeconds ?? 0) * 1000
    if (minReady) {
      const due = live.filter((p) => isPodReady(p) && readySince(p) + minReady > now).map((p) => readySince(p) + minReady)
      if (due.length) this.ctx.manager.after(this.name, key, Math.min(...due))
    }
  }
}
