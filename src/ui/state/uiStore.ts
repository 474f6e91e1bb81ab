// UI state only (selection, pane sizes, profile choice, namespace filter). The cluster itself never lives here.

import { create } from 'zustand'
import type { ProfileName } from '../../core/cluster/types.ts'
import { KEYS, isRecord, loadJSON, saveJSON } from './persist.ts'

export interface Selection {
  kind: 'Node' | 'Pod' | 'Service'
  namespace?: string
  name: string
}

export interface PaneSizes {
  /** share of the width for the editor (the cluster view gets the rest) */
  editor: number
  /** share of the height for the top row (the terminal gets the rest) */
  top: number
}

export interface Settings {
  profile: ProfileName
  /** total node count; null = the profile's default */
  nodes: number | null
  /** show kube-system in the cluster view */
  showSystem: boolean
  panes: PaneSizes
}

export interface UiState extends Settings {
  selected: Selection | null
  select(s: Selection | null): void
  setPanes(p: Partial<PaneSizes>): void
  setShowSystem(v: boolean): void
  setCluster(profile: ProfileName, nodes: number | null): void
}

export const NODE_COUNTS = [1, 2, 3, 4, 5, 6] as const
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

export const DEFAULT_SETTINGS: Settings = { profile: 'kubeadm', nodes: null, showSystem: false, panes: { editor: 0.46, top: 0.58 } }

/** Accept a saved settings object, repairing or dropping what does not fit. */
export function parseSettings(raw: unknown): Settings | undefined {
  if (!isRecord(raw)) return undefined
  const d = DEFAULT_SETTINGS
  const panes = isRecord(raw.panes) ? raw.panes : {}
  const num = (v: unknown, fb: number) => (typeof v === 'number' && Number.isFinite(v) ? clamp(v, 0.15, 0.85) : fb)
  return {
    profile: raw.profile === 'binary' || raw.profile === 'kubeadm' ? raw.profile : d.profile,
    nodes: typeof raw.nodes === 'number' && (NODE_COUNTS as readonly number[]).includes(raw.nodes) ? raw.nodes : null,
    showSystem: raw.showSystem === true,
    panes: { editor: num(panes.editor, d.panes.editor), top: num(panes.top, d.panes.top) },
  }
}

const initial = loadJSON(KEYS.settings, parseSettings, DEFAULT_SETTINGS)

export const useUi = create<UiState>()((set) => ({
  ...initial,
  selected: null,
  select: (selected) => set({ selected }),
  setPanes: (p) =>
    set((s) => ({ panes: { editor: clamp(p.editor ?? s.panes.editor, 0.15, 0.85), top: clamp(p.top ?? s.panes.top, 0.15, 0.85) } })),
  setShowSystem: (showSystem) => set({ showSystem }),
  setCluster: (profile, nodes) => set({ profile, nodes, selected: null }),
}))

useUi.subscribe((s) => {
  saveJSON(KEYS.settings, { profile: s.profile, nodes: s.nodes, showSystem: s.showSystem, panes: s.panes } satisfies Settings)
})
