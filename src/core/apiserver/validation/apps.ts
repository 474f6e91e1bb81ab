// Deployment and ReplicaSet validation (k/k pkg/apis/apps/validation: ValidateDeploymentSpec,
// ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy) and the
// selector immutability the apps/v1 strategies add on update.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject, LabelSelector } from '../../api/types.ts'
import { goLabelSelector, goStringMap, nonNegative, selectorMatches, validateLabelSelector, validateObjectMeta, validateTemplateMeta } from './meta.ts'
import { isDNS1123Subdomain } from './names.ts'
import { validatePodSpec } from './pod.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function validateSelector(sel: unknown, path: string, kindWord: string): FieldError[] {
  if (!isObj(sel)) return [{ type: 'Required', field: path }]
  const s = sel as LabelSelector
  const errs = validateLabelSelector(s, path)
  if (Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length === 0) {
    errs.push({ type: 'Invalid', field: path, valueText: '&' + goLabelSelector(s), detail: `empty selector is invalid for ${kindWord}` })
  }
  return errs
}

/** ValidatePodTemplateSpecForReplicaSet. A missing selector selects nothing, so the labels never match. */
function validateTemplate(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = []
  const t = spec.template
  if (!isObj(t)) return [{ type: 'Required', field: path }]
  const md = isObj(t.metadata) ? t.metadata : {}
  const labels = isObj(md.labels) ? (md.labels as Record<string, string>) : undefined
  const sel = isObj(spec.selector) ? (spec.selector as LabelSelector) : undefined
  const empty = sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0
  if (!empty && !(sel && selectorMatches(sel, labels))) {
    errs.push({ type: 'Invalid', field: path + '.metadata.labels', valueText: goStringMap(labels), detail: '`selector` does not match template `labels`' })
  }
  errs.push(...validateTemplateMeta(md, path + '.metadata'))
  errs.push(...validatePodSpec(t.spec, path + '.spec'))
  const rp = isObj(t.spec) ? t.spec.restartPolicy : undefined
  if (rp !== 'Always') errs.push({ type: 'NotSupported', field: path + '.spec.restartPolicy', value: rp ?? '', supported: ['Always'] })
  if (isObj(t.spec) && t.spec.activeDeadlineSeconds !== undefined && t.spec.activeDeadlineSeconds !== null) {
    errs.push({ type: 'Invalid', field: path + '.spec.activeDeadlineSeconds', value: t.spec.activeDeadlineSeconds, detail: 'activeDeadlineSeconds in ReplicaSet is not Supported' })
  }
  return errs
}

const PERCENT = /^(\d+)%$/

function intOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'number') return nonNegative(v, path)
  if (typeof v === 'string') {
    const m = PERCENT.exec(v)
    if (!m) return [{ type: 'Invalid', field: path, value: v, detail: "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')" }]
    if (Number(m[1]) > 100) return [{ type: 'Invalid', field: path, value: v, detail: 'must not be greater than 100%' }]
  }
  return []
}

const isZero = (v: unknown) => v === 0 || v === '0%' || v === undefined || v === null

function validateStrategy(st: unknown, path: string): FieldError[] {
  const s = isObj(st) ? st : {}
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate ? [{ type: 'Forbidden', field: path + '.rollingUpdate', detail: "may not be specified when strategy `type` is 'Recreate'" }] : []
    case 'RollingUpdate': {
      const ru = s.rollingUpdate
      if (!isObj(ru)) return [{ type: 'Required', field: path + '.rollingUpdate', detail: 'this should be defaulted and never be nil' }]
      const errs = [...intOrPercent(ru.maxUnavailable, path + '.rollingUpdate.maxUnavailable'), ...intOrPercent(ru.maxSurge, path + '.rollingUpdate.maxSurge')]
      if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
        errs.push({ type: 'Invalid', field: path + '.rollingUpdate.maxUnavailable', value: ru.maxUnavailable ?? 0, detail: 'may not be 0 when `maxSurge` is 0' })
      }
      return errs
    }
    default:
      return [{ type: 'NotSupported', field: path, valueText: `apps.DeploymentStrategy{Type:${JSON.stringify(String(s.type ?? ''))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`, supported: ['Recreate', 'RollingUpdate'], keepOrder: true }]
  }
}

export function validateDeployment(d: KubeObject): FieldError[] {
  const spec = isObj(d.spec) ? d.spec : {}
  const errs = validateObjectMeta(d, isDNS1123Subdomain)
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'))
  errs.push(...validateSelector(spec.selector, 'spec.selector', 'deployment'))
  errs.push(...validateTemplate(spec, 'spec.template'))
  errs.push(...validateStrategy(spec.strategy, 'spec.strategy'))
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'))
  if (typeof spec.revisionHistoryLimit === 'number') errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'))
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'))
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push({ type: 'Invalid', field: 'spec.progressDeadlineSeconds', value: spec.progressDeadlineSeconds, detail: 'must be greater than minReadySeconds' })
    }
  }
  return errs
}

export function validateReplicaSet(rs: KubeObject): FieldError[] {
  const spec = isObj(rs.spec) ? rs.spec : {}
  const errs = validateObjectMeta(rs, isDNS1123Subdomain)
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'))
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'))
  errs.push(...validateSelector(spec.selector, 'spec.selector', 'deployment'))
  errs.push(...validateTemplate(spec, 'spec.template'))
  return errs
}

/** apps/v1 forbids changing spec.selector: `spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable`. */
export function validateSelectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const n = (obj.spec as Obj | undefined)?.selector
  const o = (old.spec as Obj | undefined)?.selector
  const norm = (s: any) => JSON.stringify({ l: s?.matchLabels ?? {}, e: s?.matchExpressions ?? [] }, Object.keys(s?.matchLabels ?? {}).sort().concat(['l', 'e', 'key', 'operator', 'values']))
  if (norm(n) === norm(o)) return []
  return [{ type: 'Invalid', field: 'spec.selector', valueText: goLabelSelector(n), detail: 'field is immutable' }]
}
