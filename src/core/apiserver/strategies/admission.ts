// Registry strategy for ValidatingWebhookConfigurations (k/k pkg/registry/admissionregistration,
// admissionregistration/v1 defaults): per-webhook failurePolicy, matchPolicy, selectors, timeout, rule scope,
// service port. The lab stores webhooks but calls none (no admission webhooks run).
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { Strategy } from '../store.ts'
import { jsonEqual } from '../../util/equal.ts'
import { validateValidatingWebhookConfiguration } from '../validation/admission.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** SetDefaults_ValidatingWebhook, SetDefaults_Rule, SetDefaults_ServiceReference for every webhook. */
export function defaultWebhookConfiguration(o: Obj): void {
  if (!Array.isArray(o.webhooks)) return
  for (const w of o.webhooks) {
    if (!isObj(w)) continue
    w.failurePolicy ||= 'Fail'
    w.matchPolicy ||= 'Equivalent'
    if (!isObj(w.namespaceSelector)) w.namespaceSelector = {}
    if (!isObj(w.objectSelector)) w.objectSelector = {}
    w.timeoutSeconds ??= 10
    if (Array.isArray(w.rules)) for (const r of w.rules) if (isObj(r)) r.scope ||= '*'
    if (isObj(w.clientConfig) && isObj(w.clientConfig.service)) w.clientConfig.service.port ??= 443
  }
}

export const validatingWebhookConfigurationStrategy: Strategy = {
  prepareForCreate: (o) => defaultWebhookConfiguration(o),
  validate: (o) => validateValidatingWebhookConfiguration(o),
  prepareForUpdate: (o) => defaultWebhookConfiguration(o),
  validateUpdate: (o) => validateValidatingWebhookConfiguration(o),
  // a change of webhooks bumps metadata.generation (the object has no spec)
  generationChanged: (o, old) => !jsonEqual(o.webhooks, old.webhooks),
  generation: true,
}
