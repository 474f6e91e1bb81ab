// The scale subresource's object (autoscaling/v1 Scale) of a Deployment or ReplicaSet, as the API server builds it
// (registry scaleFromDeployment): the owner's identity, spec.replicas, status.replicas and the selector as text.

import type { KubeObject } from '../../../core/api/types.ts'

export const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'])

interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
function selectorText(sel: LabelSelector | undefined): string {
  if (!sel) return ''
  const reqs: [string, string][] = []
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push([k, `${k}=${v}`])
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',')
    const text = e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})`
      : e.operator === 'Exists' ? e.key : `!${e.key}`
    reqs.push([e.key, text])
  }
  return reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, t]) => t).join(',')
}

export function scaleOf(o: KubeObject): KubeObject {
  const spec = (o.spec ?? {}) as { replicas?: number; selector?: LabelSelector }
  const status = (o.status ?? {}) as { replicas?: number }
  return {
    apiVersion: 'autoscaling/v1', kind: 'Scale',
    metadata: {
      name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, selector: selectorText(spec.selector) },
  }
}
