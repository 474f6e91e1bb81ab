// Positions for the cluster view (world coordinates): Services in a row on top, nodes side by side below them.

import type { ClusterSnapshot, EndpointRef } from './snapshot.ts'

export interface Box { x: number; y: number; w: number; h: number }

export interface Layout {
  nodes: Map<string, Box>
  pods: Map<string, Box>
  services: Map<string, Box>
  /** outside hosts and load balancers by OutsideView key, in a row above the Services */
  outside: Map<string, Box>
  /** the box of unscheduled pods, if any */
  pending: Box | undefined
  edges: { key: string; service: string; target: string; ready: boolean; path: string }[]
  width: number
  height: number
}

export const SIZES = {
  nodeW: 250, nodeHeader: 58, nodeGap: 28, nodePad: 10,
  podH: 52, podGap: 8,
  svcW: 210, svcH: 60, svcGap: 22, svcRowGap: 90,
  outW: 190, outH: 48, outGap: 22, outRowGap: 60,
  minNodeH: 150,
}

function curve(x1: number, y1: number, x2: number, y2: number): string {
  const my = (y1 + y2) / 2
  return `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`
}

export function layoutCluster(snap: ClusterSnapshot): Layout {
  const S = SIZES
  const columns = [...snap.nodes.map((n) => ({ key: n.name, pods: n.pods }))]
  if (snap.unscheduled.length) columns.push({ key: '\0pending', pods: snap.unscheduled })
  const nodesWidth = columns.length * S.nodeW + Math.max(0, columns.length - 1) * S.nodeGap
  const svcPerRow = Math.max(1, Math.floor((Math.max(nodesWidth, S.svcW) + S.svcGap) / (S.svcW + S.svcGap)))
  const svcRows = Math.ceil(snap.services.length / svcPerRow)
  const services = new Map<string, Box>()
  snap.services.forEach((s, i) => {
    const row = Math.floor(i / svcPerRow)
    const inRow = Math.min(svcPerRow, snap.services.length - row * svcPerRow)
    const rowWidth = inRow * S.svcW + (inRow - 1) * S.svcGap
    const x0 = (Math.max(nodesWidth, rowWidth) - rowWidth) / 2
    services.set(s.key, { x: x0 + (i % svcPerRow) * (S.svcW + S.svcGap), y: row * (S.svcH + S.svcGap), w: S.svcW, h: S.svcH })
  })
  // outside hosts and load balancers: one row above everything (they reach the cluster from outside)
  const outside = new Map<string, Box>()
  snap.outside.forEach((o, i) => outside.set(o.key, { x: i * (S.outW + S.outGap), y: 0, w: S.outW, h: S.outH }))
  const outTop = snap.outside.length ? S.outH + S.outRowGap : 0
  if (outTop) for (const b of services.values()) b.y += outTop
  const top = outTop + (svcRows ? svcRows * (S.svcH + S.svcGap) - S.svcGap + S.svcRowGap : 0)
  const nodes = new Map<string, Box>()
  const pods = new Map<string, Box>()
  let pending: Box | undefined
  let height = top
  columns.forEach((col, i) => {
    const x = i * (S.nodeW + S.nodeGap)
    const podsH = col.pods.length * (S.podH + S.podGap)
    const h = Math.max(S.minNodeH, S.nodeHeader + podsH + S.nodePad)
    const box = { x, y: top, w: S.nodeW, h }
    if (col.key === '\0pending') pending = box
    else nodes.set(col.key, box)
    col.pods.forEach((p, j) => {
      pods.set(p.key, { x: x + S.nodePad, y: top + S.nodeHeader + j * (S.podH + S.podGap), w: S.nodeW - 2 * S.nodePad, h: S.podH })
    })
    height = Math.max(height, top + h)
  })
  const edges: Layout['edges'] = []
  for (const s of snap.services) {
    const sb = services.get(s.key)!
    for (const ep of s.endpoints) {
      const tb = targetBox(ep, pods, nodes)
      if (!tb) continue
      const x1 = sb.x + sb.w / 2
      const y1 = sb.y + sb.h
      const x2 = tb.x + tb.w / 2
      edges.push({ key: `${s.key}->${ep.target}`, service: s.key, target: ep.target, ready: ep.ready, path: curve(x1, y1, x2, tb.y) })
    }
  }
  const outWidth = snap.outside.length * (S.outW + S.outGap) - S.outGap
  return { nodes, pods, services, outside, pending, edges, width: Math.max(nodesWidth, S.svcW, outWidth), height }
}

function targetBox(ep: EndpointRef, pods: Map<string, Box>, nodes: Map<string, Box>): Box | undefined {
  if (ep.target.startsWith('node:')) return nodes.get(ep.target.slice(5))
  return pods.get(ep.target)
}
