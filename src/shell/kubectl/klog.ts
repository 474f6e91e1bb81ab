// klog's text header as kubectl prints it to stderr (`E1123 09:33:49.018668    2120 run.go:72] ...`), stamped with
// the cluster's virtual clock and a fake pid that grows with each kubectl process that logs.

import type { CommandContext } from '../types.ts'

/** The first fake pid; each logging kubectl invocation on a cluster takes the next one (like fresh processes). */
export const FIRST_PID = 2120
const pids = new WeakMap<object, number>()

function nextPid(cluster: object): number {
  const pid = (pids.get(cluster) ?? FIRST_PID - 1) + 1
  pids.set(cluster, pid)
  return pid
}

const two = (n: number) => String(n).padStart(2, '0')

/** klog header: severity, mmdd hh:mm:ss.uuuuuu (UTC), the pid right-aligned in 7 columns, file:line. */
export function klogHeader(severity: 'I' | 'W' | 'E', at: number, pid: number, source: string): string {
  const d = new Date(at)
  const micros = String((((at % 1000) + 1000) % 1000) * 1000).padStart(6, '0')
  return `${severity}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} ${source}] `
}

/** One klog line for this kubectl invocation, e.g. klog(ctx, 'E', 'run.go:72', '"command failed" err="..."'). */
export function klog(ctx: CommandContext, severity: 'I' | 'W' | 'E', source: string, msg: string): string {
  return klogHeader(severity, ctx.cluster.clock.now(), nextPid(ctx.cluster), source) + msg + '\n'
}

/** Go's %q for the error strings klog quotes: backslash and double quote escaped. */
export function goQuote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t') + '"'
}

/** component-base/cli's exit path for errors cobra returns (required flags): `"command failed" err="..."`. */
export function commandFailed(ctx: CommandContext, err: string): string {
  return klog(ctx, 'E', 'run.go:72', `"command failed" err=${goQuote(err)}`)
}
