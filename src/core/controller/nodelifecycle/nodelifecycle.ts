// The node lifecycle controller (kube-controller-manager's node-lifecycle-controller, v1.32 defaults) and the
// taint eviction controller: a node whose kubelet stopped posting status for node-monitor-grace-period (40 s)
// gets its conditions set to Unknown ("Kubelet stopped posting node status."), the unreachable NoExecute and
// NoSchedule taints, and its pods marked Ready=False (their endpoints leave the Services); pods that tolerate the
// NoExecute taint for tolerationSeconds (DefaultTolerationSeconds: 300) are deleted when that runs out. A node
// posting Ready again loses the taints.

import type { Change } from '../../apiserver/store.ts'
import type { Node, Pod, Taint, Toleration } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { deleteObject } from '../../apiserver/delete.ts'
import { nodeMachines } from '../../kubelet/heartbeat.ts'
import { rfc3339 } from '../../util/clock.ts'

/** --node-monitor-grace-period (v1.32 default) */
export const NODE_MONITOR_GRACE_MS = 40_000
export const UNREACHABLE = 'node.kubernetes.io/unreachable'
/** the kubelet's nodeStatusReportFrequency (v1.32 default) */
const REPORT_MS = 300_000
const COMPONENT = 'node-controller'
const CAUSE = 'controller:node-lifecycle-controller'
const EVICTION_CAUSE = 'controller:taint-eviction-controller'
const UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.'
const CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']

/** v1 Toleration.ToleratesTaint */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false
  if ((t.operator ?? 'Equal') === 'Exists') return true
  return (t.value ?? '') === (taint.value ?? '')
}

/**
 * The taint eviction controller's verdict for a pod on a node with NoExecute taints: delete now, at a time
 * (the earliest timeAdded + tolerationSeconds), or never (tolerated forever).
 */
export function evictionTime(pod: Pod, taints: Taint[], now: number): number | undefined {
  let at: number | undefined
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue
    const tols = (pod.spec.tolerations ?? []).filter((t) => toleratesTaint(t, taint))
    if (!tols.length) return now
    if (tols.some((t) => t.tolerationSeconds === undefined)) continue
    const secs = Math.max(0, Math.min(...tols.map((t) => t.tolerationSeconds!)))
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : now
    const when = added + secs * 1000
    at = at === undefined ? when : Math.min(at, when)
  }
  return at
}

