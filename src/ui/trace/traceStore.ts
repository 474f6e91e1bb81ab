// UI state of the trace replay: the traces of the last command that sent traffic, which one is shown, which hop
// the replay is at, and whether it is playing. Traces are plain data handed over by the shell; nothing here
// computes networking.

import { create } from 'zustand'
import type { Trace } from '../../trace/types.ts'

export interface TraceState {
  /** the command line whose traces these are */
  command: string
  traces: Trace[]
  /** index into traces */
  shown: number
  /** index of the current hop of the shown trace (-1 before the first) */
  hop: number
  playing: boolean
  /** bumps on every new set of traces, so the packet layer restarts */
  generation: number
  setTraces(command: string, traces: Trace[]): void
  show(index: number): void
  setHop(hop: number): void
  setPlaying(playing: boolean): void
  clear(): void
}

/** Keep at most this many traces of one command (a `ping -c 100` sends 100). */
export const MAX_TRACES = 50

export const useTraces = create<TraceState>()((set) => ({
  command: '',
  traces: [],
  shown: 0,
  hop: -1,
  playing: false,
  generation: 0,
  setTraces: (command, traces) =>
    set((s) => {
      const kept = traces.slice(-MAX_TRACES)
      // a name lookup's DNS queries come first: show the connection they led to
      const shown = Math.max(0, kept.findIndex((t) => !t.request.dns))
      return { command, traces: kept, shown, hop: -1, playing: traces.length > 0, generation: s.generation + 1 }
    }),
  show: (index) => set((s) => ({ shown: Math.max(0, Math.min(index, s.traces.length - 1)), hop: -1, playing: true, generation: s.generation + 1 })),
  setHop: (hop) => set({ hop }),
  setPlaying: (playing) => set({ playing }),
  clear: () => set((s) => ({ command: '', traces: [], shown: 0, hop: -1, playing: false, generation: s.generation + 1 })),
}))
