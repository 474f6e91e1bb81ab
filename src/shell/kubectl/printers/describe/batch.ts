// kubectl describe daemonset and job (describe.go DaemonSetDescriber/describeDaemonSet, JobDescriber/describeJob).

import type { KubeObject, Pod } from '../../../../core/api/types.ts'
import type { DaemonSetLike } from '../../../../core/controller/daemon/types.ts'
import type { Job } from '../../../../core/controller/job/types.ts'
import { humanDuration } from '../../age.ts'
import { formatLabelsMap } from '../columns/labels.ts'
import { selectorString } from '../columns/workloads.ts'
import { describePodTemplate } from './pod.ts'
import { PrefixWriter, annotationsMultiline, describeEvents, eventsFor, labelsMultiline, rfc1123z, type DescribeContext } from './writer.ts'

/** Running / Waiting / Succeeded / Failed counts of the pods an owner controls (getPodStatusForController). */
function podCounts(ctx: DescribeContext, owner: KubeObject): string {
  const pods = (ctx.store.list('Pod', owner.metadata.namespace) as Pod[])
    .filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid))
  const n = (phase: string): number => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`
}

export function describeDaemonSet(ds: DaemonSetLike, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  const st = ds.status
  w.write(0, `Name:\t${ds.metadata.name}\n`)
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`)
  w.write(0, `Selector:\t${selectorString(ds.spec.selector)}\n`)
  w.write(0, `Node-Selector:\t${formatLabelsMap(ds.spec.template?.spec?.nodeSelector)}\n`)
  labelsMultiline(w, 'Labels', ds.metadata.labels)
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations)
  w.write(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`)
  w.write(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`)
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`)
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`)
  w.write(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`)
  w.write(0, `Pods Status:\t${podCounts(ctx, ds)}\n`)
  describePodTemplate(w, ds.spec.template)
  describeEvents(w, eventsFor(ctx, ds), ctx.now)
  return w.toString()
}

export function describeJob(job: Job, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  const st = job.status ?? {}
  const spec = job.spec
  w.write(0, `Name:\t${job.metadata.name}\n`)
  w.write(0, `Namespace:\t${job.metadata.namespace}\n`)
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`)
  labelsMultiline(w, 'Labels', job.metadata.labels)
  annotationsMultiline(w, 'Annotations', job.metadata.annotations)
  const ctrl = job.metadata.ownerReferences?.find((r) => r.controller)
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`)
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`)
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`)
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`)
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`)
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`)
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`)
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`)
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`)
  if (st.startTime && st.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`)
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`)
  const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`
  w.write(0, st.ready === undefined ? `Pods Statuses:\t${st.active ?? 0} Active / ${counts}\n` : `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}\n`)
  describePodTemplate(w, spec.template)
  describeEvents(w, eventsFor(ctx, job), ctx.now)
  return w.toString()
}
