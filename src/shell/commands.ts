// The explicit command registry: every program the terminal knows, and where it exists (node shell, pod shell).
// Session builtins (cd, export, exit, ssh, history ...) live in builtins/session.ts because they change the shell.

import type { Command, HostContext } from './types.ts'
import { kubectl } from './kubectl/index.ts'
import { base64 } from './builtins/base64.ts'
import { clear, date, echo, env, falseCmd, hostname, printenv, pwd, sleep, trueCmd, whoami } from './builtins/basic.ts'
import { cat, cp, mkdir, mv, rm, touch } from './builtins/files.ts'
import { grep } from './builtins/grep.ts'
import { awk } from './builtins/awk.ts'
import { cut, printf, tee, xargs } from './builtins/fields.ts'
import { ls } from './builtins/ls.ts'
import { sed } from './builtins/sed.ts'
import { head, sort, tail, tr, uniq, wc } from './builtins/text.ts'

export type Where = 'node' | 'pod'

export interface CommandEntry {
  name: string
  run: Command
  /** the host contexts that have this program */
  where: readonly Where[]
}

const BOTH: readonly Where[] = ['node', 'pod']
const NODE: readonly Where[] = ['node']

/** kubectl on a node: only the control plane has a kubeconfig; elsewhere kubectl falls back to localhost:8080. */
const kubectlOnNode: Command = (ctx) => {
  if (ctx.host.kind === 'node') {
    const n = ctx.cluster.profile.nodes.find((x) => x.name === (ctx.host as { node: string }).node)
    if (n && !n.controlPlane) {
      return { stdout: '', stderr: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n', exitCode: 1 }
    }
  }
  return kubectl(ctx)
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'kubectl', run: kubectlOnNode, where: NODE },
  { name: 'awk', run: awk, where: BOTH },
  { name: 'base64', run: base64, where: BOTH },
  { name: 'cat', run: cat, where: BOTH },
  { name: 'clear', run: clear, where: BOTH },
  { name: 'cp', run: cp, where: BOTH },
  { name: 'cut', run: cut, where: BOTH },
  { name: 'date', run: date, where: BOTH },
  { name: 'echo', run: echo, where: BOTH },
  { name: 'env', run: env, where: BOTH },
  { name: 'false', run: falseCmd, where: BOTH },
  { name: 'grep', run: grep, where: BOTH },
  { name: 'head', run: head, where: BOTH },
  { name: 'hostname', run: hostname, where: BOTH },
  { name: 'ls', run: ls, where: BOTH },
  { name: 'mkdir', run: mkdir, where: BOTH },
  { name: 'mv', run: mv, where: BOTH },
  { name: 'printenv', run: printenv, where: BOTH },
  { name: 'printf', run: printf, where: BOTH },
  { name: 'pwd', run: pwd, where: BOTH },
  { name: 'rm', run: rm, where: BOTH },
  { name: 'sed', run: sed, where: BOTH },
  { name: 'sleep', run: sleep, where: BOTH },
  { name: 'sort', run: sort, where: BOTH },
  { name: 'tail', run: tail, where: BOTH },
  { name: 'tee', run: tee, where: BOTH },
  { name: 'touch', run: touch, where: BOTH },
  { name: 'tr', run: tr, where: BOTH },
  { name: 'true', run: trueCmd, where: BOTH },
  { name: 'uniq', run: uniq, where: BOTH },
  { name: 'wc', run: wc, where: BOTH },
  { name: 'whoami', run: whoami, where: BOTH },
  { name: 'xargs', run: xargs, where: BOTH },
]

const byName = new Map(COMMANDS.map((c) => [c.name, c]))

export function whereOf(host: HostContext): Where {
  return host.kind
}

/** The registered command for a name in a host context, if that context has it. */
export function findCommand(name: string, host: HostContext): Command | undefined {
  const e = byName.get(name)
  return e && e.where.includes(whereOf(host)) ? e.run : undefined
}

/** Names of the registered commands available in a host context, sorted. */
export function commandNames(host: HostContext): string[] {
  return COMMANDS.filter((c) => c.where.includes(whereOf(host))).map((c) => c.name).sort()
}
