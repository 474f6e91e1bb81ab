// What the daemonset-controller decides per node and puts in each pod (k/k pkg/controller/daemon/util):
// the tolerations every daemon pod gets, whether a node should run the pod (nodeSelector, required node
// affinity, NoSchedule/NoExecute taints), and the pod built from the template for one node.

import type { DaemonSetLike } from './types.ts'
import type { Node, Pod, Taint, Toleration } from '../../api/types.ts'
import { deepClone } from '../../util/clone.ts'
import { tolerates } from '../../scheduler/scheduler.ts'
import { nodeMatchesRequiredAffinity } from '../../scheduler/nodeaffinity.ts'

/** util.AddOrUpdateDaemonPodTolerations, in upstream's order. */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({ effect, key, operator: 'Exists' })
  return [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [t('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ]
}

const sameToleration = (a: Toleration, b: Toleration) =>
  (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '')

/** The template's tolerations plus the daemon ones not already there. */
export function podTolerations(ds: DaemonSetLike): Toleration[] {
  const own = ds.spec.template.spec.tolerations ?? []
  const out = [...own]
  for (const t of daemonTolerations(!!ds.spec.template.spec.hostNetwork)) if (!out.some((o) => sameToleration(o, t))) out.push(t)
  return out
}

/** NodeShouldRunDaemonPod: the node passes the pod's nodeSelector, required node affinity and taints. */
export function nodeShouldRun(ds: DaemonSetLike, node: Node): boolean {
  const spec = ds.spec.template.spec
  const labels = node.metadata.labels ?? {}
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false
  if (!nodeMatchesRequiredAffinity(spec.affinity, node)) return false
  const tols = podTolerations(ds)
  return !(node.spec?.taints ?? []).some((t: Taint) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tols, t))
}

/** The node a daemon pod is for: where it is bound, else its metadata.name node affinity term. */
export function targetNode(p: Pod): string | undefined {
  if (p.spec.nodeName) return p.spec.nodeName
  const terms = (p.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.values?.length === 1) return f.values[0]
  return undefined
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: required affinity to exactly this node (other required terms dropped). */
function nodeAffinityFor(existing: unknown, node: string): Record<string, unknown> {
  const a = deepClone((existing ?? {}) as Record<string, unknown>)
  const na = (a.nodeAffinity ?? {}) as Record<string, unknown>
  na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] }
  a.nodeAffinity = na
  return a
}

/** The pod the controller creates for `node` (generateName `<ds>-`). */
export function daemonPod(ds: DaemonSetLike, node: string, hash: string): Pod {
  const tpl = ds.spec.template
  const spec = deepClone(tpl.spec)
  spec.affinity = nodeAffinityFor(spec.affinity, node)
  spec.tolerations = podTolerations(ds)
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: '', generateName: `${ds.metadata.name}-`, namespace: ds.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(templateGeneration(ds)) },
      ...(tpl.metadata?.annotations ? { annotations: deepClone(tpl.metadata.annotations) } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec,
  }
}

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation'

export function templateGeneration(ds: DaemonSetLike): number {
  return Number(ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? ds.metadata.generation ?? 1) || 1
}
