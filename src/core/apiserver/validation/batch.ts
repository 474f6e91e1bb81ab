// Job validation (k/k pkg/apis/batch/validation: ValidateJob, ValidateJobSpec, ValidateJobUpdate): counts,
// the pod template (restartPolicy OnFailure or Never), selector against template labels, immutable fields.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject, LabelSelector } from '../../api/types.ts'
import { goLabelSelector, goStringMap, nonNegative, selectorMatches, validateLabelSelector, validateObjectMeta, validateTemplateMeta } from './meta.ts'
import { isDNS1123Subdomain } from './names.ts'
import { validatePodSpec } from './pod.ts'
import { jsonEqual } from '../../util/equal.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The label that carries a Job's uid in its generated selector. */
export const JOB_CONTROLLER_UID = 'batch.kubernetes.io/controller-uid'

export function validateJob(job: KubeObject): FieldError[] {
  const spec = isObj(job.spec) ? job.spec : {}
  const errs = validateObjectMeta(job, isDNS1123Subdomain)
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']) errs.push(...nonNegative(spec[f], `spec.${f}`))
  const t = spec.template
  if (!isObj(t)) return [...errs, { type: 'Required', field: 'spec.template' }]
  const md = isObj(t.metadata) ? t.metadata : {}
  if (isObj(spec.selector)) {
    const sel = spec.selector as LabelSelector
    errs.push(...validateLabelSelector(sel, 'spec.selector'))
    if (!selectorMatches(sel, md.labels)) {
      errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', valueText: goStringMap(md.labels), detail: '`selector` does not match template `labels`' })
    }
  } else if (spec.manualSelector === true) {
    errs.push({ type: 'Required', field: 'spec.selector' })
  }
  errs.push(...validateTemplateMeta(md, 'spec.template.metadata'))
  errs.push(...validatePodSpec(t.spec, 'spec.template.spec'))
  const rp = isObj(t.spec) ? t.spec.restartPolicy : undefined
  if (rp !== 'OnFailure' && rp !== 'Never') {
    errs.push({ type: 'NotSupported', field: 'spec.template.spec.restartPolicy', value: rp ?? '', supported: ['OnFailure', 'Never'], keepOrder: true })
  }
  return errs
}

/** ValidateJobSpecUpdate: selector, template (but for scheduling directives of a suspended Job) and completions are immutable. */
export function validateJobUpdate(job: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateJob(job)
  const n = isObj(job.spec) ? job.spec : {}, o = isObj(old.spec) ? old.spec : {}
  if (o.selector !== undefined && !jsonEqual(n.selector, o.selector)) errs.push({ type: 'Invalid', field: 'spec.selector', valueText: goLabelSelector(n.selector), detail: 'field is immutable' })
  // upstream prints the whole core.PodTemplateSpec as a Go value here; the lab abbreviates it
  if (o.selector !== undefined && !jsonEqual(n.template, o.template)) errs.push({ type: 'Invalid', field: 'spec.template', valueText: 'core.PodTemplateSpec{...}', detail: 'field is immutable' })
  if (n.completions !== o.completions) errs.push({ type: 'Invalid', field: 'spec.completions', value: n.completions ?? null, detail: 'field is immutable' })
  return errs
}
