// `kubectl get deployments` and `kubectl get replicasets` columns (k/k printers.go printDeployment, printReplicaSet).

import type { Container, Deployment, LabelSelector, ReplicaSet } from '../../../../core/api/types.ts'
import { translateTimestampSince } from '../../age.ts'
import type { TableDef } from './types.ts'

/** metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key. */
export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return ''
  const reqs: [string, string][] = []
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push([k, `${k}=${v}`])
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',')
    if (e.operator === 'In') reqs.push([e.key, `${e.key} in (${vals})`])
    else if (e.operator === 'NotIn') reqs.push([e.key, `${e.key} notin (${vals})`])
    else if (e.operator === 'Exists') reqs.push([e.key, e.key])
    else reqs.push([e.key, `!${e.key}`])
  }
  return reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((r) => r[1]).join(',')
}

function containerCells(cs: Container[] | undefined): [string, string] {
  const list = cs ?? []
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')]
}

export const deploymentTable: TableDef = {
  columns: [
    { name: 'Name' }, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, { name: 'Age' },
    { name: 'Containers', wide: true }, { name: 'Images', wide: true }, { name: 'Selector', wide: true },
  ],
  row(obj, ctx) {
    const d = obj as Deployment
    const st = d.status ?? {}
    return [
      d.metadata.name, `${st.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0), translateTimestampSince(d.metadata.creationTimestamp, ctx.now),
      ...containerCells(d.spec.template?.spec?.containers), selectorString(d.spec.selector),
    ]
  },
}

export const replicaSetTable: TableDef = {
  columns: [
    { name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Age' },
    { name: 'Containers', wide: true }, { name: 'Images', wide: true }, { name: 'Selector', wide: true },
  ],
  row(obj, ctx) {
    const rs = obj as ReplicaSet
    const st = rs.status
    return [
      rs.metadata.name, String(rs.spec.replicas ?? 1), String(st?.replicas ?? 0), String(st?.readyReplicas ?? 0),
      translateTimestampSince(rs.metadata.creationTimestamp, ctx.now),
      ...containerCells(rs.spec.template?.spec?.containers), selectorString(rs.spec.selector),
    ]
  },
}
