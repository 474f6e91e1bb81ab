// The control-plane mirror pods of a kubeadm cluster: the kubelet of a control-plane node runs the static
// pods in /etc/kubernetes/manifests and keeps a mirror pod of each in the API (deleting one brings it back).
// kube-proxy is a real DaemonSet (daemonset.ts), created at bootstrap.

import type { Change } from '../../apiserver/store.ts'
import type { Node, Pod } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { staticPods } from '../../cluster/bootstrap-pods.ts'

export class SystemPodsController implements Controller {
  readonly name = 'mirror-pods'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Node', 'Pod']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Node' && c.type !== 'MODIFIED') q.add(o.metadata.name)
    else if (o.kind === 'Pod' && c.type === 'DELETED' && o.metadata.namespace === 'kube-system') {
      const node = (o as Pod).spec?.nodeName
      if (node && o.metadata.ownerReferences?.some((r) => r.kind === 'Node')) q.add(node)
    }
  }

  reconcile(nodeName: string): void {
    const node = this.ctx.store.get('Node', undefined, nodeName) as Node | undefined
    const spec = this.ctx.profile.nodes.find((n) => n.name === nodeName)
    if (!node || !spec?.controlPlane) return
    for (const sp of staticPods(this.ctx.profile, spec, node)) {
      if (!this.ctx.store.get('Pod', 'kube-system', sp.metadata.name)) this.ctx.store.create(sp, { cause: `kubelet:${nodeName}` })
    }
  }
}
