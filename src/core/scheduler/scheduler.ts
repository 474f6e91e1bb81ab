// default-scheduler: binds each unscheduled pod to a node. Filters in the upstream plugin order
// (NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector), NodePorts), scores by fewest pods,
// breaks ties with the seeded rng; an unschedulable pod stays Pending with the real FailedScheduling text.

import type { Change } from '../apiserver/store.ts'
import type { Node, Pod, PodCondition, Taint, Toleration } from '../api/types.ts'
import type { Controller } from '../controller/manager.ts'
import type { ControllerContext } from '../controller/context.ts'
import { rfc3339 } from '../util/clock.ts'
import { nodeMatchesRequiredAffinity } from './nodeaffinity.ts'

export function tolerates(tols: Toleration[] | undefined, t: Taint): boolean {
  if (!tols) return false
  for (const tol of tols) {
    if (tol.effect && tol.effect !== t.effect) continue
    if (tol.operator === 'Exists' ? !tol.key || tol.key === t.key : tol.key === t.key && (tol.value ?? '') === (t.value ?? '')) return true
  }
  return false
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }
const NO_LABELS: Record<string, string> = {}
const NO_PODS: Pod[] = []

function hostPorts(p: Pod): string[] {
  const out: string[] = []
  for (const list of [p.spec.initContainers, p.spec.containers]) {
    for (const c of list ?? []) for (const port of c.ports ?? []) if (port.hostPort) out.push(`${port.protocol ?? 'TCP'}/${port.hostPort}`)
  }
  return out
}

/** Why a node cannot take the pod (the first failing filter), or undefined when it fits. */
export const TOO_MANY_PODS = 'Too many pods'
/** the NodePorts filter's reason: Unschedulable (a preemption could free the port), not UnschedulableAndUnresolvable */
export const NO_FREE_PORTS = "node(s) didn't have free ports for the requested pod ports"

