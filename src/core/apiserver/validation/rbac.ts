// RBAC and ServiceAccount validation (k/k pkg/apis/rbac/validation: ValidateRole, ValidateClusterRole,
// ValidateRoleBinding, ValidateClusterRoleBinding, ValidatePolicyRule; ServiceAccount names are DNS subdomains).
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'
import { validateObjectMeta } from './meta.ts'
import { isDNS1123Subdomain } from './names.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): any[] => (Array.isArray(v) ? v : [])

export const RBAC_GROUP = 'rbac.authorization.k8s.io'

/** path.ValidatePathSegmentName (ValidateRBACName): any name but `.`/`..` and names with `/` or `%`. */
export function isPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  for (const bad of ['/', '%']) if (name.includes(bad)) return [`may not contain '${bad}'`]
  return []
}

/** ValidatePolicyRule. */
function validatePolicyRule(rule: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (!list(rule.verbs).length) errs.push({ type: 'Required', field: path + '.verbs', detail: 'verbs must contain at least one value' })
  const urls = list(rule.nonResourceURLs)
  if (urls.length) {
    if (namespaced) errs.push({ type: 'Invalid', field: path + '.nonResourceURLs', value: urls, detail: 'namespaced rules cannot apply to non-resource URLs' })
    if (list(rule.apiGroups).length || list(rule.resources).length || list(rule.resourceNames).length) {
      errs.push({ type: 'Invalid', field: path + '.nonResourceURLs', value: urls, detail: 'rules cannot apply to both regular resources and non-resource URLs' })
    }
    return errs
  }
  if (!list(rule.apiGroups).length) errs.push({ type: 'Required', field: path + '.apiGroups', detail: 'resource rules must supply at least one api group' })
  if (!list(rule.resources).length) errs.push({ type: 'Required', field: path + '.resources', detail: 'resource rules must supply at least one resource' })
  return errs
}

function validateRules(o: KubeObject, namespaced: boolean): FieldError[] {
  return list(o.rules).flatMap((r, i) => validatePolicyRule(isObj(r) ? r : {}, namespaced, `rules[${i}]`))
}

export function validateRole(o: KubeObject): FieldError[] {
  return [...validateObjectMeta(o, isPathSegmentName), ...validateRules(o, true)]
}

export function validateClusterRole(o: KubeObject): FieldError[] {
  return [...validateObjectMeta(o, isPathSegmentName), ...validateRules(o, false)]
}

/** ValidateRoleBindingSubject. */
function validateSubject(s: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (!s.name) errs.push({ type: 'Required', field: path + '.name' })
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const msg of isDNS1123Subdomain(String(s.name))) errs.push({ type: 'Invalid', field: path + '.name', value: s.name, detail: msg })
      if (s.apiGroup) errs.push({ type: 'NotSupported', field: path + '.apiGroup', value: s.apiGroup, supported: [''], keepOrder: true })
      if (!namespaced && !s.namespace) errs.push({ type: 'Required', field: path + '.namespace' })
      break
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push({ type: 'NotSupported', field: path + '.apiGroup', value: s.apiGroup ?? '', supported: [RBAC_GROUP], keepOrder: true })
      break
    default:
      errs.push({ type: 'NotSupported', field: path + '.kind', value: s.kind ?? '', supported: ['ServiceAccount', 'User', 'Group'], keepOrder: true })
  }
  return errs
}

function validateBinding(o: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(o, isPathSegmentName)
  const ref = isObj(o.roleRef) ? o.roleRef : {}
  if (ref.apiGroup !== RBAC_GROUP) errs.push({ type: 'NotSupported', field: 'roleRef.apiGroup', value: ref.apiGroup ?? '', supported: [RBAC_GROUP], keepOrder: true })
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole']
  if (!kinds.includes(ref.kind)) errs.push({ type: 'NotSupported', field: 'roleRef.kind', value: ref.kind ?? '', supported: kinds, keepOrder: true })
  if (!ref.name) errs.push({ type: 'Required', field: 'roleRef.name' })
  else for (const msg of isPathSegmentName(String(ref.name))) errs.push({ type: 'Invalid', field: 'roleRef.name', value: ref.name, detail: msg })
  list(o.subjects).forEach((s, i) => errs.push(...validateSubject(isObj(s) ? s : {}, namespaced, `subjects[${i}]`)))
  return errs
}

export function validateRoleBinding(o: KubeObject): FieldError[] {
  return validateBinding(o, true)
}

export function validateClusterRoleBinding(o: KubeObject): FieldError[] {
  return validateBinding(o, false)
}

/** ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate: roleRef cannot change. */
export function validateRoleRefUnchanged(o: KubeObject, old: KubeObject): FieldError[] {
  const a = isObj(o.roleRef) ? o.roleRef : {}, b = isObj(old.roleRef) ? old.roleRef : {}
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return []
  return [{ type: 'Invalid', field: 'roleRef', valueText: `rbac.RoleRef{APIGroup:${JSON.stringify(a.apiGroup ?? '')}, Kind:${JSON.stringify(a.kind ?? '')}, Name:${JSON.stringify(a.name ?? '')}}`, detail: 'cannot change roleRef' }]
}

export function validateServiceAccount(o: KubeObject): FieldError[] {
  return validateObjectMeta(o, isDNS1123Subdomain)
}
