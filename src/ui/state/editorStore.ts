// The editor's open files and their buffers (the learner's unsaved text), saved to localStorage on every change.

import { create } from 'zustand'
import { KEYS, isRecord, loadJSON, saveJSON, stringArray, stringRecord } from './persist.ts'

export interface EditorState {
  /** open tabs, absolute paths */
  open: string[]
  active: string | null
  /** editor text per open path (may differ from the file: unsaved work) */
  buffers: Record<string, string>
  /** open a file (or focus it); `content` is used when no buffer exists yet, or always with `replace` */
  openFile(path: string, content: string, replace?: boolean): void
  close(path: string): void
  setActive(path: string): void
  setBuffer(path: string, text: string): void
}

interface Saved { open: string[]; active: string | null; buffers: Record<string, string> }

export function parseEditor(raw: unknown): Saved | undefined {
  if (!isRecord(raw)) return undefined
  const buffers = stringRecord(raw.buffers) ?? {}
  const open = (stringArray(raw.open) ?? []).filter((p) => p in buffers)
  const active = typeof raw.active === 'string' && open.includes(raw.active) ? raw.active : (open[0] ?? null)
  return { open, active, buffers }
}

const initial = loadJSON<Saved>(KEYS.editor, parseEditor, { open: [], active: null, buffers: {} })

export const useEditor = create<EditorState>()((set) => ({
  ...initial,
  openFile: (path, content, replace = false) =>
    set((s) => ({
      open: s.open.includes(path) ? s.open : [...s.open, path],
      active: path,
      buffers: replace || !(path in s.buffers) ? { ...s.buffers, [path]: content } : s.buffers,
    })),
  close: (path) =>
    set((s) => {
      const open = s.open.filter((p) => p !== path)
      const buffers = { ...s.buffers }
      delete buffers[path]
      const i = s.open.indexOf(path)
      const active = s.active === path ? (open[Math.min(i, open.length - 1)] ?? null) : s.active
      return { open, buffers, active }
    }),
  setActive: (active) => set({ active }),
  setBuffer: (path, text) => set((s) => (s.buffers[path] === text ? s : { buffers: { ...s.buffers, [path]: text } })),
}))

let timer: ReturnType<typeof setTimeout> | undefined
const persist = () => {
  timer = undefined
  const { open, active, buffers } = useEditor.getState()
  saveJSON(KEYS.editor, { open, active, buffers } satisfies Saved)
}
useEditor.subscribe(() => {
  if (timer === undefined) timer = setTimeout(persist, 150)
})
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    if (timer !== undefined) {
      clearTimeout(timer)
      persist()
    }
  })
}
