// The explicit command registry: every program the terminal knows, and where it exists (node shell, pod shell).
// Session builtins (cd, export, exit, ssh, history ...) live in builtins/session.ts because they change the shell.

import type { Cluster } from '../core/cluster/types.ts'
import type { Command, HostContext } from './types.ts'
import { kubectl } from './kubectl/index.ts'
import { base64 } from './builtins/base64.ts'
import { clear, date, echo, env, falseCmd, printenv, pwd, sleep, trueCmd, whoami } from './builtins/basic.ts'
import { cat, cp, mkdir, mv, rm, touch } from './builtins/files.ts'
import { grep } from './builtins/grep.ts'
import { awk } from './builtins/awk.ts'
import { cut, printf, tee, xargs } from './builtins/fields.ts'
import { ls } from './builtins/ls.ts'
import { sed } from './builtins/sed.ts'
import { head, sort, tail, tr, uniq, wc } from './builtins/text.ts'
import { TOOLS, notOutside } from './tools/index.ts'
import { shellCommand, shellsOf, type ShellProgram } from './builtins/sh.ts'

export type Where = 'node' | 'pod'

export interface CommandEntry {
  name: string
  run: Command
  /** the host contexts that have this program */
  where: readonly Where[]
  /** finer: does this host context have it (a pod's image, an outside host)? Default yes. */
  available?: (host: HostContext, cluster: Cluster) => boolean
}

const BOTH: readonly Where[] = ['node', 'pod']

/** images built FROM scratch (whoami, http-echo, coredns ...) hold their one binary: no shell, no coreutils */
const hasUserland = (host: HostContext, cluster: Cluster): boolean => host.kind === 'node' || shellsOf(host, cluster).length > 0
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
  { name: 'kubectl', run: kubectlOnNode, where: NODE, available: notOutside },
  { name: 'awk', run: awk, where: BOTH, available: hasUserland },
  { name: 'base64', run: base64, where: BOTH, available: hasUserland },
  { name: 'cat', run: cat, where: BOTH, available: hasUserland },
  { name: 'clear', run: clear, where: BOTH, available: hasUserland },
  { name: 'cp', run: cp, where: BOTH, available: hasUserland },
  { name: 'cut', run: cut, where: BOTH, available: hasUserland },
  { name: 'date', run: date, where: BOTH, available: hasUserland },
  { name: 'echo', run: echo, where: BOTH, available: hasUserland },
  { name: 'env', run: env, where: BOTH, available: hasUserland },
  { name: 'false', run: falseCmd, where: BOTH, available: hasUserland },
  { name: 'grep', run: grep, where: BOTH, available: hasUserland },
  { name: 'head', run: head, where: BOTH, available: hasUserland },
  { name: 'ls', run: ls, where: BOTH, available: hasUserland },
  { name: 'mkdir', run: mkdir, where: BOTH, available: hasUserland },
  { name: 'mv', run: mv, where: BOTH, available: hasUserland },
  { name: 'printenv', run: printenv, where: BOTH, available: hasUserland },
  { name: 'printf', run: printf, where: BOTH, available: hasUserland },
  { name: 'pwd', run: pwd, where: BOTH, available: hasUserland },
  { name: 'rm', run: rm, where: BOTH, available: hasUserland },
  { name: 'sed', run: sed, where: BOTH, available: hasUserland },
  { name: 'sleep', run: sleep, where: BOTH, available: hasUserland },
  { name: 'sort', run: sort, where: BOTH, available: hasUserland },
  { name: 'tail', run: tail, where: BOTH, available: hasUserland },
  { name: 'tee', run: tee, where: BOTH, available: hasUserland },
  { name: 'touch', run: touch, where: BOTH, available: hasUserland },
  { name: 'tr', run: tr, where: BOTH, available: hasUserland },
  { name: 'true', run: trueCmd, where: BOTH, available: hasUserland },
  { name: 'uniq', run: uniq, where: BOTH, available: hasUserland },
  { name: 'wc', run: wc, where: BOTH, available: hasUserland },
  { name: 'whoami', run: whoami, where: BOTH, available: hasUserland },
  { name: 'xargs', run: xargs, where: BOTH, available: hasUserland },
  ...(['sh', 'bash', 'ash', 'dash'] as const).map((p: ShellProgram): CommandEntry => ({
    name: p, run: shellCommand(p), where: BOTH, available: (host, cluster) => shellsOf(host, cluster).includes(p),
  })),
  // network tools (tools/): curl, wget, ping, nc, ip, hostname, apt-get/apk; iptables, ipvsadm, ipset, conntrack, systemctl
  ...TOOLS,
]

const byName = new Map(COMMANDS.map((c) => [c.name, c]))

export function whereOf(host: HostContext): Where {
  return host.kind
}

function has(e: CommandEntry, host: HostContext, cluster?: Cluster): boolean {
  return e.where.includes(whereOf(host)) && (!cluster || !e.available || e.available(host, cluster))
}

/** The registered command for a name in a host context, if that context has it (given the cluster: its image's tools). */
/** `/bin/sh`, `/usr/bin/bash`: the shells are also called by their path */
const SHELL_PATH = /^\/(usr\/)?bin\/(sh|bash|ash|dash)$/

export function findCommand(name: string, host: HostContext, cluster?: Cluster): Command | undefined {
  const e = byName.get(SHELL_PATH.test(name) ? name.slice(name.lastIndexOf('/') + 1) : name)
  return e && has(e, host, cluster) ? e.run : undefined
}

/** Names of the registered commands available in a host context, sorted. */
export function commandNames(host: HostContext, cluster?: Cluster): string[] {
  return COMMANDS.filter((c) => has(c, host, cluster)).map((c) => c.name).sort()
}
