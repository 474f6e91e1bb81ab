// flannel on a kubeadm cluster, as `kubectl apply -f .../kube-flannel.yml` leaves it: the kube-flannel namespace,
// the flannel ServiceAccount, ClusterRole and ClusterRoleBinding, the kube-flannel-cfg ConfigMap and the
// kube-flannel-ds DaemonSet (its controller makes one hostNetwork pod per node), decoded from the release
// manifest's own text, each with the last-applied-configuration annotation client-side apply writes.

import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../api/types.ts'
import { KUBE_FLANNEL_YML } from './bootstrap-flannel-yml.ts'

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** Go's encoding/json of an unstructured object: keys sorted, compact (the manifest has no characters Go escapes) */
function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${goJson(o[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}

/** The manifest's objects in file order, as kubectl apply sends them (annotations map set, last-applied value added). */
export function flannelManifestObjects(text: string = KUBE_FLANNEL_YML): KubeObject[] {
  const out: KubeObject[] = []
  for (const doc of parseAllDocuments(text)) {
    const o = doc.toJS() as KubeObject | null
    if (!o) continue
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}) }
    const applied = goJson(o) + '\n'
    o.metadata.annotations[LAST_APPLIED] = applied
    out.push(o)
  }
  return out
}

