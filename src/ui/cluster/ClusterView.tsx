// The cluster view: React draws nodes, pods, Services and endpoint lines as SVG; d3 owns pan/zoom and fades.

import { useLayoutEffect, useMemo, useRef } from 'react'
import type { Cluster } from '../../core/cluster/types.ts'
import { useUi, type Selection } from '../state/uiStore.ts'
import { layoutCluster, type Box } from './layout.ts'
import type { NodeView, PodView, ServiceView } from './snapshot.ts'
import { createEnterTransitions, type EnterTransitions } from './transitions.ts'
import { useClusterSnapshot } from './useClusterSnapshot.ts'
import { createZoom, type ZoomController } from './zoom.ts'
import { Details } from './Details.tsx'
import type { OutsideView } from './snapshot.ts'
import { TracePanel } from '../trace/TracePanel.tsx'
import { useTraces } from '../trace/traceStore.ts'
import { useTraceReplay } from '../trace/useTraceReplay.ts'
import { serviceOfHop } from '../trace/waypoints.ts'
import { RunOnLinux } from '../export/ExportPanel.tsx'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const trunc = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s)

function isSelected(sel: Selection | null, kind: Selection['kind'], name: string, namespace?: string): boolean {
  return !!sel && sel.kind === kind && sel.name === name && (sel.namespace ?? '') === (namespace ?? '')
}

export function ClusterView({ cluster }: { cluster: Cluster }) {
  const showSystem = useUi((s) => s.showSystem)
  const setShowSystem = useUi((s) => s.setShowSystem)
  const selected = useUi((s) => s.selected)
  const select = useUi((s) => s.select)
  const snap = useClusterSnapshot(cluster, showSystem)
  const layout = useMemo(() => layoutCluster(snap), [snap])
  const svgRef = useRef<SVGSVGElement>(null)
  const viewRef = useRef<SVGGElement>(null)
  const zoomRef = useRef<ZoomController | null>(null)
  const fadeRef = useRef<EnterTransitions | null>(null)
  const fitted = useRef(false)
  const lastSize = useRef({ width: 0, height: 0 })

  // layout effects, in order: the zoom exists before the first fit below
  useLayoutEffect(() => {
    const z = createZoom(svgRef.current!, viewRef.current!)
    const f = createEnterTransitions(viewRef.current!)
    zoomRef.current = z
    fadeRef.current = f
    fitted.current = false
    lastSize.current = { width: 0, height: 0 }
    return () => {
      z.destroy()
      f.destroy()
    }
  }, [cluster])

  // fit once per cluster (and whenever the content outgrows what was fitted); then the learner's pan/zoom stays
  useLayoutEffect(() => {
    const grew = layout.width > lastSize.current.width + 1 || layout.height > lastSize.current.height + 120
    zoomRef.current?.update({ width: layout.width, height: layout.height }, !fitted.current || grew)
    if (!fitted.current || grew) lastSize.current = { width: layout.width, height: layout.height }
    fitted.current = true
    fadeRef.current?.update()
  }, [layout])

  useTraceReplay(viewRef, layout, cluster)
  // the trace panel takes room beside the picture: fit the picture again when it opens or closes
  const tracing = useTraces((s) => s.traces.length > 0)
  useLayoutEffect(() => {
    if (fitted.current) zoomRef.current?.update({ width: layout.width, height: layout.height }, true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tracing])
  const hopService = useTraces((s) => {
    const h = s.traces[s.shown]?.hops[s.hop]
    return h ? serviceOfHop(h, snap.services) : undefined
  })

  const selKey = selected ? `${selected.namespace ?? ''}/${selected.name}` : ''
  const podCount = snap.nodes.reduce((n, x) => n + x.pods.length, snap.unscheduled.length)

  return (
    <div className="cluster-pane" data-testid="cluster-view">
      <div className="pane-toolbar">
        <span className="pane-title">Cluster</span>
        <span className="muted">
          {plural(snap.nodes.length, 'node')} · {plural(podCount, 'pod')} · {plural(snap.services.length, 'service')}
        </span>
        <span className="spacer" />
        <label className="toggle">
          <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} />
          kube-system
        </label>
        <button type="button" className="small" onClick={() => zoomRef.current?.update(layout, true)} title="Fit the picture to the pane">
          Fit
        </button>
        <RunOnLinux cluster={cluster} />
      </div>
      <div className="cluster-body">
      <svg ref={svgRef} className="cluster-svg" role="img" aria-label="cluster topology" onClick={(e) => e.target === svgRef.current && select(null)}>
        <defs>
          <pattern id="terminating" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="3" height="6" fill="rgba(255,255,255,0.08)" />
          </pattern>
        </defs>
        <g ref={viewRef}>
          <g className="edges">
            {layout.edges.map((e) => {
              const active = selKey && (e.service === selKey || e.target === selKey)
              return (
                <path
                  key={e.key}
                  data-key={`edge:${e.key}`}
                  d={e.path}
                  className={`edge${e.ready ? '' : ' not-ready'}${active ? ' active' : ''}`}
                />
              )
            })}
          </g>
          {snap.nodes.map((n) => (
            <NodeBox key={n.name} node={n} box={layout.nodes.get(n.name)!} selected={isSelected(selected, 'Node', n.name)} onSelect={select} />
          ))}
          {layout.pending && (
            <g className="node pending-column">
              <rect x={layout.pending.x} y={layout.pending.y} width={layout.pending.w} height={layout.pending.h} rx={10} />
              <text x={layout.pending.x + 12} y={layout.pending.y + 24} className="node-name">
                not scheduled
              </text>
            </g>
          )}
          {[...snap.nodes.flatMap((n) => n.pods), ...snap.unscheduled].map((p) => (
            <PodCard key={p.key} pod={p} box={layout.pods.get(p.key)!} selected={isSelected(selected, 'Pod', p.name, p.namespace)} onSelect={select} />
          ))}
          {snap.services.map((s) => (
            <ServiceBox key={s.key} svc={s} box={layout.services.get(s.key)!} selected={isSelected(selected, 'Service', s.name, s.namespace)} onSelect={select}
              traced={hopService === s.key} />
          ))}
          {snap.outside.map((o) => (
            <OutsideBox key={o.key} host={o} box={layout.outside.get(o.key)!} />
          ))}
        </g>
      </svg>
      <TracePanel />
      </div>
      <Details cluster={cluster} />
    </div>
  )
}

