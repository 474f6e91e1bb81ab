// root-ca-cert-publisher (k/k pkg/controller/certificates/rootcacertpublisher): every Active namespace holds the
// ConfigMap `kube-root-ca.crt` with the cluster CA (`ca.crt`), which every pod's kube-api-access volume projects;
// deleting or editing it brings the controller's version back.

import type { Change } from '../../apiserver/store.ts'
import type { ConfigMap, Namespace } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { CLUSTER_CA_CRT } from '../../cluster/ca.ts'

const CAUSE = 'controller:root-ca-cert-publisher'
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt'
/** the annotation the publisher sets (k/k rootcacertpublisher: DescriptionAnnotation) */
const DESCRIPTION = 'kubernetes.io/description'
const DESCRIPTION_TEXT = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'

export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Namespace', 'ConfigMap']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Namespace' && c.type !== 'DELETED') q.add(o.metadata.name)
    else if (o.kind === 'ConfigMap' && o.metadata.name === ROOT_CA_CONFIGMAP) q.add(o.metadata.namespace ?? '')
  }

  reconcile(namespace: string): void {
    const store = this.ctx.store
    const ns = store.get('Namespace', undefined, namespace) as Namespace | undefined
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return
    const cm = store.get('ConfigMap', namespace, ROOT_CA_CONFIGMAP) as ConfigMap | undefined
    if (!cm) {
      store.create({
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION]: DESCRIPTION_TEXT } },
        data: { 'ca.crt': CLUSTER_CA_CRT },
      } as ConfigMap, { cause: CAUSE, owned: true })
      return
    }
    // the publisher owns the data: any other key or an edited certificate is replaced
    const data = cm.data ?? {}
    if (Object.keys(data).length === 1 && data['ca.crt'] === CLUSTER_CA_CRT && cm.metadata.annotations?.[DESCRIPTION]) return
    const next = { ...cm, metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION]: DESCRIPTION_TEXT } }, data: { 'ca.crt': CLUSTER_CA_CRT } }
    store.update(next, { cause: CAUSE, owned: true })
  }
}
