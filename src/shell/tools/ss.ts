// `ss` (iproute2 6.1, Debian 12) on a node: -t -u -l -a -n -p -4 -6 and combined flags; the column layout is
// ss's render_calc_width: widths from the longest field (plus the left delimiter), compact into a pipe, and on a
// terminal (80 columns) the spare width spread over the columns of each line, the last columns first.

import type { Command } from '../types.ts'
import { isOutside } from './access.ts'
import { backlog, isV6, serviceName, socketTable } from './sockets.ts'
import type { Listener } from '../../trace/listeners.ts'

interface Column { header: string; ldelim: string; right: boolean }

const COLUMNS: Column[] = [
  { header: 'Netid', ldelim: '', right: false }, { header: 'State', ldelim: ' ', right: false },
  { header: 'Recv-Q', ldelim: ' ', right: false }, { header: 'Send-Q', ldelim: ' ', right: false },
  { header: 'Local Address:', ldelim: ' ', right: true }, { header: 'Port', ldelim: '', right: false },
  { header: 'Peer Address:', ldelim: ' ', right: true }, { header: 'Port', ldelim: '', right: false },
  { header: 'Process', ldelim: '', right: false }, { header: '', ldelim: '', right: false },
]
const SCREEN = 80

/** Lays out rows of fields (undefined = a disabled column) as ss's render() does. */
export function renderColumns(rows: (string | undefined)[][], tty: boolean): string {
  const enabled = COLUMNS.map((_, i) => rows.some((r) => r[i] !== undefined))
  const maxLen = COLUMNS.map((_, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)))
  const width: number[] = []
  let first = true
  COLUMNS.forEach((c, i) => {
    if (!enabled[i]) { width.push(0); return }
    width.push(!first && maxLen[i] ? maxLen[i] + c.ldelim.length : maxLen[i])
    if (width[i]) first = false
  })
  if (tty) {
    let len = 0, linecols = 0, eol = -1
    for (let c = 0; c < COLUMNS.length; c++) {
      if (!width[c]) continue
      linecols++
      len += width[c]
      const last = !width.slice(c + 1).some((w) => w > 0)
      if (!last && len < SCREEN) continue
      if (len !== SCREEN) {
        if (len > SCREEN) { len -= width[c]; c--; linecols-- }
        const pad = SCREEN - len
        const spacing = Math.floor(pad / linecols)
        let rem = pad % linecols
        for (let t = c; t > eol; t--) {
          if (!width[t]) continue
          width[t] += spacing
          if (rem) { width[t]++; rem-- }
        }
      }
      eol = c
      len = 0
      linecols = 0
    }
  }
  let out = ''
  for (const r of rows) {
    let line = ''
    let started = false
    for (let i = 0; i < COLUMNS.length; i++) {
      if (!enabled[i]) continue
      const text = r[i] ?? ''
      const c = COLUMNS[i]
      let printed = started ? c.ldelim.length : 0
      if (started) line += c.ldelim
      if (width[i] && c.right) {
        const s = width[i] - text.length - printed
        if (s > 0) { line += ' '.repeat(s); printed += s }
      }
      line += text
      printed += text.length
      if (width[i] && !c.right && width[i] - printed > 0) line += ' '.repeat(width[i] - printed)
      started = true
    }
    out += line + '\n'
  }
  return out
}

interface SsOptions { tcp: boolean; udp: boolean; listening: boolean; all: boolean; numeric: boolean; processes: boolean; v4: boolean; v6: boolean }

function parse(args: readonly string[]): SsOptions | string {
  const o: SsOptions = { tcp: false, udp: false, listening: false, all: false, numeric: false, processes: false, v4: false, v6: false }
  const long: Record<string, keyof SsOptions> = { tcp: 'tcp', udp: 'udp', listening: 'listening', all: 'all', numeric: 'numeric', processes: 'processes', ipv4: 'v4', ipv6: 'v6' }
  const short: Record<string, keyof SsOptions> = { t: 'tcp', u: 'udp', l: 'listening', a: 'all', n: 'numeric', p: 'processes', '4': 'v4', '6': 'v6' }
  for (const a of args) {
    if (a.startsWith('--')) {
      const k = long[a.slice(2)]
      if (!k) return `ss: unrecognized option '${a}'\n`
      o[k] = true
    } else if (a.startsWith('-')) {
      for (const ch of a.slice(1)) {
        const k = short[ch]
        if (!k) return `ss: invalid option -- '${ch}'\n`
        o[k] = true
      }
    }
  }
  return o
}

/** `users:(("nginx",pid=1234,fd=6))`, with its leading space as ss writes it */
const users = (l: Listener) => ` users:(("${l.comm}",pid=${l.pid},fd=${l.fd}))`

export const ss: Command = (ctx) => {
  const o = parse(ctx.args)
  if (typeof o === 'string') return { stdout: '', stderr: o + 'Usage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n', exitCode: 1 }
  const host = ctx.host
  const node = host.kind === 'node' && !isOutside(ctx.cluster, host) ? host.node : undefined
  const tcp = o.tcp || !o.udp
  const udp = o.udp
  const netid = !(tcp && !udp && (o.tcp || o.udp)) && !(udp && !tcp)
  const rows: (string | undefined)[][] = []
  const row = (l: Listener | undefined): (string | undefined)[] => {
    if (!l) return [netid ? 'Netid' : undefined, 'State', 'Recv-Q', 'Send-Q', 'Local Address:', 'Port', 'Peer Address:', 'Port', 'Process', undefined]
    const peer = l.addr === '*' ? '*' : isV6(l) ? '[::]' : '0.0.0.0'
    return [netid ? (l.protocol === 'TCP' ? 'tcp' : 'udp') : undefined, l.protocol === 'TCP' ? 'LISTEN' : 'UNCONN', '0'.padEnd(6), String(l.protocol === 'TCP' ? backlog(l) : 0).padEnd(6),
      `${l.addr}:`, serviceName(l.port, o.numeric), `${peer}:`, '*', o.processes ? users(l) : '', undefined]
  }
  rows.push(row(undefined))
  // without -l or -a ss shows established sockets: the lab keeps none open between commands
  if (node && (o.listening || o.all)) {
    for (const l of socketTable(ctx.cluster, node)) {
      if ((l.protocol === 'TCP' && !tcp) || (l.protocol === 'UDP' && !udp)) continue
      if ((o.v4 && !o.v6 && isV6(l)) || (o.v6 && !o.v4 && !isV6(l))) continue
      rows.push(row(l))
    }
  }
  return { stdout: renderColumns(rows, !!ctx.tty), stderr: '', exitCode: 0 }
}
