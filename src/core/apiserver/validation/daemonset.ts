// DaemonSet validation (k/k pkg/apis/apps/validation: ValidateDaemonSet, ValidateDaemonSetSpec,
// ValidateDaemonSetUpdateStrategy): selector, template labels, restartPolicy Always, update strategy.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject, LabelSelector } from '../../api/types.ts'
import { goLabelSelector, goStringMap, nonNegative, selectorMatches, validateLabelSelector, validateObjectMeta, validateTemplateMeta } from './meta.ts'
import { isDNS1123Subdomain } from './names.ts'
import { validatePodSpec } from './pod.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

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

function validateUpdateStrategy(st: unknown): FieldError[] {
  const s = isObj(st) ? st : {}
  const path = 'spec.updateStrategy'
  if (s.type === 'OnDelete') return []
  if (s.type !== 'RollingUpdate') return [{ type: 'NotSupported', field: path + '.type', value: s.type ?? '', supported: ['OnDelete', 'RollingUpdate'], keepOrder: true }]
  const ru = s.rollingUpdate
  if (!isObj(ru)) return [{ type: 'Required', field: path + '.rollingUpdate' }]
  const errs = [...intOrPercent(ru.maxUnavailable, path + '.rollingUpdate.maxUnavailable'), ...intOrPercent(ru.maxSurge, path + '.rollingUpdate.maxSurge')]
  if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
    errs.push({ type: 'Invalid', field: path + '.rollingUpdate.maxUnavailable', value: ru.maxUnavailable ?? 0, detail: 'may not be 0 when `maxSurge` is 0' })
  }
  return errs
}

export function validateDaemonSet(ds: KubeObject): FieldError[] {
  const spec = isObj(ds.spec) ? ds.spec : {}
  const errs = validateObjectMeta(ds, isDNS1123Subdomain)
  const sel = isObj(spec.selector) ? (spec.selector as LabelSelector) : undefined
  if (!sel) errs.push({ type: 'Required', field: 'spec.selector' })
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'))
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push({ type: 'Invalid', field: 'spec.selector', valueText: '&' + goLabelSelector(sel), detail: 'empty selector is invalid for daemonset' })
    }
  }
  const t = spec.template
  if (!isObj(t)) errs.push({ type: 'Required', field: 'spec.template' })
  else {
    const md = isObj(t.metadata) ? t.metadata : {}
    if (sel && !selectorMatches(sel, md.labels)) {
      errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', valueText: goStringMap(md.labels), detail: '`selector` does not match template `labels`' })
    }
    errs.push(...validateTemplateMeta(md, 'spec.template.metadata'))
    errs.push(...validatePodSpec(t.spec, 'spec.template.spec'))
    const rp = isObj(t.spec) ? t.spec.restartPolicy : undefined
    if (rp !== 'Always') errs.push({ type: 'NotSupported', field: 'spec.template.spec.restartPolicy', value: rp ?? '', supported: ['Always'] })
  }
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'))
  if (typeof spec.revisionHistoryLimit === 'number') errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'))
  errs.push(...validateUpdateStrategy(spec.updateStrategy))
  return errs
}
