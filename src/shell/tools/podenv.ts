// The environment a process in a pod's container starts with: the container's runtime env (kubelet variables
// fixed when the container was created), TERM=xterm for `kubectl exec -t`, HOME from runc; a shell adds PWD
// (ash and bash SHLVL too, dash does not) and lists its variables in its hash-table order (ash and dash: vartab[39]).

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod } from '../../core/api/types.ts'
import { runtimeOf } from '../../core/cluster/runtime.ts'
import { execEnv } from '../../core/kubelet/podview.ts'
import type { HostContext } from '../types.ts'
import type { ShellKind } from '../parse/exec.ts'

/** ash's and dash's hashvar(): first byte << 4 plus every byte of the name, modulo VTABSIZE (39). */
export function ashBucket(name: string): number {
  let h = (name.charCodeAt(0) & 0xff) << 4
  for (let i = 0; i < name.length; i++) h += name.charCodeAt(i) & 0xff
  return h % 39
}

/** Variables in the order `env` run from ash or dash prints them (buckets in order, each in insertion order). */
export function ashOrder(vars: [string, string][]): [string, string][] {
  return vars.map((v, i) => [ashBucket(v[0]), i, v] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2])
}

/** The starting environment of a frame in a pod: the container's, or `inherited` from the shell that started it (undefined: no kubelet run). */
export function podFrameEnv(cluster: Cluster, host: Extract<HostContext, { kind: 'pod' }>, shell: ShellKind, tty: boolean, cwd: string,
  inherited?: [string, string][]): [string, string][] | undefined {
  const pod = cluster.store.get('Pod', host.namespace, host.pod) as Pod | undefined
  const run = runtimeOf(cluster)?.kubelet.runOf(pod?.metadata.uid)
  const env = inherited ?? execEnv(run, host.container, tty)
  if (!env) return undefined
  if (!host.command) return env
  const withShell: [string, string][] = env.filter(([k]) => k !== 'PWD' && k !== 'SHLVL')
  if (shell !== 'dash') withShell.push(['SHLVL', String(Number(env.find(([k]) => k === 'SHLVL')?.[1] ?? '0') + 1)])
  withShell.push(['PWD', cwd])
  return shell === 'bash' ? withShell : ashOrder(withShell)
}
