// Which pod and container `kubectl logs` / `kubectl exec` talk to: POD or TYPE/NAME (the most active pod of a
// Deployment, ReplicaSet or Service, as polymorphichelpers.AttachablePodForObject picks it), then -c or the
// default container (annotation kubectl.kubernetes.io/default-container, else the first), with kubectl's notes.

import type { Pod, KubeObject, LabelSelector, Labels } from '../../core/api/types.ts'
import { newNotFound } from '../../core/apiserver/errors.ts'
import { lookupType } from './resources.ts'
import { matchesSelector } from '../../core/controller/selector.ts'
import type { Invocation } from './verb.ts'
import { getOrNotFound } from './label-shared.ts'

export interface PodPick {
  pod: Pod
  /** `Found 3 pods, using pod/web-...` (stderr) when TYPE/NAME matched several */
  note: string
}

function ready(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
}
const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

/** podutils.ActivePods order reversed: the pod kubectl prefers comes first. */
export function byActivity(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 1 : 0)
  if (assigned(a) !== assigned(b)) return assigned(b) - assigned(a)
  const ph = (p: Pod) => PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0
  if (ph(a) !== ph(b)) return ph(b) - ph(a)
  if (ready(a) !== ready(b)) return ready(a) ? -1 : 1
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount))
  if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b)
  const ta = a.metadata.creationTimestamp ?? '', tb = b.metadata.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  return a.metadata.name < b.metadata.name ? -1 : 1
}

function selectorOf(o: KubeObject): LabelSelector | undefined {
  if (o.kind === 'Service') {
    const s = (o.spec as { selector?: Labels }).selector
    return s && Object.keys(s).length ? { matchLabels: s } : undefined
  }
  return (o.spec as { selector?: LabelSelector } | undefined)?.selector
}

/** Resolve `web-abc` or `deploy/web` to one pod. Errors are API errors (NotFound) or plain errors. */
export function pickPod(inv: Invocation, arg: string): PodPick {
  if (!arg.includes('/')) return { pod: getOrNotFound(inv, lookupType('pods'), arg) as Pod, note: '' }
  const [typed, name] = [arg.slice(0, arg.indexOf('/')), arg.slice(arg.indexOf('/') + 1)]
  const t = lookupType(typed)
  const obj = getOrNotFound(inv, t, name)
  if (obj.kind === 'Pod') return { pod: obj as Pod, note: '' }
  const sel = selectorOf(obj)
  if (!sel) throw new Error(`cannot attach to ${obj.kind.toLowerCase()}: selector for ${obj.kind.toLowerCase()} is empty`)
  const pods = (inv.ctx.cluster.store.list('Pod', inv.namespace) as Pod[])
    .filter((p) => !p.metadata.deletionTimestamp && matchesSelector(sel, p.metadata.labels))
    .sort(byActivity)
  if (!pods.length) throw new Error(`timed out waiting for the condition`)
  const note = pods.length > 1 ? `Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n` : ''
  return { pod: pods[0], note }
}

/** All container names as kubectl lists them: `app, sidecar, init-db (init)`. */
export function allContainerNames(pod: Pod): string {
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ')
}

/** podcmd.FindOrDefaultContainerByName without -c: the annotated default or the first, with the note. */
export function defaultContainer(pod: Pod): { name: string; note: string } {
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']
  if (annotated && pod.spec.containers.some((c) => c.name === annotated)) return { name: annotated, note: '' }
  const first = pod.spec.containers[0]?.name ?? ''
  const total = pod.spec.containers.length + (pod.spec.initContainers?.length ?? 0)
  const note = total > 1 ? `Defaulted container "${first}" out of: ${allContainerNames(pod)}\n` : ''
  return { name: first, note }
}

export { newNotFound }