export function filterNode(pod: Pod, node: Node, podsOnNode: Pod[], podCount = podsOnNode.length): string | undefined {
  // allocation-free on the common path: the scheduler calls this for every node of every pod
  if (node.spec?.unschedulable && !tolerates(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) {
    return 'node(s) were unschedulable'
  }
  const taints = node.spec?.taints
  if (taints) {
    for (const t of taints) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue
      if (!tolerates(pod.spec.tolerations, t)) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`
    }
  }
  const sel = pod.spec.nodeSelector
  if (sel) {
    const labels = node.metadata.labels ?? NO_LABELS
    for (const k in sel) if (labels[k] !== sel[k]) return "node(s) didn't match Pod's node affinity/selector"
  }
  if (pod.spec.affinity && !nodeMatchesRequiredAffinity(pod.spec.affinity, node)) return "node(s) didn't match Pod's node affinity/selector"
  if (podsOnNode.length) {
    const want = hostPorts(pod)
    if (want.length) {
      const used = new Set(podsOnNode.flatMap(hostPorts))
      if (want.some((w) => used.has(w))) return NO_FREE_PORTS
    }
  }
  const maxPods = Number(node.status?.allocatable?.pods ?? 110)
  if (podCount >= maxPods) return TOO_MANY_PODS
  return undefined
}

/**
 * `0/3 nodes are available: <n reason, sorted>. preemption: 0/3 nodes are available: <...>.` Preemption can
 * only help on nodes that failed for resources or host ports, and finds no victims among equal-priority pods.
 */
export function failedSchedulingMessage(total: number, reasons: Map<string, number>): string {
  const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort()
  const resource = (reasons.get(TOO_MANY_PODS) ?? 0) + (reasons.get(NO_FREE_PORTS) ?? 0)
  const pre: string[] = []
  if (resource) pre.push(`${resource} No preemption victims found for incoming pod`)
  if (total - resource) pre.push(`${total - resource} Preemption is not helpful for scheduling`)
  return `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${pre.sort().join(', ')}.`
}

export class Scheduler implements Controller {
  readonly name = 'scheduler'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Pod', 'Node']
  /** unscheduled pods: uid -> queue key `ns/name` (by uid: a pod's versions share that string, no key to build) */
  private readonly pending = new Map<string, string>()
  /** active pods per node, kept from the watch (scoring must not scan every pod) */
  private readonly perNode = new Map<string, number>()
  /** the node each active pod is counted on, by pod uid */
  private readonly countedOn = new Map<string, string>()

  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Pod') {
      const p = o as Pod
      const uid = p.metadata.uid ?? `${o.metadata.namespace}/${o.metadata.name}`
      const active = c.type !== 'DELETED' && p.spec?.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'
      const on = active ? p.spec.nodeName : undefined
      const was = this.countedOn.get(uid)
      if (was !== on) {
        if (was) this.perNode.set(was, (this.perNode.get(was) ?? 1) - 1)
        if (on) { this.perNode.set(on, (this.perNode.get(on) ?? 0) + 1); this.countedOn.set(uid, on) } else this.countedOn.delete(uid)
      }
      if (c.type === 'DELETED' || p.spec?.nodeName) { this.pending.delete(uid); if (c.type === 'DELETED' && p.spec?.nodeName) this.requeueAll(q); return }
      if ((p.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler' || p.metadata.deletionTimestamp) return
      const key = `${o.metadata.namespace}/${o.metadata.name}`
      if (!this.pending.has(uid)) this.pending.set(uid, key)
      if (c.type === 'ADDED') q.add(key)
    } else if (o.kind === 'Node') {
      this.requeueAll(q)
    }
  }

  private requeueAll(q: Set<string>): void {
    for (const k of this.pending.values()) q.add(k)
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const pod = this.ctx.informer.pod(ns, name)
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return
    const nodes = this.ctx.store.list('Node') as Node[]
    const reasons = new Map<string, number>()
    const fits: Node[] = [], counts: number[] = []
    const wantsHostPorts = hostPorts(pod).length > 0
    for (const n of nodes) {
      let onNode = NO_PODS
      if (wantsHostPorts) {
        onNode = []
        for (const k of this.ctx.informer.podsOnNode(n.metadata.name)) {
          const [pns, pname] = k.split('/')
          const p = this.ctx.informer.pod(pns, pname)
          if (p && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') onNode.push(p)
        }
      }
      const count = this.perNode.get(n.metadata.name) ?? 0
      const why = filterNode(pod, n, onNode, count)
      if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1)
      else { fits.push(n); counts.push(count) }
    }
    const now = rfc3339(this.ctx.clock.now())
    if (!fits.length) {
      const message = nodes.length ? failedSchedulingMessage(nodes.length, reasons) : 'no nodes available to schedule pods'
      const cond: PodCondition = { lastProbeTime: null, lastTransitionTime: now, message, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }
      const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled')
      if (prev && prev.status === 'False' && prev.message === message) return
      if (prev?.status === 'False') cond.lastTransitionTime = prev.lastTransitionTime
      this.ctx.store.updateStatus('Pod', ns, name, { ...(pod.status ?? {}), phase: 'Pending', conditions: [cond], qosClass: pod.status?.qosClass ?? 'BestEffort' }, 'controller:default-scheduler', undefined, true)
      this.ctx.recorder.record(pod, 'Warning', 'FailedScheduling', message, { component: 'default-scheduler' })
      return
    }
    let min = Infinity
    for (const c of counts) if (c < min) min = c
    const best = fits.filter((_, i) => counts[i] === min)
    const chosen = best.length === 1 ? best[0] : best[this.ctx.rng.int(best.length)]
    const cond: PodCondition = { lastProbeTime: null, lastTransitionTime: now, status: 'True', type: 'PodScheduled' }
    this.ctx.store.bind(ns, name, chosen.metadata.name, 'controller:default-scheduler', { ...(pod.status ?? {}), phase: 'Pending', conditions: [cond] }, true)
    this.pending.delete(pod.metadata.uid ?? key)
    this.ctx.recorder.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${chosen.metadata.name}`, { component: 'default-scheduler' })
  }
}
