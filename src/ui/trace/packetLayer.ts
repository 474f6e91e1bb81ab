// The packet layer of the cluster view (d3): the replayed trace's path as a dashed trail and a packet dot that
// moves from place to place, calling back at each hop. A replay of recorded data: it never drives the model.

import { select, easeCubicInOut, type Selection } from 'd3'
import type { Waypoint } from './waypoints.ts'

export interface PacketLayer {
  /** draw the trail and move the packet along it from the start; onHop(i) fires for every hop index reached */
  play(points: Waypoint[], verdictClass: string, onHop: (hop: number) => void, onEnd: () => void): void
  /** show the packet at the waypoint holding `hop`, without animation */
  jump(points: Waypoint[], verdictClass: string, hop: number): void
  /** remove the trail and the packet */
  clear(): void
  destroy(): void
}

/** Time the packet takes between two places, and the pause per hop at a place (ms). */
export const SEGMENT_MS = 550
export const HOP_MS = 140

function trail(points: Waypoint[]): string {
  if (!points.length) return ''
  let d = `M${points[0].x},${points[0].y}`
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1], b = points[i]
    const my = (a.y + b.y) / 2
    d += ` C${a.x},${my} ${b.x},${my} ${b.x},${b.y}`
  }
  return d
}

export function createPacketLayer(container: SVGGElement, reducedMotion = false): PacketLayer {
  const root: Selection<SVGGElement, unknown, null, undefined> = select(container).append('g').attr('class', 'packet-layer').attr('pointer-events', 'none')
  const path = root.append('path').attr('class', 'packet-trail')
  const dot = root.append('circle').attr('class', 'packet').attr('r', 7).style('opacity', 0)
  let run = 0

  const stop = () => {
    run++
    dot.interrupt()
    path.interrupt()
  }

  return {
    play(points, verdictClass, onHop, onEnd) {
      stop()
      const mine = run
      root.attr('data-verdict', verdictClass)
      path.attr('d', trail(points)).style('opacity', 1)
      if (!points.length) return onEnd()
      dot.attr('cx', points[0].x).attr('cy', points[0].y).style('opacity', 1)
      if (reducedMotion) {
        const last = points[points.length - 1]
        dot.attr('cx', last.x).attr('cy', last.y)
        onHop(last.hops[last.hops.length - 1])
        return onEnd()
      }
      // walk: at each waypoint announce its hops one by one, then travel to the next
      const visit = (i: number, j: number) => {
        if (mine !== run) return
        const wp = points[i]
        if (j < wp.hops.length) {
          onHop(wp.hops[j])
          dot.transition().duration(HOP_MS).attr('r', 7).on('end', () => visit(i, j + 1))
          return
        }
        if (i + 1 >= points.length) return onEnd()
        const next = points[i + 1]
        dot.transition().duration(SEGMENT_MS).ease(easeCubicInOut).attr('cx', next.x).attr('cy', next.y).on('end', () => visit(i + 1, 0))
      }
      visit(0, 0)
    },
    jump(points, verdictClass, hop) {
      stop()
      root.attr('data-verdict', verdictClass)
      path.attr('d', trail(points)).style('opacity', 1)
      const wp = points.find((p) => p.hops.includes(hop)) ?? points[points.length - 1]
      if (!wp) return
      dot.attr('cx', wp.x).attr('cy', wp.y).style('opacity', 1)
    },
    clear() {
      stop()
      path.attr('d', '').style('opacity', 0)
      dot.style('opacity', 0)
    },
    destroy() {
      stop()
      root.remove()
    },
  }
}
