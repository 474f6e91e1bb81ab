// garbagecollector: when an owner is deleted, its dependents go too (background cascade), unless another
// owner of theirs still exists. Pods are deleted gracefully (Terminating), other kinds at once. Owners of
// kinds the lab does not serve (DaemonSet, Node for mirror pods) are never checked for absence.

import type { Change } from '../../apiserver/store.ts'
import type { KubeObject, Pod } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { deletePod } from '../podcontrol.ts'
import { typeForKind } from '../../api/kinds.ts'

const CAUSE = 'controller:garbage-collector-controller'

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller'
  /** uids of owners deleted, whose dependents are still to collect */
  private readonly gone = new Set<string>()
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    if (c.type !== 'DELETED' || !c.object.metadata.uid) return
    if (c.object.kind === 'Event') return
    this.gone.add(c.object.metadata.uid)
    q.add(c.object.metadata.uid)
  }

  reconcile(uid: string): void {
    for (const dep of this.ctx.informer.dependents(uid)) {
      const live = (dep.metadata.ownerReferences ?? []).some((r) => r.uid !== uid && !this.gone.has(r.uid) && this.ownerExists(dep, r))
      if (live) continue
      const cur = this.ctx.store.get(dep.kind, dep.metadata.namespace, dep.metadata.name)
      if (!cur || cur.metadata.uid !== dep.metadata.uid) continue
      if (cur.kind === 'Pod') deletePod(this.ctx.store, cur as Pod, CAUSE)
      else this.ctx.store.delete(cur.kind, cur.metadata.namespace, cur.metadata.name, { cause: CAUSE })
    }
  }

  private ownerExists(dep: KubeObject, r: { kind: string; name: string; uid: string }): boolean {
    if (!typeForKind(r.kind)) return true
    const o = this.ctx.store.get(r.kind, dep.metadata.namespace, r.name)
    return !!o && o.metadata.uid === r.uid
  }
}
