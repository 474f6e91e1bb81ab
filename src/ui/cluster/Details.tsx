// A small card under the cluster view describing the selected node, pod or Service (read live from the store).

import type { Node, Pod, Service } from '../../core/api/types.ts'
import type { Cluster } from '../../core/cluster/types.ts'
import { useUi } from '../state/uiStore.ts'
import { useStoreVersion } from './useClusterSnapshot.ts'
import { podView } from './snapshot.ts'

const kv = (m: Record<string, string> | undefined) =>
  Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || '<none>'

export function Details({ cluster }: { cluster: Cluster }) {
  useStoreVersion(cluster.store)
  const sel = useUi((s) => s.selected)
  const close = useUi((s) => s.select)
  if (!sel) return null
  const obj = cluster.store.get(sel.kind, sel.namespace, sel.name)
  const rows: [string, string][] = []
  if (!obj) rows.push(['', 'deleted'])
  else if (sel.kind === 'Pod') {
    const p = obj as Pod
    const v = podView(p)
    rows.push(['Status', v.phase], ['IP', v.ip || '<none>'], ['Node', v.node ?? '<none>'], ['Labels', kv(p.metadata.labels)])
  } else if (sel.kind === 'Service') {
    const s = obj as Service
    rows.push(
      ['Type', s.spec.type ?? 'ClusterIP'],
      ['IP', s.spec.clusterIP ?? '<none>'],
      ['Ports', (s.spec.ports ?? []).map((p) => `${p.name ? p.name + ' ' : ''}${p.port}/${p.protocol ?? 'TCP'} → ${p.targetPort ?? p.port}`).join(', ') || '<none>'],
      ['Selector', kv(s.spec.selector)],
    )
  } else {
    const n = obj as Node
    rows.push(
      ['InternalIP', n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''],
      ['PodCIDR', n.spec.podCIDR ?? ''],
      ['Taints', (n.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`).join(', ') || '<none>'],
    )
  }
  return (
    <div className="details" data-testid="details">
      <div className="details-head">
        <strong>
          {sel.kind.toLowerCase()}/{sel.name}
        </strong>
        {sel.namespace && <span className="muted"> in {sel.namespace}</span>}
        <span className="spacer" />
        <button type="button" className="icon" aria-label="Close details" onClick={() => close(null)}>
          ×
        </button>
      </div>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
