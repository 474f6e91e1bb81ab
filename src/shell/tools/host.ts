// bind9's `host`: the search list for the first type, then (without -t) AAAA and MX of the name that answered,
// each record as a sentence (`has address`, `is an alias for`, `has SRV record`, `domain name pointer`);
// `Host x not found: 3(NXDOMAIN)`; `-t TYPE`, `-W secs`, `-R retries`, `host NAME SERVER`.

import type { DnsResponse, RRType } from '../../core/dns/types.ts'
import type { Command, CommandResult } from '../types.ts'
import { NO_ENGINE } from './engine.ts'
import { toolIn } from './images.ts'
import { ask, type Exchange } from './dnsclient.ts'
import { resolvConfOf, searchNames } from './resolvconf.ts'
import { hostLine, noDot, reverseName } from './dnsprint.ts'
import { isIPv4 } from './resolver.ts'
import { isOldBind, rrType } from './dig.ts'

const RCODE_NUM: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 }

const USAGE = 'Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n'

export const host: Command = (ctx) => {
  const tool = toolIn(ctx.cluster, ctx.host, 'host')
  const old = isOldBind(tool?.name === 'host' ? tool.version : '')
  let type: RRType | undefined
  let wait = 5
  let retries = 1
  const ops: string[] = []
  const a = ctx.args
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    if (x === '-t' || x === '-W' || x === '-R' || x === '-c' || x === '-N') {
      const v = a[++i]
      if (v === undefined) return { stdout: '', stderr: USAGE, exitCode: 1 }
      if (x === '-t') {
        const t = rrType(v)
        if (!t) return { stdout: '', stderr: `host: invalid type: ${v}\n`, exitCode: 1 }
        type = t
      } else if (x === '-W') wait = Math.max(1, Number(v) || 1)
      else if (x === '-R') retries = Math.max(0, Number(v) || 0)
    } else if (x === '-a') type = 'ANY'
    else if (x.startsWith('-')) continue
    else ops.push(x)
  }
  if (!ops.length) return { stdout: '', stderr: USAGE, exitCode: 1 }
  const [name, given] = ops
  const conf = resolvConfOf(ctx)
  const server = given ?? conf.nameservers[0] ?? '127.0.0.1'
  let out = given ? `Using domain server:\nName: ${given}\nAddress: ${given}#53\nAliases: \n\n` : ''
  const to = `${server}#53`
  const asked = (qname: string, t: RRType): Exchange | undefined => {
    const ex = ask(ctx, server, { name: qname, type: t }, { tries: retries + 1, timeoutMs: wait * 1000 })
    if (ex && !old) {
      for (const tr of ex.tries) {
        if (tr.outcome === 'mismatch') out += `;; reply from unexpected source: ${tr.from ?? '?'}, expected ${to}\n`
        if (tr.outcome !== 'answer') out += `;; communications error to ${to}: ${tr.outcome === 'refused' ? 'connection refused' : 'timed out'}\n`
      }
    }
    return ex
  }
  const noServers = (): CommandResult => ({ stdout: out + (old ? ';; connection timed out; no servers could be reached\n' : ';; no servers could be reached\n'), stderr: '', exitCode: 1 })
  const print = (r: DnsResponse, types: RRType[]) => r.answer.filter((x) => types.includes(x.type)).forEach((x) => (out += hostLine(x) + '\n'))
  const ptr = isIPv4(name)
  const first: RRType = ptr ? 'PTR' : type ?? 'A'
  let r: DnsResponse | undefined
  for (const qname of ptr ? [reverseName(name)] : searchNames(name, conf, 'bind')) {
    const ex = asked(qname, first)
    if (!ex) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
    if (!ex.response) return noServers()
    r = ex.response
    if (r.rcode !== 'NXDOMAIN') break
  }
  if (!r || r.rcode !== 'NOERROR') {
    const shown = ptr ? noDot(reverseName(name)) : name
    return { stdout: out + `Host ${shown} not found: ${RCODE_NUM[r?.rcode ?? 'SERVFAIL']}(${r?.rcode ?? 'SERVFAIL'})\n`, stderr: '', exitCode: 1 }
  }
  print(r, first === 'ANY' ? r.answer.map((x) => x.type) : [first, 'CNAME'])
  if (type !== undefined || ptr) {
    if (!r.answer.length) out += `${noDot(r.question.name)} has no ${first} record\n`
    return { stdout: out, stderr: '', exitCode: 0 }
  }
  const target = r.answer.filter((x) => x.type === 'CNAME').pop()?.data ?? r.question.name
  for (const t of ['AAAA', 'MX'] as const) {
    const ex = asked(target, t)
    if (!ex) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
    if (ex.response?.rcode === 'NOERROR') print(ex.response, [t])
  }
  return { stdout: out, stderr: '', exitCode: 0 }
}