interface ItemProps<T> { box: Box; selected: boolean; onSelect: (s: Selection) => void; node?: T }

function NodeBox({ node: n, box, selected, onSelect }: ItemProps<NodeView> & { node: NodeView }) {
  return (
    <g className={`node ${n.role}${selected ? ' selected' : ''}${n.ready ? '' : ' not-ready'}`} data-testid="node" data-name={n.name}
      onClick={() => onSelect({ kind: 'Node', name: n.name })}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={10} />
      <text x={box.x + 12} y={box.y + 22} className="node-name">
        {trunc(n.name, 22)}
      </text>
      <text x={box.x + box.w - 12} y={box.y + 22} className="node-role" textAnchor="end">
        {n.role}
      </text>
      <text x={box.x + 12} y={box.y + 42} className="node-meta">
        {n.ip} · pods {n.podCIDR}
      </text>
    </g>
  )
}

function PodCard({ pod: p, box, selected, onSelect }: { pod: PodView; box: Box; selected: boolean; onSelect: (s: Selection) => void }) {
  const labels = p.labels.map(([k, v]) => `${k}=${v}`).join(', ')
  return (
    <g className={`pod ${p.health}${selected ? ' selected' : ''}`} data-key={`pod:${p.key}`} data-testid="pod" data-name={p.name}
      onClick={() => onSelect({ kind: 'Pod', namespace: p.namespace, name: p.name })}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={6} />
      {p.health === 'terminating' && <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={6} fill="url(#terminating)" />}
      <circle cx={box.x + 12} cy={box.y + 15} r={4.5} className="dot" />
      <text x={box.x + 22} y={box.y + 19} className="pod-name">
        {trunc(p.name, 27)}
      </text>
      <text x={box.x + 10} y={box.y + 33} className="pod-meta">
        {p.ip || 'no IP'} · {p.phase}
      </text>
      <text x={box.x + 10} y={box.y + 46} className="pod-labels">
        {trunc(labels || 'no labels', 36)}
      </text>
      <title>{`${p.namespace}/${p.name}\n${labels}`}</title>
    </g>
  )
}

function OutsideBox({ host: o, box }: { host: OutsideView; box: Box }) {
  return (
    <g className={`outside ${o.kind}`} data-key={`outside:${o.key}`} data-testid="outside" data-name={o.name}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
      <text x={box.x + 10} y={box.y + 19} className="svc-name">
        {trunc(o.name, 20)}
      </text>
      <text x={box.x + box.w - 10} y={box.y + 19} className="svc-type" textAnchor="end">
        {o.ip}
      </text>
      <text x={box.x + 10} y={box.y + 37} className="svc-meta">
        {trunc(o.detail, 30)}
      </text>
    </g>
  )
}

function ServiceBox({ svc: s, box, selected, onSelect, traced }: { svc: ServiceView; box: Box; selected: boolean; onSelect: (s: Selection) => void; traced: boolean }) {
  return (
    <g className={`service${selected ? ' selected' : ''}${traced ? ' traced' : ''}`} data-key={`svc:${s.key}`} data-testid="service" data-name={s.name}
      onClick={() => onSelect({ kind: 'Service', namespace: s.namespace, name: s.name })}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
      <text x={box.x + 10} y={box.y + 19} className="svc-name">
        {trunc(s.name, 18)}
      </text>
      <text x={box.x + box.w - 10} y={box.y + 19} className="svc-type" textAnchor="end">
        {s.type}
      </text>
      <text x={box.x + 10} y={box.y + 36} className="svc-meta">
        {s.clusterIP}
      </text>
      <text x={box.x + 10} y={box.y + 51} className="svc-meta">
        {trunc(s.ports, 30)} · {s.endpoints.length} endpoint{s.endpoints.length === 1 ? '' : 's'}
      </text>
      <title>{`${s.namespace}/${s.name}`}</title>
    </g>
  )
}

