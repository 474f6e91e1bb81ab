// `ping`: one traced ICMP echo per packet, printed as iputils ping (nodes, netshoot, after apt-get install
// iputils-ping) or busybox ping prints it; replies, losses and the statistics lines, in virtual time.

import type { Command, CommandContext } from '../types.ts'
import type { Trace } from '../../trace/types.ts'
import { podOf } from './access.ts'
import { NO_ENGINE, send, wait } from './engine.ts'
import { toolIn } from './images.ts'
import { gaiError, libcOf, resolveName } from './resolver.ts'

/** Round-trip time of reply `seq` (ms): deterministic, a little longer across nodes. */
function rtt(t: Trace, seq: number): number {
  const nodes = new Set(t.hops.filter((h) => h.where.kind === 'node').map((h) => h.where.host))
  const base = nodes.size > 1 ? 0.42 : 0.055
  return base + (((seq * 37) % 23) / 1000) * (nodes.size > 1 ? 4 : 1)
}

/** TTL of the reply as the sender sees it: 64 minus the routers it crossed. */
function ttlOf(ctx: CommandContext, t: Trace): number {
  const ep = t.endpoint
  const srcNode = ctx.host.kind === 'node' ? ctx.host.node : podOf(ctx.cluster, ctx.host)?.spec.nodeName
  if (!ep) return 64
  const fromPod = ctx.host.kind === 'pod' && !podOf(ctx.cluster, ctx.host)?.spec.hostNetwork
  if (ep.kind === 'node') return fromPod && ep.host !== srcNode ? 63 : 64
  if (ep.node === undefined || ep.node === srcNode) return 64
  return fromPod ? 62 : 63
}

const f3 = (n: number) => n.toFixed(3)

export const ping: Command = (ctx) => {
  const tool = toolIn(ctx.cluster, ctx.host, 'ping')
  const busybox = tool?.name === 'ping' && tool.variant === 'busybox'
  let count: number | undefined
  let interval = 1
  let quiet = false
  let target: string | undefined
  const a = ctx.args
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    if (x.startsWith('-') && x.length > 1) {
      const c = x[1]
      const v = x.length > 2 ? x.slice(2) : a[++i]
      if (c === 'q') { quiet = true; if (x.length === 2) i--; continue }
      if (c === '4' || c === 'n') { if (x.length === 2) i--; continue }
      if (v === undefined) return { stdout: '', stderr: busybox ? `ping: option requires an argument -- '${c}'\n` : `ping: option requires an argument -- '${c}'\n`, exitCode: busybox ? 1 : 2 }
      if (c === 'c') {
        if (!/^\d+$/.test(v) || Number(v) < 1) return { stdout: '', stderr: busybox ? `ping: invalid number '${v}'\n` : `ping: invalid argument: '${v}': out of range: 1 <= value <= 9223372036854775807\n`, exitCode: busybox ? 1 : 1 }
        count = Number(v)
      } else if (c === 'i') interval = Number(v) || 1
      else if (c === 'W' || c === 'w' || c === 's' || c === 't' || c === 'I') continue
      else return { stdout: '', stderr: `ping: invalid option -- '${c}'\n`, exitCode: busybox ? 1 : 2 }
      continue
    }
    target = x
  }
  if (target === undefined) {
    return busybox
      ? { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n', exitCode: 1 }
      : { stdout: '', stderr: 'ping: usage error: Destination address required\n', exitCode: 1 }
  }
  const res = resolveName(ctx, target)
  if (!res.ok) return { stdout: '', stderr: busybox ? `ping: bad address '${target}'\n` : `ping: ${target}: ${gaiError(libcOf(ctx.cluster, ctx.host), res.error)}\n`, exitCode: busybox ? 1 : 2 }
  const ip = res.ip
  const shown = res.name && res.name !== ip ? res.name : ip
  // without -c ping runs until Ctrl-C: the lab sends 4 and shows the learner's ^C
  const interrupted = count === undefined
  const n = count ?? 4
  let out = busybox ? `PING ${target} (${ip}): 56 data bytes\n` : `PING ${shown} (${ip}) 56(84) bytes of data.\n`
  const times: number[] = []
  let errors = 0
  for (let seq = 1; seq <= n; seq++) {
    if (seq > 1) wait(ctx.cluster, interval * 1000)
    const t = send(ctx, { to: ip, protocol: 'ICMP' })
    if (!t) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
    if (t.verdict === 'rejected' && !busybox) {
      // a REJECT rule answers with ICMP port unreachable from the rejecting address
      errors++
      if (!quiet) out += `From ${ip} icmp_seq=${seq} Destination Port Unreachable\n`
      continue
    }
    if (t.verdict !== 'delivered') continue
    const ms = rtt(t, seq)
    times.push(ms)
    if (quiet) continue
    const from = !busybox && res.name && res.name !== ip ? `${res.name} (${ip})` : ip
    out += busybox
      ? `64 bytes from ${ip}: seq=${seq - 1} ttl=${ttlOf(ctx, t)} time=${f3(ms)} ms\n`
      : `64 bytes from ${from}: icmp_seq=${seq} ttl=${ttlOf(ctx, t)} time=${ms < 1 ? f3(ms) : ms.toFixed(2)} ms\n`
  }
  const got = times.length
  if (got === 0 && !errors) wait(ctx.cluster, busybox ? 1000 : 10_000)
  const loss = Math.round(((n - got) * 100) / n)
  if (interrupted) out += '^C\n'
  if (busybox) {
    out += `\n--- ${target} ping statistics ---\n${n} packets transmitted, ${got} packets received, ${loss}% packet loss\n`
    if (got) out += `round-trip min/avg/max = ${f3(Math.min(...times))}/${f3(times.reduce((x, y) => x + y, 0) / got)}/${f3(Math.max(...times))} ms\n`
  } else {
    const span = n > 1 ? (n - 1) * interval * 1000 + (n - 1) * 2 + 1 : 0
    out += `\n--- ${shown} ping statistics ---\n${n} packets transmitted, ${got} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${Math.round(span)}ms\n`
    if (got) {
      const avg = times.reduce((x, y) => x + y, 0) / got
      const mdev = Math.sqrt(times.reduce((x, y) => x + (y - avg) ** 2, 0) / got)
      out += `rtt min/avg/max/mdev = ${f3(Math.min(...times))}/${f3(avg)}/${f3(Math.max(...times))}/${f3(mdev)} ms\n`
    } else out += '\n'
  }
  return { stdout: out, stderr: '', exitCode: got ? 0 : 1 }
}
