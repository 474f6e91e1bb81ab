// `dig` (bind9 9.18 in netshoot and Debian's dnsutils, 9.9 in jessie-dnsutils): one traced query to the server
// of /etc/resolv.conf (or @server), printed in dig's sections; `+short`, `+search` (the resolv.conf search list
// and ndots, only the last answer printed), `-t TYPE`/positional type, `-x`, `-p`, `+[no]recurse`, `+time`,
// `+tries`/`+retry`, `+noall` with `+answer`/`+question`/`+authority`/`+additional`/`+stats`/`+comments`/`+cmd`.
// Failures print as each version does: 9.18 `;; communications error to S#53: timed out`, 9.9 `;; connection
// timed out; no servers could be reached`; a reply from an unexpected source is reported and ignored.

import type { DnsQuestion, DnsResponse, RRType } from '../../core/dns/types.ts'
import type { Command, CommandContext } from '../types.ts'
import { crossedNodes, NO_ENGINE } from './engine.ts'
import { toolIn } from './images.ts'
import { ask, type Exchange } from './dnsclient.ts'
import { resolvConfOf, searchNames } from './resolvconf.ts'
import { digQuestion, digRecord, digWhen, reverseName } from './dnsprint.ts'
import { isIPv4 } from './resolver.ts'

export const RR_TYPES: readonly RRType[] = ['A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'SOA', 'NS', 'TXT', 'MX', 'ANY']

export function rrType(s: string): RRType | undefined {
  const u = s.toUpperCase()
  return (RR_TYPES as readonly string[]).includes(u) ? (u as RRType) : undefined
}

/** `9.9.5-...`: the old texts (no `(UDP)`, no mDNS warning, EDNS 4096, `connection timed out`) */
export function isOldBind(version: string): boolean {
  return /^9\.(\d|1[0-5])\./.test(version)
}

interface Sections { cmd: boolean; comments: boolean; question: boolean; answer: boolean; authority: boolean; additional: boolean; stats: boolean }

interface DigOptions {
  server?: string
  name?: string
  type?: RRType
  port: number
  short: boolean
  search: boolean
  rd: boolean
  time: number
  tries: number
  show: Sections
}

function parseArgs(args: string[]): DigOptions | string {
  const o: DigOptions = {
    port: 53, short: false, search: false, rd: true, time: 5, tries: 3,
    show: { cmd: true, comments: true, question: true, answer: true, authority: true, additional: true, stats: true },
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a.startsWith('@')) o.server = a.slice(1)
    else if (a.startsWith('+')) {
      const m = /^\+(no)?([a-z]+)(?:=(.*))?$/.exec(a)
      if (!m) return `Invalid option: ${a}`
      const on = !m[1]
      const key = m[2]
      const sec = (['cmd', 'comments', 'question', 'answer', 'authority', 'additional', 'stats'] as const).find((k) => k.startsWith(key) && key.length >= 2)
      if (sec) o.show[sec] = on
      else if (key === 'all') for (const k of Object.keys(o.show) as (keyof Sections)[]) o.show[k] = on
      else if ('short'.startsWith(key) && key.length >= 2) o.short = on
      else if ('search'.startsWith(key) && key.length >= 3) o.search = on
      else if ('recurse'.startsWith(key) && key.length >= 3) o.rd = on
      else if (key === 'time' && m[3] !== undefined) o.time = Math.max(1, Number(m[3]) || 1)
      else if (key === 'tries' && m[3] !== undefined) o.tries = Math.max(1, Number(m[3]) || 1)
      else if (key === 'retry' && m[3] !== undefined) o.tries = Math.max(0, Number(m[3]) || 0) + 1
      else if (['tcp', 'vc', 'edns', 'cookie', 'identify', 'ttlid', 'nssearch', 'trace'].includes(key)) continue
      else return `Invalid option: ${a}`
    } else if (a === '-t' || a === '-x' || a === '-p' || a === '-q' || a === '-c') {
      const v = args[++i]
      if (v === undefined) return `option requires an argument -- '${a[1]}'`
      if (a === '-t') {
        const t = rrType(v)
        if (!t) return `invalid type: ${v}`
        o.type = t
      } else if (a === '-x') {
        o.name = reverseName(v)
        o.type ??= 'PTR'
      } else if (a === '-p') o.port = Number(v)
      else if (a === '-q') o.name = v
    } else if (a === '-4' || a === '-6') continue
    else if (a.startsWith('-')) return `Invalid option: ${a}`
    else if (o.name === undefined && rrType(a) === undefined && a.toUpperCase() !== 'IN') o.name = a
    else if (rrType(a) && (o.type === undefined || o.name !== undefined)) o.type = rrType(a)
    else if (a.toUpperCase() === 'IN') continue
    else o.name = a
  }
  return o
}

function flagsText(r: DnsResponse): string {
  return ['qr', r.aa && 'aa', r.rd && 'rd', r.ra && 'ra'].filter(Boolean).join(' ')
}

