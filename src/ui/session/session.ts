// One lab session: a cluster, the shell over it, the terminal model and the saved workspace, created together.

import { createCluster } from '../../core/cluster/create.ts'
import type { Cluster, ProfileName } from '../../core/cluster/types.ts'
import { createShell } from '../../shell/shell.ts'
import type { Shell, ShellEffect } from '../../shell/types.ts'
import { TerminalController } from '../terminal/controller.ts'
import { KEYS, loadJSON, saveJSON, stringArray } from '../state/persist.ts'
import { createMemoryFs } from './memoryFs.ts'
import { useTraces } from '../trace/traceStore.ts'
import { bindWorkspace, type WorkspaceBinding } from './workspace.ts'

export const SEED = 1

export interface LabSession {
  readonly id: number
  readonly cluster: Cluster
  readonly shell: Shell
  readonly terminal: TerminalController
  readonly workspace: WorkspaceBinding
  dispose(): void
}

export interface SessionOptions {
  profile: ProfileName
  nodes: number | null
  onEffect?: (e: ShellEffect) => void
}

declare global {
  interface Window {
    /** test hook: the live objects of the current session (see src/ui/README.md) */
    __kubelab?: { shell: Shell; cluster: Cluster }
  }
}

let nextId = 1

export function createLabSession(opts: SessionOptions): LabSession {
  const cluster = createCluster({ profile: opts.profile, seed: SEED, ...(opts.nodes ? { nodes: opts.nodes } : {}) })
  let shell = createShell({ cluster })
  // a shell without its own file system gets the page's in-memory one
  if (!shell.fs) shell = createShell({ cluster, fs: createMemoryFs() })
  const workspace = bindWorkspace(shell.fs)
  const history = loadJSON(KEYS.history, stringArray, [])
  const terminal = new TerminalController(shell, {
    history,
    onHistory: (h) => saveJSON(KEYS.history, h.slice(-200)),
    onEffect: opts.onEffect,
    onTraces: (command, traces) => useTraces.getState().setTraces(command, traces),
  })
  useTraces.getState().clear() // a new cluster: the old traces' pods are gone
  if (typeof window !== 'undefined') window.__kubelab = { shell, cluster }
  return {
    id: nextId++,
    cluster,
    shell,
    terminal,
    workspace,
    dispose: () => workspace.dispose(),
  }
}
