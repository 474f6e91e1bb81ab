// `kubectl get daemonsets` and `kubectl get jobs` columns (k/k printers.go printDaemonSet, printJob: the
// v1.32 job table with STATUS, COMPLETIONS and DURATION).

import type { KubeObject } from '../../../../core/api/types.ts'
import type { DaemonSetLike } from '../../../../core/controller/daemon/types.ts'
import { jobCondition, type Job } from '../../../../core/controller/job/types.ts'
import { humanDuration, translateTimestampSince } from '../../age.ts'
import { formatLabelsMap } from './labels.ts'
import { selectorString } from './workloads.ts'
import type { TableDef } from './types.ts'

function containerCells(o: { spec: { template?: { spec?: { containers?: { name: string; image?: string }[] } } } }): [string, string] {
  const list = o.spec.template?.spec?.containers ?? []
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')]
}

export const daemonSetTable: TableDef = {
  columns: [
    { name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' },
    { name: 'Node Selector' }, { name: 'Age' }, { name: 'Containers', wide: true }, { name: 'Images', wide: true }, { name: 'Selector', wide: true },
  ],
  row(obj, ctx) {
    const ds = obj as DaemonSetLike
    const st = ds.status
    return [
      ds.metadata.name, String(st?.desiredNumberScheduled ?? 0), String(st?.currentNumberScheduled ?? 0), String(st?.numberReady ?? 0),
      String(st?.updatedNumberScheduled ?? 0), String(st?.numberAvailable ?? 0), formatLabelsMap(ds.spec.template?.spec?.nodeSelector),
      translateTimestampSince(ds.metadata.creationTimestamp, ctx.now), ...containerCells(ds), selectorString(ds.spec.selector),
    ]
  },
}

/** The STATUS cell: the first of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet, else Running. */
export function jobStatus(job: Job): string {
  if (jobCondition(job, 'Complete')) return 'Complete'
  if (jobCondition(job, 'Failed')) return 'Failed'
  if (job.metadata.deletionTimestamp) return 'Terminating'
  for (const c of ['Suspended', 'FailureTarget', 'SuccessCriteriaMet']) if (jobCondition(job, c)) return c
  return 'Running'
}

/** COMPLETIONS: `succeeded/completions`, or `succeeded/1` (`of N` with parallelism above 1) without completions. */
export function jobCompletions(job: Job): string {
  const done = job.status?.succeeded ?? 0
  if (job.spec.completions !== undefined) return `${done}/${job.spec.completions}`
  const par = job.spec.parallelism ?? 0
  return par > 1 ? `${done}/1 of ${par}` : `${done}/1`
}

export function jobDuration(job: Job, now: number): string {
  const start = job.status?.startTime
  if (!start) return ''
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now
  return humanDuration(end - Date.parse(start))
}

export const jobTable: TableDef = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Completions' }, { name: 'Duration' }, { name: 'Age' },
    { name: 'Containers', wide: true }, { name: 'Images', wide: true }, { name: 'Selector', wide: true },
  ],
  row(obj: KubeObject, ctx) {
    const job = obj as Job
    return [
      job.metadata.name, jobStatus(job), jobCompletions(job), jobDuration(job, ctx.now), translateTimestampSince(job.metadata.creationTimestamp, ctx.now),
      ...containerCells(job), selectorString(job.spec.selector),
    ]
  },
}
