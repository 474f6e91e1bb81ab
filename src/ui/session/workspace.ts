// Keeps the learner's workspace files across reloads: files written in the session are saved to localStorage
// and written back into a new shell's file system (after a reload or a cluster reset).

import type { WorkspaceFs } from '../../shell/types.ts'
import { KEYS, loadJSON, saveJSON, stringRecord, isRecord } from '../state/persist.ts'

export const SAMPLE_FILE = 'nginx.yaml'

export const SAMPLE_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app: nginx
  ports:
  - port: 80
    targetPort: 80
`

export interface SavedWorkspace {
  /** absolute path -> content, files the learner wrote */
  files: Record<string, string>
  /** true once the sample was offered (deleting it must not bring it back) */
  seeded: boolean
}

export function loadWorkspace(): SavedWorkspace {
  return loadJSON<SavedWorkspace>(
    KEYS.workspace,
    (raw) => (isRecord(raw) ? { files: stringRecord(raw.files) ?? {}, seeded: raw.seeded === true } : undefined),
    { files: {}, seeded: false },
  )
}

export interface WorkspaceBinding {
  /** absolute paths of the learner's files, sorted */
  files(): readonly string[]
  subscribe(fn: () => void): () => void
  /** save now (page hide) */
  flush(): void
  dispose(): void
}

/**
 * Write the saved files (or the sample on first use) into `fs`, then keep saving every change.
 * Saving is debounced; dispose() flushes.
 */
export function bindWorkspace(fs: WorkspaceFs, saved = loadWorkspace(), save = (w: SavedWorkspace) => saveJSON(KEYS.workspace, w)): WorkspaceBinding {
  const state: SavedWorkspace = { files: { ...saved.files }, seeded: saved.seeded }
  if (!state.seeded) {
    state.files[fs.resolve(SAMPLE_FILE)] = SAMPLE_MANIFEST
    state.seeded = true
  }
  for (const [path, content] of Object.entries(state.files)) {
    try {
      if (fs.read(path) !== content) fs.write(path, content)
    } catch {
      delete state.files[path] // a path the fs refuses (e.g. a read-only system file)
    }
  }
  save(state)
  let list: readonly string[] = Object.keys(state.files).sort()
  const listeners = new Set<() => void>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    save(state)
  }
  const off = fs.watch((changed) => {
    const path = fs.resolve(changed)
    const content = fs.exists(path) && !fs.isDir(path) ? fs.read(path) : undefined
    const known = path in state.files
    if (content === undefined) delete state.files[path]
    else state.files[path] = content
    if (known !== (content !== undefined)) {
      list = Object.keys(state.files).sort()
      for (const l of [...listeners]) l()
    }
    if (timer === undefined) timer = setTimeout(flush, 200)
  })
  return {
    files: () => list,
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer)
      flush()
    },
    dispose() {
      off()
      if (timer !== undefined) {
        clearTimeout(timer)
        flush()
      }
    },
  }
}
