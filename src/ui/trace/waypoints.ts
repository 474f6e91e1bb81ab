// Where each hop of a trace happens on the cluster picture: the point the replayed packet moves to, and the
// Service a hop's rule belongs to (highlighted while the packet is there). Pure: trace + layout in, points out.

import type { Hop, Trace } from '../../trace/types.ts'
import type { Box, Layout } from '../cluster/layout.ts'

export interface Waypoint {
  x: number
  y: number
  /** the hops (indexes into trace.hops) that happen at this point, in order */
  hops: number[]
  /** layout key of the place: `pod:ns/name`, `node:name`, `outside:name` */
  place: string
}

const center = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 })

/** The picture's point for a hop, or undefined when the place is not drawn (a hidden namespace). */
export function placeOf(hop: Hop, layout: Layout): { key: string; x: number; y: number } | undefined {
  const w = hop.where
  if (w.kind === 'pod') {
    const b = layout.pods.get(w.host)
    return b && { key: `pod:${w.host}`, ...center(b) }
  }
  if (w.kind === 'node') {
    const b = layout.nodes.get(w.host)
    // a node's own stack sits in its header, above its pods
    return b && { key: `node:${w.host}`, x: b.x + b.w / 2, y: b.y + 30 }
  }
  const b = layout.outside.get(w.kind === 'loadbalancer' ? `lb:${w.host}` : w.host)
  return b && { key: `outside:${w.host}`, ...center(b) }
}

/** Consecutive hops at one place share a waypoint; places not drawn are skipped. */
export function waypoints(trace: Trace, layout: Layout): Waypoint[] {
  const out: Waypoint[] = []
  trace.hops.forEach((hop, i) => {
    const p = placeOf(hop, layout)
    if (!p) return
    const last = out[out.length - 1]
    if (last && last.place === p.key) last.hops.push(i)
    else out.push({ x: p.x, y: p.y, hops: [i], place: p.key })
  })
  return out
}

/**
 * The Service (`ns/name`) a hop's rule belongs to: kube-proxy's comments start with the service port name
 * (`default/web cluster IP`, `default/web:http -> 10.244.1.2:80`); IPVS hops name the virtual server's address.
 */
export function serviceOfHop(hop: Hop, services: Iterable<{ key: string; clusterIP: string }>): string | undefined {
  const list = [...services]
  if (hop.comment) {
    const m = /^([a-z0-9.-]+\/[a-z0-9.-]+)(?::[a-z0-9-]+)?(?:\s|$)/.exec(hop.comment)
    if (m && list.some((s) => s.key === m[1])) return m[1]
  }
  if (hop.ipvs) {
    const addr = /\s(\d+\.\d+\.\d+\.\d+):\d+/.exec(` ${hop.ipvs.service}`)?.[1]
    return list.find((s) => s.clusterIP === addr)?.key
  }
  return undefined
}
