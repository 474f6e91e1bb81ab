// STUB (owned by the shell work): createShell.
import type { CreateShellOptions, Shell } from './types.ts'
import { kubectl } from './kubectl/index.ts'

export function createShell(opts: CreateShellOptions): Shell {
  const history: string[] = []
  return {
    cluster: opts.cluster,
    fs: opts.fs!,
    history,
    prompt: () => 'root@controlplane:~# ',
    complete: (line) => ({ candidates: [], replacement: '', start: line.length }),
    cancel: () => {},
    run(line) {
      history.push(line)
      const args = line.trim().split(/\s+/)
      if (args[0] !== 'kubectl') return { done: true, command: line, stdout: '', stderr: `bash: ${args[0]}: command not found\n`, exitCode: 127, effects: [] }
      const r = kubectl({ args: args.slice(1), stdin: '', cluster: opts.cluster, fs: opts.fs!, host: { kind: 'node', node: 'controlplane' }, env: {}, effect: () => {} })
      return { done: true, command: line, effects: [], ...r }
    },
  }
}
