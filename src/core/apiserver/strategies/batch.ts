// Registry strategy for Jobs (k/k pkg/registry/batch/job, batch/v1 SetDefaults_Job): defaults, status reset on
// create and kept on update, and the generated selector (batch.kubernetes.io/controller-uid) with its template
// and object labels. Upstream generates the selector in Validate, once the uid is known; the lab's store draws
// the uid after the strategy runs, so completeJobSelector() finishes the object right after the create.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { KubeObject } from '../../api/types.ts'
import type { Store, Strategy } from '../store.ts'
import { defaultPodSpec } from '../../api/defaults.ts'
import { deepClone } from '../../util/clone.ts'
import { jsonEqual } from '../../util/equal.ts'
import { JOB_CONTROLLER_UID, validateJob, validateJobUpdate } from '../validation/batch.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name'
export const LEGACY_JOB_NAME_LABEL = 'job-name'
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid'

/** batch/v1 SetDefaults_Job. */
export function defaultJob(job: Obj): void {
  if (!isObj(job.spec)) return
  const s = job.spec
  if (s.completions === undefined && s.parallelism === undefined) { s.completions = 1; s.parallelism = 1 }
  s.parallelism ??= 1
  s.backoffLimit ??= 6
  s.completionMode ||= 'NonIndexed'
  s.suspend ??= false
  s.podReplacementPolicy ||= 'TerminatingOrFailed'
  if (isObj(s.template)) {
    if (isObj(s.template.spec)) defaultPodSpec(s.template.spec)
    const labels = isObj(s.template.metadata) ? s.template.metadata.labels : undefined
    if (isObj(labels) && Object.keys(job.metadata?.labels ?? {}).length === 0) job.metadata.labels = { ...labels }
  }
}

/** generateSelector: the template labels and the selector that tie a Job to its pods (unless manualSelector). */
export function generatedSelectorJob(job: KubeObject): KubeObject | undefined {
  const spec = job.spec as Obj | undefined
  const uid = job.metadata.uid
  if (!isObj(spec) || !uid || spec.manualSelector === true || !isObj(spec.template)) return undefined
  const out = deepClone(job)
  const s = out.spec as Obj
  s.template.metadata = isObj(s.template.metadata) ? s.template.metadata : {}
  const labels: Record<string, string> = { ...(s.template.metadata.labels ?? {}) }
  labels[LEGACY_JOB_NAME_LABEL] ??= job.metadata.name
  labels[JOB_NAME_LABEL] = job.metadata.name
  labels[LEGACY_CONTROLLER_UID_LABEL] = uid
  labels[JOB_CONTROLLER_UID] = uid
  s.template.metadata.labels = labels
  s.selector = isObj(s.selector) ? s.selector : {}
  s.selector.matchLabels = { ...(s.selector.matchLabels ?? {}) }
  s.selector.matchLabels[JOB_CONTROLLER_UID] ??= uid
  // SetDefaults_Job on the next decode: object labels from the template when it has none
  if (Object.keys(out.metadata.labels ?? {}).length === 0) out.metadata.labels = { ...labels }
  return jsonEqual(out, job) ? undefined : out
}

/** Store the generated selector of a Job just created (a no-op when it has one). */
export function completeJobSelector(store: Store, job: KubeObject): KubeObject {
  const done = generatedSelectorJob(job)
  return done ? store.update(done, { cause: 'apiserver', owned: true }) : job
}

function selectorCompletion(job: KubeObject, old: KubeObject): boolean {
  const o = old.spec as Obj | undefined
  if (!isObj(o) || o.selector !== undefined) return false
  const done = generatedSelectorJob(old)
  return !!done && jsonEqual(done.spec, job.spec)
}

export const jobStrategy: Strategy = {
  prepareForCreate(job) {
    defaultJob(job)
    job.status = {}
  },
  validate: (job) => validateJob(job),
  prepareForUpdate(job, old) {
    defaultJob(job)
    if (old.status === undefined) delete job.status
    else job.status = deepClone(old.status)
  },
  validateUpdate: (job, old) => (selectorCompletion(job, old) ? validateJob(job) : validateJobUpdate(job, old)),
  generationChanged: (job, old) => !jsonEqual(job.spec, old.spec) && !selectorCompletion(job, old),
  generation: true,
}
