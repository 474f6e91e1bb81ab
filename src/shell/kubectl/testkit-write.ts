// Test helper for the writing verbs: a cluster, a workspace fs and `k('apply -f x.yaml', stdin)`.

import { createCluster } from '../../core/cluster/create.ts'
import { createWorkspaceFs } from '../fs.ts'
import type { ShellEffect } from '../types.ts'
import { kubectl } from './index.ts'

/** Splits a command line on spaces, honouring '...' and "..." (enough for tests). */
export function words(line: string): string[] {
  const out: string[] = []
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g
  let cur = '', had = false, last = 0
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const gap = line.slice(last, m.index)
    if (had && /\s/.test(gap)) {
      out.push(cur)
      cur = ''
    }
    cur += m[1] ?? m[2] ?? m[3]
    had = true
    last = re.lastIndex
  }
  if (had) out.push(cur)
  return out
}

export function lab(files: Record<string, string> = {}) {
  const cluster = createCluster({ seed: 7 })
  const fs = createWorkspaceFs({ files })
  const effects: ShellEffect[] = []
  const k = (line: string, stdin = '') => {
    const args = words(line)
    return kubectl({ args, stdin, cluster, fs, host: { kind: 'node', node: 'controlplane' }, env: {}, effect: (e) => effects.push(e) })
  }
  return { cluster, fs, effects, k }
}

