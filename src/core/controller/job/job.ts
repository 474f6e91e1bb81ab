// job-controller (k/k pkg/controller/job): runs a Job's pods to completion. Creates `<job>-<5 chars>` pods
// from the template (up to parallelism, no more than the completions left), counts succeeded and failed pods,
// recreates failed ones after the back-off (10 s doubling, at most 6 min) until backoffLimit is passed,
// honours activeDeadlineSeconds, and finishes with SuccessCriteriaMet+Complete or FailureTarget+Failed.

import type { Change } from '../../apiserver/store.ts'
import type { Pod } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { rfc3339 } from '../../util/clock.ts'
import { deepClone } from '../../util/clone.ts'
import { controllerUid, deletePod, isPodReady } from '../podcontrol.ts'
import { completeJobSelector } from '../../apiserver/strategies/batch.ts'
import { isJobFinished, type Job, type JobCondition, type JobStatus } from './types.ts'

const CAUSE = 'controller:job-controller'
const SOURCE = { component: 'job-controller' }
const BACKOFF_BASE_MS = 10_000
const BACKOFF_MAX_MS = 360_000

/** When the pod stopped (its last container's finishedAt), for the back-off clock. */
function finishedAt(p: Pod): number {
  let t = 0
  for (const s of p.status?.containerStatuses ?? []) {
    const f = s.state?.terminated?.finishedAt
    if (typeof f === 'string') t = Math.max(t, Date.parse(f))
  }
  return t
}

/** Restarts of a pod's containers count as failures under restartPolicy OnFailure. */
function restarts(p: Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((a, c) => a + c.restartCount, 0)
}

export class JobController implements Controller {
  readonly name = 'job-controller'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Job', 'Pod']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Job' && c.type !== 'DELETED') q.add(`${o.metadata.namespace}/${o.metadata.name}`)
    else if (o.kind === 'Pod') {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Job')
      if (ref) q.add(`${o.metadata.namespace}/${ref.name}`)
    }
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const store = this.ctx.store
    let job = store.get('Job', ns, name) as Job | undefined
    if (!job || job.metadata.deletionTimestamp) return
    if (!job.spec.selector && job.spec.manualSelector !== true) job = completeJobSelector(store, job) as Job
    if (isJobFinished(job)) return
    const now = this.ctx.clock.now()
    const stamp = rfc3339(now)
    const pods = this.ctx.informer.dependents(job.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerUid(o) === job!.metadata.uid)
    const active = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed')
    const onFailure = job.spec.template.spec.restartPolicy === 'OnFailure'
    const failures = failedPods.length + (onFailure ? active.reduce((a, p) => a + restarts(p), 0) : 0)
    const status: JobStatus = { ...(job.status ?? {}) }
    status.startTime ??= stamp
    const start = Date.parse(status.startTime)
    const completions = job.spec.completions
    const parallelism = job.spec.parallelism ?? 1
    const backoffLimit = job.spec.backoffLimit ?? 6
    const deadline = job.spec.activeDeadlineSeconds
    let finish: { ok: boolean; reason: string; message: string } | undefined
    if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
      finish = { ok: true, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }
    } else if (failures > backoffLimit) {
      finish = { ok: false, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }
    } else if (deadline !== undefined && now >= start + deadline * 1000) {
      finish = { ok: false, reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }
    }
    if (finish && !finish.ok) {
      for (const p of active) {
        deletePod(store, p, CAUSE)
        this.ctx.recorder.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE)
      }
    }
    if (!finish && !job.spec.suspend) this.createPods(job, active.length, succeeded, failedPods, now, key, completions, parallelism)
    const live = this.ctx.informer.dependents(job.metadata.uid)
      .filter((o): o is Pod => o.kind === 'Pod' && controllerUid(o) === job!.metadata.uid)
      .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    if (live.length && !finish) status.active = live.length
    else delete status.active
    if (succeeded) status.succeeded = succeeded
    if (failures) status.failed = failures
    status.ready = finish ? 0 : live.filter(isPodReady).length
    status.terminating = 0
    status.uncountedTerminatedPods = {}
    if (finish) {
      const cond = (type: string): JobCondition => ({ lastProbeTime: stamp, lastTransitionTime: stamp, message: finish!.message, reason: finish!.reason, status: 'True', type })
      status.conditions = [...(status.conditions ?? []), cond(finish.ok ? 'SuccessCriteriaMet' : 'FailureTarget'), cond(finish.ok ? 'Complete' : 'Failed')]
      if (finish.ok) status.completionTime = stamp
      delete status.active
    }
    store.updateStatus('Job', ns, name, status, CAUSE, undefined, true)
    if (finish?.ok) this.ctx.recorder.record(job, 'Normal', 'Completed', 'Job completed', SOURCE)
    else if (finish) this.ctx.recorder.record(job, 'Warning', finish.reason, finish.message, SOURCE)
    else if (deadline !== undefined) this.ctx.manager.after(this.name, key, start + deadline * 1000)
  }

  private createPods(job: Job, active: number, succeeded: number, failed: Pod[], now: number, key: string, completions: number | undefined, parallelism: number): void {
    const left = completions !== undefined ? completions - succeeded - active : succeeded > 0 ? 0 : parallelism - active
    const want = Math.min(parallelism - active, left)
    if (want <= 0) return
    if (failed.length) {
      const last = Math.max(...failed.map(finishedAt))
      const due = last + Math.min(BACKOFF_BASE_MS * 2 ** (failed.length - 1), BACKOFF_MAX_MS)
      if (now < due) { this.ctx.manager.after(this.name, key, due); return }
    }
    const tpl = job.spec.template
    for (let i = 0; i < want; i++) {
      const pod: Pod = {
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          name: '', generateName: `${job.metadata.name}-`, namespace: job.metadata.namespace,
          labels: deepClone(tpl.metadata?.labels ?? {}),
          ...(tpl.metadata?.annotations ? { annotations: deepClone(tpl.metadata.annotations) } : {}),
          ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: deepClone(tpl.spec),
      }
      try {
        const created = this.ctx.store.create(pod, { cause: CAUSE, owned: true })
        this.ctx.recorder.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE)
      } catch (e) {
        this.ctx.recorder.record(job, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`, SOURCE)
        return
      }
    }
  }
}
