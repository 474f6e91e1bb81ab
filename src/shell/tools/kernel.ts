// Node tools over one network namespace's kernel state: `ipvsadm`, `ipset`, `conntrack` (the NODE renderers
// and command parsers in src/core/node), run in the namespace of the host context (node, outside host, pod).

import type { Command, CommandContext, CommandResult } from '../types.ts'
import type { Netns } from '../../core/node/types.ts'
import { ipvsadmCommand } from '../../core/node/ipvs/command.ts'
import { ipsetCommand } from '../../core/node/ipset/ipset.ts'
import { conntrackCommand } from '../../core/node/conntrack/conntrack.ts'
import { ipCommand } from '../../core/node/iproute/command.ts'
import { netnsOf } from './access.ts'
import { hostsFileOf } from './hostfs.ts'
import { ageKernel } from './engine.ts'

export const NO_NETNS = 'kubelab: this host has no simulated network namespace (the cluster was built without a network)\n'

/** Runs `fn` on the host context's namespace; a clear lab error when the cluster has no network. */
export function withNetns(ctx: CommandContext, fn: (ns: Netns) => CommandResult): CommandResult {
  const ns = netnsOf(ctx.cluster, ctx.host)
  if (!ns) return { stdout: '', stderr: NO_NETNS, exitCode: 1 }
  return fn(ns)
}

/** Reverse lookup through the host's /etc/hosts (what ipvsadm -L without -n prints for known addresses). */
export function reverseHosts(ctx: CommandContext): (ip: string) => string | undefined {
  const text = hostsFileOf(ctx.cluster, ctx.host, ctx.fs)
  return (ip) => {
    for (const raw of text.split('\n')) {
      const p = raw.replace(/#.*/, '').trim().split(/\s+/)
      if (p.length > 1 && p[0] === ip) return p[1]
    }
    return undefined
  }
}

const asResult = (o: { stdout: string; stderr: string; code: number }): CommandResult => ({ stdout: o.stdout, stderr: o.stderr, exitCode: o.code })

export const ipvsadm: Command = (ctx) =>
  withNetns(ctx, (ns) => (ageKernel(ctx.cluster), asResult(ipvsadmCommand(ns.ipvs, ctx.args, { now: ctx.cluster.clock.now(), hostName: reverseHosts(ctx) }))))

export const ipset: Command = (ctx) =>
  withNetns(ctx, (ns) => asResult(ipsetCommand(ns, ctx.args, ctx.cluster.profile.name === 'binary' ? 'legacy' : 'modern')))

export const conntrack: Command = (ctx) => withNetns(ctx, (ns) => (ageKernel(ctx.cluster), asResult(conntrackCommand(ns, ctx.args))))

/** `ip a`, `ip route` ... in the host context's namespace (a pod's own, a node's root namespace). */
export const ip: Command = (ctx) => withNetns(ctx, (ns) => asResult(ipCommand(ns, ctx.args)))
