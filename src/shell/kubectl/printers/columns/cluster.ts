// `kubectl get` columns for nodes, namespaces, configmaps, secrets and events
// (k/k printers.go printNode, printNamespace, printConfigMap, printSecret, printEvent).

import type { ConfigMap, KubeEvent, Namespace, Node, Secret } from '../../../../core/api/types.ts'
import { translateTimestampSince } from '../../age.ts'
import type { TableDef } from './types.ts'

/** Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned. */
export function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')
  const out = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown']
  if (n.spec?.unschedulable) out.push('SchedulingDisabled')
  return out.join(',')
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(n: Node): string[] {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length)
      if (r) roles.add(r)
    } else if (k === 'kubernetes.io/role' && v) roles.add(v)
  }
  return [...roles].sort()
}

const addr = (n: Node, type: string): string => n.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>'

export const nodeTable: TableDef = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Roles' }, { name: 'Age' }, { name: 'Version' },
    { name: 'Internal-IP', wide: true }, { name: 'External-IP', wide: true }, { name: 'OS-Image', wide: true },
    { name: 'Kernel-Version', wide: true }, { name: 'Container-Runtime', wide: true },
  ],
  row(obj, ctx) {
    const n = obj as Node
    const info = n.status?.nodeInfo ?? {}
    return [
      n.metadata.name, nodeStatus(n), nodeRoles(n).join(',') || '<none>', translateTimestampSince(n.metadata.creationTimestamp, ctx.now),
      info.kubeletVersion ?? '', addr(n, 'InternalIP'), addr(n, 'ExternalIP'), info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
    ]
  },
}

export const namespaceTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
  row(obj, ctx) {
    const ns = obj as Namespace
    return [ns.metadata.name, ns.status?.phase ?? '', translateTimestampSince(ns.metadata.creationTimestamp, ctx.now)]
  },
}

export const configMapTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
  row(obj, ctx) {
    const cm = obj as ConfigMap
    const n = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length
    return [cm.metadata.name, String(n), translateTimestampSince(cm.metadata.creationTimestamp, ctx.now)]
  },
}

export const secretTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }],
  row(obj, ctx) {
    const s = obj as Secret
    return [s.metadata.name, s.type ?? 'Opaque', String(Object.keys(s.data ?? {}).length), translateTimestampSince(s.metadata.creationTimestamp, ctx.now)]
  },
}

export const eventTable: TableDef = {
  columns: [
    { name: 'Last Seen' }, { name: 'Type' }, { name: 'Reason' }, { name: 'Object' }, { name: 'Subobject', wide: true },
    { name: 'Source', wide: true }, { name: 'Message' }, { name: 'First Seen', wide: true }, { name: 'Count', wide: true },
    { name: 'Name', wide: true },
  ],
  row(obj, ctx) {
    const e = obj as KubeEvent
    const first = translateTimestampSince(e.firstTimestamp ?? (e as { eventTime?: string }).eventTime, ctx.now)
    const last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, ctx.now) : first
    const io = e.involvedObject
    const target = io.name ? `${io.kind.toLowerCase()}/${io.name}` : io.kind.toLowerCase()
    const src = e.source?.component ? (e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component) : ''
    return [last, e.type, e.reason, target, io.fieldPath ?? '', src, e.message.trim(), first, String(e.count || 1), e.metadata.name]
  },
}
