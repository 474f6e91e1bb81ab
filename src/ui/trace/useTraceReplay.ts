// Binds the packet layer to the cluster view: replays the shown trace whenever new traces arrive or the
// learner picks another trace or hop; keeps the layer in step with the layout.

import { useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react'
import type { Layout } from '../cluster/layout.ts'
import { createPacketLayer, type PacketLayer } from './packetLayer.ts'
import { useTraces } from './traceStore.ts'
import { waypoints } from './waypoints.ts'

const prefersReducedMotion = () => typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches

export function useTraceReplay(viewRef: RefObject<SVGGElement | null>, layout: Layout, resetKey: unknown): void {
  const layerRef = useRef<PacketLayer | null>(null)
  const traces = useTraces((s) => s.traces)
  const shown = useTraces((s) => s.shown)
  const generation = useTraces((s) => s.generation)
  const playing = useTraces((s) => s.playing)
  const hop = useTraces((s) => s.hop)
  const trace = traces[shown]
  const points = useMemo(() => (trace ? waypoints(trace, layout) : []), [trace, layout])

  useLayoutEffect(() => {
    const layer = createPacketLayer(viewRef.current!, prefersReducedMotion())
    layerRef.current = layer
    return () => layer.destroy()
  }, [viewRef, resetKey])

  // a new set of traces (or another trace picked): play it from the start
  useEffect(() => {
    const layer = layerRef.current
    if (!layer) return
    if (!trace) return layer.clear()
    const { setHop, setPlaying } = useTraces.getState()
    if (useTraces.getState().playing) layer.play(points, trace.verdict, setHop, () => setPlaying(false))
    else layer.jump(points, trace.verdict, Math.max(0, useTraces.getState().hop))
    // points change with the layout too; only a new generation restarts the animation
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation])

  // stepping by hand (paused): move the packet to the chosen hop
  useEffect(() => {
    if (!trace || playing || hop < 0) return
    layerRef.current?.jump(points, trace.verdict, hop)
  }, [hop, playing, trace, points])
}
