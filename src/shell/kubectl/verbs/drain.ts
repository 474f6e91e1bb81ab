// kubectl drain: cordon, then evict (or delete) the node's pods through the API and wait for them to go, with
// pkg/drain's filters (DaemonSet-managed, mirror, emptyDir, unreplicated) and their exact errors and warnings.

import type { KubeObject, Node, Pod } from '../../../core/api/types.ts'
import type { Cluster } from '../../../core/cluster/types.ts'
import { deleteObject } from '../../../core/apiserver/delete.ts'
import { runtimeOf } from '../../../core/cluster/runtime.ts'
import type { CommandResult } from '../../types.ts'
import type { Invocation, Verb } from '../verb.ts'
import type { FlagSpec } from '../flags.ts'
import { bool, int, str } from '../flags.ts'
import { examples, longDesc, renderHelp } from '../help-format.ts'
import { dryRunFlag, dryRunMode } from '../help-flags.ts'
import { errorText } from '../errors.ts'
import { parseSelector, selectorMatches } from '../label-selector.ts'
import { lookupType } from '../resources.ts'
import { parseDuration } from './logs.ts'
import { cordonNodes, nodeLine, nodeSelectorFlag, selectNodes } from './cordon.ts'

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods'
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)'
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage'
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'
const UNMANAGED_WARNING = 'deleting Pods that declare no controller'
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror'

type Status = { del: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string }
const okay: Status = { del: true, reason: 'Okay' }

interface Options { force: boolean; ignoreDaemonSets: boolean; deleteEmptyDir: boolean }

const controllerOf = (p: KubeObject) => p.metadata.ownerReferences?.find((r) => r.controller)
const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'

