// ValidatingWebhookConfiguration validation (k/k pkg/apis/admissionregistration/validation), the fields the
// ingress-nginx manifest sets: webhook names, admissionReviewVersions, sideEffects, clientConfig.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'
import { validateObjectMeta } from './meta.ts'
import { isDNS1123Subdomain } from './names.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): any[] => (Array.isArray(v) ? v : [])

const SIDE_EFFECTS = ['None', 'NoneOnDryRun']

export function validateValidatingWebhookConfiguration(o: KubeObject): FieldError[] {
  const errs = validateObjectMeta(o, isDNS1123Subdomain)
  const seen = new Set<string>()
  list(o.webhooks).forEach((w: unknown, i) => {
    const h = isObj(w) ? w : {}
    const p = `webhooks[${i}]`
    const name = String(h.name ?? '')
    if (!name) errs.push({ type: 'Required', field: p + '.name' })
    else {
      if (name.split('.').length < 3) errs.push({ type: 'Invalid', field: p + '.name', value: name, detail: 'should be a domain with at least three segments separated by dots' })
      if (seen.has(name)) errs.push({ type: 'Duplicate', field: p + '.name', value: name })
      seen.add(name)
    }
    if (!list(h.admissionReviewVersions).length) {
      errs.push({ type: 'Required', field: p + '.admissionReviewVersions', detail: 'must specify one of "v1", "v1beta1"' })
    }
    if (!SIDE_EFFECTS.includes(h.sideEffects)) {
      errs.push(h.sideEffects === undefined
        ? { type: 'Required', field: p + '.sideEffects', detail: 'must specify one of None, NoneOnDryRun' }
        : { type: 'NotSupported', field: p + '.sideEffects', value: h.sideEffects, supported: SIDE_EFFECTS, keepOrder: true })
    }
    const cc = isObj(h.clientConfig) ? h.clientConfig : {}
    if (!cc.url && !isObj(cc.service)) errs.push({ type: 'Required', field: p + '.clientConfig', detail: 'exactly one of url or service is required' })
    if (cc.url && isObj(cc.service)) errs.push({ type: 'Required', field: p + '.clientConfig', detail: 'exactly one of url or service is required' })
  })
  return errs
}
