// `netstat` (net-tools 2.10, Debian 12) on a node: -t -u -l -a -n -p and combined flags, in net-tools' fixed
// columns: `%-5s %6ld %6ld %-23s %-23s %-11s` and `PID/Program name` (20 wide: the pid, then cmdline's first
// word, reduced to its basename only when it starts with `/`). IPv6 sockets are tcp6 rows after the IPv4 ones.

import type { Command } from '../types.ts'
import { isOutside } from './access.ts'
import { isV6, serviceName, socketTable } from './sockets.ts'
import type { Listener } from '../../trace/listeners.ts'

interface NetstatOptions { tcp: boolean; udp: boolean; listening: boolean; all: boolean; numeric: boolean; programs: boolean }

function parse(args: readonly string[]): NetstatOptions | string {
  const o: NetstatOptions = { tcp: false, udp: false, listening: false, all: false, numeric: false, programs: false }
  const long: Record<string, keyof NetstatOptions> = { tcp: 'tcp', udp: 'udp', listening: 'listening', all: 'all', numeric: 'numeric', programs: 'programs' }
  const short: Record<string, keyof NetstatOptions> = { t: 'tcp', u: 'udp', l: 'listening', a: 'all', n: 'numeric', p: 'programs' }
  for (const a of args) {
    if (a.startsWith('--')) {
      const k = long[a.slice(2)]
      if (!k) return `netstat: unrecognized option '${a}'\n`
      o[k] = true
    } else if (a.startsWith('-')) {
      for (const ch of a.slice(1)) {
        const k = short[ch]
        if (!k) return `netstat: invalid option -- '${ch}'\n`
        o[k] = true
      }
    }
  }
  return o
}

/** an address:port as netstat prints it: `0.0.0.0:22`, `:::22` (-n) / `[::]:ssh`, `localhost:10248` without -n */
function addrText(addr: string, port: string, numeric: boolean): string {
  const a = addr === '*' || addr === '[::]' ? (numeric ? '::' : '[::]') : !numeric && addr === '127.0.0.1' ? 'localhost' : addr
  return `${a}:${port}`
}

function program(l: Listener): string {
  const first = l.cmdline
  const name = first.startsWith('/') ? first.slice(first.lastIndexOf('/') + 1).split(' ')[0] : first
  return `${l.pid}/${name}`.slice(0, 20).padEnd(20)
}

export const netstat: Command = (ctx) => {
  const o = parse(ctx.args)
  if (typeof o === 'string') return { stdout: '', stderr: o, exitCode: 1 }
  const host = ctx.host
  const node = host.kind === 'node' && !isOutside(ctx.cluster, host) ? host.node : undefined
  const tcp = o.tcp || !o.udp
  const udp = o.udp || !o.tcp
  let out = o.listening ? 'Active Internet connections (only servers)\n' : o.all ? 'Active Internet connections (servers and established)\n' : 'Active Internet connections (w/o servers)\n'
  out += `Proto Recv-Q Send-Q ${'Local Address'.padEnd(23)} ${'Foreign Address'.padEnd(23)} ${'State'.padEnd(11)}${o.programs ? ` ${'PID/Program name'.padEnd(20)}` : ''}\n`
  if (node && (o.listening || o.all)) {
    for (const l of socketTable(ctx.cluster, node)) {
      if ((l.protocol === 'TCP' && !tcp) || (l.protocol === 'UDP' && !udp)) continue
      const v6 = isV6(l)
      const proto = `${l.protocol.toLowerCase()}${v6 ? '6' : ''}`
      const foreign = v6 ? (o.numeric ? ':::*' : '[::]:*') : '0.0.0.0:*'
      const state = l.protocol === 'TCP' ? 'LISTEN' : ''
      out += `${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${addrText(l.addr, serviceName(l.port, o.numeric), o.numeric).padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)}${o.programs ? ` ${program(l)}` : ''}\n`
    }
  }
  return { stdout: out, stderr: '', exitCode: 0 }
}
