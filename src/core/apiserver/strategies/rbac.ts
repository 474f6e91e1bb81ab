// Registry strategies for ServiceAccounts and the RBAC kinds (k/k pkg/registry/core/serviceaccount,
// pkg/registry/rbac/*): subject and roleRef defaults, validation, roleRef immutable on update. No generation.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { KubeObject } from '../../api/types.ts'
import type { Strategy } from '../store.ts'
import {
  RBAC_GROUP, validateClusterRole, validateClusterRoleBinding, validateRole, validateRoleBinding, validateRoleRefUnchanged, validateServiceAccount,
} from '../validation/rbac.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** rbac/v1 SetDefaults_Subject and SetDefaults_RoleRef. */
export function defaultBinding(b: KubeObject): void {
  if (isObj(b.roleRef)) b.roleRef.apiGroup ||= RBAC_GROUP
  if (!Array.isArray(b.subjects)) return
  for (const s of b.subjects) {
    if (!isObj(s) || s.apiGroup) continue
    if (s.kind === 'ServiceAccount') s.apiGroup = ''
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP
  }
}

export const serviceAccountStrategy: Strategy = {
  validate: (sa) => validateServiceAccount(sa),
  validateUpdate: (sa) => validateServiceAccount(sa),
  generation: false,
}

export const roleStrategy: Strategy = {
  validate: (r) => validateRole(r),
  validateUpdate: (r) => validateRole(r),
  generation: false,
}

export const clusterRoleStrategy: Strategy = {
  validate: (r) => validateClusterRole(r),
  validateUpdate: (r) => validateClusterRole(r),
  generation: false,
}

export const roleBindingStrategy: Strategy = {
  prepareForCreate: (b) => defaultBinding(b),
  validate: (b) => validateRoleBinding(b),
  prepareForUpdate: (b) => defaultBinding(b),
  validateUpdate: (b, old) => [...validateRoleBinding(b), ...validateRoleRefUnchanged(b, old)],
  generation: false,
}

export const clusterRoleBindingStrategy: Strategy = {
  prepareForCreate: (b) => defaultBinding(b),
  validate: (b) => validateClusterRoleBinding(b),
  prepareForUpdate: (b) => defaultBinding(b),
  validateUpdate: (b, old) => [...validateClusterRoleBinding(b), ...validateRoleRefUnchanged(b, old)],
  generation: false,
}