/** pkg/drain makeFilters, in order; the first filter that keeps a pod ends its run */
function filters(cluster: Cluster, o: Options): ((p: Pod) => Status)[] {
  return [
    (p) => {
      const ref = controllerOf(p)
      if (!ref || ref.kind !== 'DaemonSet' || finished(p)) return okay
      if (!cluster.store.get('DaemonSet', p.metadata.namespace, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`
        return o.force ? { del: true, reason: 'Warning', message: msg } : { del: false, reason: 'Error', message: msg }
      }
      return o.ignoreDaemonSets ? { del: false, reason: 'Warning', message: DAEMONSET_WARNING } : { del: false, reason: 'Error', message: DAEMONSET_FATAL }
    },
    (p) => (p.metadata.annotations && MIRROR_ANNOTATION in p.metadata.annotations ? { del: false, reason: 'Skip' } : okay),
    (p) => {
      if (!(p.spec.volumes ?? []).some((v) => (v as { emptyDir?: unknown }).emptyDir !== undefined) || finished(p)) return okay
      return o.deleteEmptyDir ? { del: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { del: false, reason: 'Error', message: LOCAL_STORAGE_FATAL }
    },
    (p) => {
      if (finished(p) || controllerOf(p)) return okay
      return o.force ? { del: true, reason: 'Warning', message: UNMANAGED_WARNING } : { del: false, reason: 'Error', message: UNMANAGED_FATAL }
    },
  ]
}

interface PodDelete { pod: Pod; status: Status }

/** GetPodsForDeletion: every pod bound to the node (field selector spec.nodeName), through the filters */
export function podsForDeletion(cluster: Cluster, node: string, o: Options, podSelector: string): { list: PodDelete[]; errors: string[] } {
  const reqs = podSelector ? parseSelector(podSelector, lookupType('pods')) : []
  const pods = (cluster.store.list('Pod') as Pod[]).filter((p) => p.spec.nodeName === node && (!reqs.length || selectorMatches(reqs, p.metadata.labels)))
  const fs = filters(cluster, o)
  const list = pods.map((pod) => {
    let status = okay
    for (const f of fs) {
      status = f(pod)
      if (!status.del) break
    }
    return { pod, status }
  })
  const failed = new Map<string, string[]>()
  for (const { pod, status } of list) {
    if (status.reason !== 'Error') continue
    const m = status.message || 'unexpected error'
    failed.set(m, [...(failed.get(m) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`])
  }
  const errors = [...failed].map(([m, ps]) => (m.toLowerCase().startsWith('cannot delete') ? `${m}: ${ps.join(', ')}` : `cannot delete ${m}: ${ps.join(', ')}`))
  return { list, errors }
}

function warnings(list: PodDelete[]): string {
  const by = new Map<string, string[]>()
  for (const { pod, status } of list) if (status.reason === 'Warning') by.set(status.message!, [...(by.get(status.message!) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`])
  return [...by].map(([m, ps]) => `${m}: ${ps.join(', ')}`).join('; ')
}

/** utilerrors.Aggregate's text: one error as itself, several in brackets */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`)

const gone = (cluster: Cluster, p: Pod) => {
  const now = cluster.store.get('Pod', p.metadata.namespace, p.metadata.name)
  return !now || now.metadata.uid !== p.metadata.uid
}

/**
 * Evict (or delete) the pods, then wait for each to go in virtual time, in the order they disappear. Returns the
 * output lines, or an error when the timeout passes. A pod whose kubelet is not running never goes: the real
 * command would wait until interrupted; the lab stops and says so.
 */
function evict(cluster: Cluster, pods: Pod[], grace: number, timeoutMs: number, eviction: boolean): { out: string; err?: string; lab?: string } {
  let out = ''
  for (const p of pods) {
    if (eviction) out += `evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`
    deleteObject(cluster.store, 'Pod', p.metadata.namespace, p.metadata.name, { cause: 'kubectl', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) })
  }
  cluster.settle()
  const verb = eviction ? 'evicted' : 'deleted'
  const start = cluster.clock.now()
  let left = [...pods]
  const manager = runtimeOf(cluster)?.manager
  for (let i = 0; i < 100_000; i++) {
    const done = left.filter((p) => gone(cluster, p))
    for (const p of done) out += `pod/${p.metadata.name} ${verb}\n`
    left = left.filter((p) => !done.includes(p))
    if (!left.length) return { out }
    const now = cluster.clock.now()
    const deadline = timeoutMs > 0 ? start + timeoutMs : Infinity
    if (now >= deadline) {
      const p = left[0]
      return { out, err: `error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: context deadline exceeded` }
    }
    const next = manager?.nextTimer()
    if (next === undefined) {
      if (deadline === Infinity) {
        const p = left[0]
        return { out, lab: `kubelab: pod ${p.metadata.namespace}/${p.metadata.name} stays Terminating: nothing on node ${p.spec.nodeName} will finish it (its kubelet is not running). The real kubectl drain waits here until interrupted or --timeout passes.` }
      }
      cluster.advance(deadline - now)
      continue
    }
    cluster.advance(Math.min(Math.max(next - now, 0), deadline - now))
  }
  return { out }
}

function run(inv: Invocation): CommandResult {
  const cluster = inv.ctx.cluster
  let stdout = ''
  let stderr = ''
  try {
    const dry = dryRunMode(str(inv.flags, 'dry-run'))
    const podSelector = str(inv.flags, 'pod-selector')
    if (podSelector) {
      try { parseSelector(podSelector) } catch { return { stdout: '', stderr: 'error: --pod-selector=<pod_selector> must be a valid label selector\n', exitCode: 1 } }
    }
    const timeoutText = str(inv.flags, 'timeout')
    const timeoutMs = timeoutText ? parseDuration(timeoutText) : 0
    const sel = selectNodes(cluster, inv, 'drain NODE')
    if ('error' in sel) return sel.error
    stdout += cordonNodes(cluster, sel.nodes, true, dry)
    const o: Options = { force: bool(inv.flags, 'force'), ignoreDaemonSets: bool(inv.flags, 'ignore-daemonsets'), deleteEmptyDir: bool(inv.flags, 'delete-emptydir-data') || bool(inv.flags, 'delete-local-data') }
    const fatal: string[] = []
    const remaining: string[] = []
    for (const node of sel.nodes as Node[]) {
      const name = node.metadata.name
      const { list, errors } = podsForDeletion(cluster, name, o, podSelector)
      let err: string | undefined
      if (errors.length) err = aggregate(errors)
      else {
        const w = warnings(list)
        if (w) stderr += `Warning: ${w}\n`
        const pods = list.filter((x) => x.status.del).map((x) => x.pod)
        if (dry === 'client') {
          for (const p of pods) stdout += `evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`
        } else if (dry === 'server') {
          for (const p of pods) stdout += `evicting pod ${p.metadata.namespace}/${p.metadata.name} (server dry run)\n`
        } else {
          const r = evict(cluster, pods, int(inv.flags, 'grace-period'), timeoutMs, !bool(inv.flags, 'disable-eviction'))
          stdout += r.out
          if (r.lab) return { stdout, stderr: stderr + r.lab + '\n', exitCode: 1 }
          err = r.err
        }
      }
      if (err === undefined) {
        stdout += nodeLine(name, 'drained', dry)
        continue
      }
      stderr += `error: unable to drain node "${name}" due to error: ${err}, continuing command...\n`
      fatal.push(err)
      remaining.push(name)
    }
    if (remaining.length) stderr += `There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`
    // CheckErr prints an aggregate one error per line, without the `error: ` prefix
    if (fatal.length) return { stdout, stderr: stderr + fatal.map((e) => e + '\n').join(''), exitCode: 1 }
    return { stdout, stderr, exitCode: 0 }
  } catch (e) {
    return { stdout, stderr: stderr + errorText(e), exitCode: 1 }
  }
}

const FLAGS: FlagSpec[] = [
  { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
  { name: 'delete-emptydir-data', type: 'bool', default: false, usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
  { name: 'disable-eviction', type: 'bool', default: false, usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
  dryRunFlag,
  { name: 'force', type: 'bool', default: false, usage: 'Continue even if there are pods that do not declare a controller.' },
  { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
  { name: 'ignore-daemonsets', type: 'bool', default: false, usage: 'Ignore DaemonSet-managed pods.' },
  { name: 'pod-selector', type: 'string', default: '', usage: 'Label selector to filter pods on the node' },
  nodeSelectorFlag,
  { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
]

/** deprecated (hidden from help, still parsed) */
const HIDDEN: FlagSpec[] = [{ name: 'delete-local-data', type: 'bool', default: false, usage: '' }]

export const drain: Verb = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  group: 'Cluster Management Commands',
  flags: [...FLAGS, ...HIDDEN],
  help: renderHelp({
    name: 'drain', commandPath: 'kubectl drain', flags: FLAGS, use: 'kubectl drain NODE',
    long: longDesc(`
      Drain node in preparation for maintenance.

      The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

      'drain' waits for graceful termination. You should not operate on the machine until the command completes.

      When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.

      https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg`),
    example: examples(`
      # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
      kubectl drain foo --force

      # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
      kubectl drain foo --grace-period=900`),
  }),
  run,
}
