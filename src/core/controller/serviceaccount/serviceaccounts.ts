// serviceaccount-controller (k/k pkg/controller/serviceaccount ServiceAccountsController): every Active
// namespace has a `default` ServiceAccount; deleting it brings a new one. Since v1.24 no token Secret is made.

import type { Change } from '../../apiserver/store.ts'
import type { Namespace } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'

const CAUSE = 'controller:serviceaccount-controller'
/** the accounts the controller keeps in every namespace (its --service-account-names default) */
export const DEFAULT_SERVICE_ACCOUNTS = ['default']

export class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccount-controller'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Namespace', 'ServiceAccount']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Namespace' && c.type !== 'DELETED') q.add(o.metadata.name)
    else if (o.kind === 'ServiceAccount' && c.type === 'DELETED' && DEFAULT_SERVICE_ACCOUNTS.includes(o.metadata.name)) q.add(o.metadata.namespace ?? '')
  }

  reconcile(namespace: string): void {
    const store = this.ctx.store
    const ns = store.get('Namespace', undefined, namespace) as Namespace | undefined
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return
    for (const name of DEFAULT_SERVICE_ACCOUNTS) {
      if (store.get('ServiceAccount', namespace, name)) continue
      store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } }, { cause: CAUSE, owned: true })
    }
  }
}