export class NodeLifecycleController implements Controller {
  readonly name = 'nodelifecycle'

  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Node') q.add(`node/${o.metadata.name}`)
    else if (o.kind === 'Pod' && c.type !== 'DELETED') {
      const p = o as Pod
      if (!p.spec?.nodeName || p.metadata.deletionTimestamp) return
      const n = this.ctx.store.get('Node', undefined, p.spec.nodeName) as Node | undefined
      if (n?.spec?.taints?.some((t) => t.effect === 'NoExecute')) q.add(`pod/${p.metadata.namespace}/${p.metadata.name}`)
    }
  }

  reconcile(key: string): void {
    if (key.startsWith('node/')) this.syncNode(key.slice(5))
    else if (key.startsWith('pod/')) {
      const rest = key.slice(4), i = rest.indexOf('/')
      this.syncPod(rest.slice(0, i), rest.slice(i + 1))
    }
  }

  private syncNode(name: string): void {
    const node = this.ctx.store.get('Node', undefined, name) as Node | undefined
    const machines = nodeMachines(this.ctx.store)
    if (!node || !machines) return
    const now = this.ctx.clock.now()
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
    if (machines.kubeletRunning(name)) {
      if (ready?.status === 'True') this.setTaints(node, false)
    } else {
      const due = machines.lastHeartbeat(name) + NODE_MONITOR_GRACE_MS
      if (now < due) this.ctx.manager.after(this.name, `node/${name}`, due)
      else if (ready?.status !== 'Unknown') this.markUnknown(node, now)
      else this.setTaints(node, true)
    }
    for (const k of this.ctx.informer.podsOnNode(name)) this.ctx.manager.enqueue(this.name, `pod/${k}`)
  }

  /** tryUpdateNodeHealth: every condition the kubelet owns becomes Unknown; the node and its pods are NotReady */
  private markUnknown(node: Node, now: number): void {
    const ts = rfc3339(now)
    // the kubelet's last full status report: it posts one every nodeStatusReportFrequency (5 min) when nothing
    // changes (its lease, renewed every 10 s, is the heartbeat the grace period counts from)
    const created = node.metadata.creationTimestamp ? Date.parse(node.metadata.creationTimestamp) : now
    const last = nodeMachines(this.ctx.store)!.lastHeartbeat(node.metadata.name)
    const reported = rfc3339(created + Math.max(0, Math.floor((last - created) / REPORT_MS)) * REPORT_MS)
    const conditions = (node.status?.conditions ?? []).map((c) => CONDITIONS.includes(c.type)
      ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: UNKNOWN_MESSAGE, lastHeartbeatTime: reported, lastTransitionTime: ts }
      : c)
    const name = node.metadata.name
    const updated = this.ctx.store.updateStatus('Node', undefined, name, { ...node.status, conditions }, CAUSE) as Node | undefined
    this.ctx.recorder.record(updated ?? node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, { component: COMPONENT })
    this.setTaints(updated ?? node, true)
    // MarkPodsNotReady
    for (const k of [...this.ctx.informer.podsOnNode(name)]) {
      const i = k.indexOf('/')
      const pod = this.ctx.informer.pod(k.slice(0, i), k.slice(i + 1))
      if (!pod?.status?.conditions) continue
      const cond = pod.status.conditions.find((c) => c.type === 'Ready')
      if (!cond || cond.status === 'False') continue
      const conditions = pod.status.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: ts } : c))
      this.ctx.recorder.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', { component: COMPONENT })
      this.ctx.store.updateStatus('Pod', pod.metadata.namespace, pod.metadata.name, { ...pod.status, conditions }, CAUSE)
    }
  }

  /** the unreachable taints on (NoExecute, then NoSchedule, as the controller adds them) or off */
  private setTaints(node: Node, on: boolean): void {
    const taints = node.spec?.taints ?? []
    const has = taints.some((t) => t.key === UNREACHABLE)
    if (has === on) return
    const ts = rfc3339(this.ctx.clock.now())
    const next = on
      ? [...taints, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: ts }, { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: ts }]
      : taints.filter((t) => t.key !== UNREACHABLE)
    const spec = { ...node.spec, taints: next }
    if (!next.length) delete (spec as { taints?: Taint[] }).taints
    const fresh = this.ctx.store.get('Node', undefined, node.metadata.name) ?? node
    this.ctx.store.update({ ...fresh, spec } as Node, { cause: CAUSE })
  }

  /** the taint eviction controller: delete the pod when its toleration of the node's NoExecute taints runs out */
  private syncPod(namespace: string, name: string): void {
    const pod = this.ctx.informer.pod(namespace, name)
    if (!pod?.spec.nodeName || pod.metadata.deletionTimestamp) return
    const node = this.ctx.store.get('Node', undefined, pod.spec.nodeName) as Node | undefined
    const taints = node?.spec?.taints ?? []
    if (!taints.some((t) => t.effect === 'NoExecute')) return
    const now = this.ctx.clock.now()
    const at = evictionTime(pod, taints, now)
    if (at === undefined) return
    if (at > now) {
      this.ctx.manager.after(this.name, `pod/${namespace}/${name}`, at)
      return
    }
    const ts = rfc3339(now)
    const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: ts, reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }]
    this.ctx.store.updateStatus('Pod', namespace, name, { ...pod.status, conditions }, EVICTION_CAUSE)
    this.ctx.recorder.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, { component: 'taint-eviction-controller' })
    deleteObject(this.ctx.store, 'Pod', namespace, name, { cause: EVICTION_CAUSE })
  }
}
