// `kubectl get` columns for serviceaccounts, roles, clusterroles, rolebindings, clusterrolebindings and
// validatingwebhookconfigurations (k/k printers.go printServiceAccount, printRole, printClusterRole,
// printRoleBinding, printClusterRoleBinding, printValidatingWebhook).

import type { KubeObject } from '../../../../core/api/types.ts'
import { translateTimestampSince } from '../../age.ts'
import type { TableDef } from './types.ts'

interface Subject { kind?: string; name?: string; namespace?: string }
interface Binding extends KubeObject { roleRef?: { kind?: string; name?: string }; subjects?: Subject[] }

const age = (o: KubeObject, now: number) => translateTimestampSince(o.metadata.creationTimestamp, now)

export const serviceAccountTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Secrets' }, { name: 'Age' }],
  row: (o, ctx) => [o.metadata.name, String(Array.isArray(o.secrets) ? o.secrets.length : 0), age(o, ctx.now)],
}

/** `Created At`: the creation time in RFC 3339, UTC. */
export const roleTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Created At' }],
  row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
}

/** rbac helper SubjectsStrings: users, groups and service accounts (`namespace/name`), each joined with `, `. */
export function subjectsStrings(subjects: Subject[] | undefined): [string, string, string] {
  const users: string[] = [], groups: string[] = [], sas: string[] = []
  for (const s of subjects ?? []) {
    if (s.kind === 'User') users.push(s.name ?? '')
    else if (s.kind === 'Group') groups.push(s.name ?? '')
    else if (s.kind === 'ServiceAccount') sas.push(s.namespace ? `${s.namespace}/${s.name ?? ''}` : s.name ?? '')
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')]
}

export const roleBindingTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Role' }, { name: 'Age' }, { name: 'Users', wide: true }, { name: 'Groups', wide: true }, { name: 'ServiceAccounts', wide: true }],
  row(o, ctx) {
    const b = o as Binding
    return [b.metadata.name, `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, age(b, ctx.now), ...subjectsStrings(b.subjects)]
  },
}

export const validatingWebhookTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Webhooks' }, { name: 'Age' }],
  row: (o, ctx) => [o.metadata.name, String(Array.isArray(o.webhooks) ? o.webhooks.length : 0), age(o, ctx.now)],
}