/** the full answer block as dig prints it */
function answerText(o: DigOptions, ex: Exchange, r: DnsResponse, old: boolean, when: string, ms: number): string {
  const s = o.show
  let out = ''
  if (s.comments) {
    out += ';; Got answer:\n'
    if (!old && /(^|\.)local\.$/.test(r.question.name)) out += ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n'
    const add = r.additional.length + (r.edns ? 1 : 0)
    out += `;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}, id: ${r.id}\n`
    out += `;; flags: ${flagsText(r)}; QUERY: 1, ANSWER: ${r.answer.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: ${add}\n`
    if (r.rd && !r.ra) out += ';; WARNING: recursion requested but not available\n'
    out += '\n'
    if (r.edns) out += `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: ${r.edns.udpSize}\n`
  }
  const section = (title: string, on: boolean, lines: string[]) => {
    if (!on || (!lines.length && title !== 'QUESTION')) return
    if (s.comments) out += `;; ${title} SECTION:\n`
    out += lines.map((l) => l + '\n').join('')
    if (s.comments) out += '\n'
  }
  section('QUESTION', s.question, [digQuestion(r.question)])
  section('ANSWER', s.answer, r.answer.map(digRecord))
  section('AUTHORITY', s.authority, r.authority.map(digRecord))
  section('ADDITIONAL', s.additional, r.additional.map(digRecord))
  if (s.stats) {
    out += `;; Query time: ${ms} msec\n;; SERVER: ${ex.server}#${ex.port}(${ex.server})${old ? '' : ' (UDP)'}\n;; WHEN: ${when}\n;; MSG SIZE  rcvd: ${r.size}\n\n`
  }
  return out
}

/** the lines each failed try prints (9.18), or nothing (9.9 waits silently, except for an unexpected source) */
function tryErrors(ex: Exchange, old: boolean): string {
  const to = `${ex.server}#${ex.port}`
  let out = ''
  for (const t of ex.tries) {
    if (t.outcome === 'answer') continue
    if (t.outcome === 'mismatch') out += `;; reply from unexpected source: ${t.from ?? '?'}, expected ${to}\n`
    if (old) continue
    if (t.outcome === 'refused') out += `;; communications error to ${to}: connection refused\n`
    else if (t.outcome === 'unreachable') out += `;; UDP setup with ${to}(${ex.server}) for ${ex.question.name.replace(/\.$/, '')} failed: network unreachable.\n`
    else out += `;; communications error to ${to}: timed out\n`
  }
  return out
}

export const dig: Command = (ctx: CommandContext) => {
  const tool = toolIn(ctx.cluster, ctx.host, 'dig')
  const version = tool?.name === 'dig' ? tool.version : '9.18.33-1~deb12u2-Debian'
  const old = isOldBind(version)
  const p = parseArgs(ctx.args)
  if (typeof p === 'string') return { stdout: '', stderr: `${p}\n`, exitCode: 1 }
  const conf = resolvConfOf(ctx)
  const server = p.server ?? conf.nameservers[0] ?? '127.0.0.1'
  const banner = () => (p.show.cmd ? `\n; <<>> DiG ${version} <<>> ${ctx.args.join(' ')}\n${p.server ? '; (1 server found)\n' : ''};; global options: +cmd\n` : '')
  if (p.server && !isIPv4(p.server)) return { stdout: '', stderr: `dig: couldn't get address for '${p.server}': not found\n`, exitCode: 10 }
  const name = p.name ?? '.'
  const type: RRType = p.type ?? (p.name === undefined ? 'NS' : 'A')
  const names = p.search && !name.endsWith('.') ? searchNames(name, conf, 'bind') : [name.endsWith('.') ? name : name + '.']
  let out = ''
  for (let i = 0; i < names.length; i++) {
    const q: DnsQuestion = { name: names[i], type }
    const ex = ask(ctx, server, q, { port: p.port, rd: p.rd, edns: old ? 4096 : 1232, tries: p.tries, timeoutMs: p.time * 1000 })
    if (!ex) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
    out += tryErrors(ex, old)
    const r = ex.response
    if (!r) {
      if (p.short) return { stdout: out + (old ? ';; connection timed out; no servers could be reached\n' : ''), stderr: '', exitCode: 9 }
      return { stdout: out + banner() + (old ? ';; connection timed out; no servers could be reached\n' : ';; no servers could be reached\n'), stderr: '', exitCode: 9 }
    }
    if (r.rcode === 'NXDOMAIN' && i < names.length - 1) continue
    if (p.short) return { stdout: out + r.answer.map((a) => a.data + '\n').join(''), stderr: '', exitCode: 0 }
    const last = ex.tries[ex.tries.length - 1]?.trace
    const ms = last && crossedNodes(last) ? 1 : 0
    return { stdout: out + banner() + answerText(p, ex, r, old, digWhen(ctx.cluster.clock.now()), ms), stderr: '', exitCode: 0 }
  }
  return { stdout: out, stderr: '', exitCode: 0 }
}
