// Keeps the kubeadm system pods in place the way their real owners do: one kube-proxy pod per node (the
// kube-proxy DaemonSet controller; deleting the pod brings a fresh `kube-proxy-xxxxx`, which is how
// tutorials reload its ConfigMap) and the control-plane mirror pods (the kubelet re-creates them).

import type { Change } from '../../apiserver/store.ts'
import type { Node, Pod } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { kubeProxyPod, staticPods } from '../../cluster/bootstrap-pods.ts'

const CAUSE = 'controller:daemonset-controller'

export class SystemPodsController implements Controller {
  readonly name = 'daemonset-controller'
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Node' && c.type !== 'MODIFIED') q.add(o.metadata.name)
    else if (o.kind === 'Pod' && c.type === 'DELETED' && o.metadata.namespace === 'kube-system') {
      const node = (o as Pod).spec?.nodeName
      if (node && o.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet' || r.kind === 'Node')) q.add(node)
    }
  }

  reconcile(nodeName: string): void {
    const node = this.ctx.store.get('Node', undefined, nodeName) as Node | undefined
    if (!node) {
      for (const p of this.ctx.informer.podsWith('kube-system', 'k8s-app=kube-proxy')) {
        if (p.spec.nodeName === nodeName) this.ctx.store.delete('Pod', 'kube-system', p.metadata.name, { cause: CAUSE })
      }
      return
    }
    const spec = this.ctx.profile.nodes.find((n) => n.name === nodeName)
    const hasProxy = this.ctx.informer.podsWith('kube-system', 'k8s-app=kube-proxy').some((p) => p.spec.nodeName === nodeName && !p.metadata.deletionTimestamp)
    if (!hasProxy) {
      const pod = this.ctx.store.create(kubeProxyPod(this.ctx.profile, nodeName), { cause: CAUSE })
      this.ctx.recorder.record({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', namespace: 'kube-system', uid: pod.metadata.ownerReferences?.[0].uid } },
        'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: 'daemonset-controller' })
    }
    if (spec?.controlPlane) {
      for (const sp of staticPods(this.ctx.profile, spec, node)) {
        if (!this.ctx.store.get('Pod', 'kube-system', sp.metadata.name)) this.ctx.store.create(sp, { cause: `kubelet:${nodeName}` })
      }
    }
  }
}
