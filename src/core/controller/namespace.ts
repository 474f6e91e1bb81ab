// namespace controller (k/k pkg/controller/namespace): a Terminating namespace has its content deleted
// (workloads first, pods gracefully), and once nothing is left its `kubernetes` finalizer is removed and it goes.

import type { Change } from '../apiserver/store.ts'
import type { KubeObject, Pod } from '../api/types.ts'
import { RESOURCE_TYPES } from '../api/kinds.ts'
import type { Controller } from './manager.ts'
import type { ControllerContext } from './context.ts'
import { deletePod } from './podcontrol.ts'

const CAUSE = 'controller:namespace-controller'

/** Deletion order: owners before what they own, so nothing is re-created meanwhile; pods and events last. */
const FIRST = ['Deployment', 'ReplicaSet']
const LAST = ['Pod', 'Event']

function kindsInOrder(): string[] {
  const ns = RESOURCE_TYPES.filter((t) => t.namespaced).map((t) => t.kind)
  return [...FIRST, ...ns.filter((k) => !FIRST.includes(k) && !LAST.includes(k)), ...LAST]
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller'
  /** namespaces being terminated: their content's deletions wake the controller */
  private readonly terminating = new Set<string>()
  private readonly kinds = kindsInOrder()

  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Namespace') {
      if (c.type === 'DELETED') this.terminating.delete(o.metadata.name)
      else if (o.metadata.deletionTimestamp) {
        this.terminating.add(o.metadata.name)
        q.add(o.metadata.name)
      }
      return
    }
    if (c.type === 'DELETED' && this.terminating.size && o.metadata.namespace && this.terminating.has(o.metadata.namespace)) q.add(o.metadata.namespace)
  }

  reconcile(name: string): void {
    const store = this.ctx.store
    const ns = store.get('Namespace', undefined, name)
    if (!ns || !ns.metadata.deletionTimestamp) return
    let remaining = 0
    for (const kind of this.kinds) {
      for (const o of store.list(kind, name)) {
        remaining++
        if (o.metadata.deletionTimestamp) continue
        this.remove(o)
      }
    }
    if (remaining && this.kinds.some((k) => store.list(k, name).length)) return
    // finalize: the `kubernetes` finalizer comes off and the namespace is deleted
    store.delete('Namespace', undefined, name, { cause: CAUSE })
  }

  private remove(o: KubeObject): void {
    const store = this.ctx.store
    if (!store.get(o.kind, o.metadata.namespace, o.metadata.name)) return
    if (o.kind === 'Pod') deletePod(store, o as Pod, CAUSE)
    else store.delete(o.kind, o.metadata.namespace, o.metadata.name, { cause: CAUSE })
  }
}
