// `nslookup` in its three builds: busybox 1.29+ (its own resolver: every search-list name asked for A and AAAA
// at once, every reply printed, `Address:\tS:53`), busybox 1.28 and older (libc lookups, `Address 1: IP NAME`
// with reverse names) and bind9's (search list, then A and AAAA of the name that answered, `Address:\tS#53`).

import type { DnsResponse, RRType } from '../../core/dns/types.ts'
import type { Command, CommandContext, CommandResult } from '../types.ts'
import { NO_ENGINE } from './engine.ts'
import { toolIn } from './images.ts'
import { ask, askAll, type Exchange } from './dnsclient.ts'
import { resolvConfOf, searchNames } from './resolvconf.ts'
import { noDot, nslookupData, reverseName } from './dnsprint.ts'
import { dnsSearch, isIPv4, libcOf } from './resolver.ts'
import { isOldBind, rrType } from './dig.ts'

interface NsOptions { name?: string; server?: string; type?: RRType; timeout?: number; retry?: number; port: number; bad?: string }

function parseArgs(args: string[]): NsOptions {
  const o: NsOptions = { port: 53 }
  for (const a of args) {
    const m = /^-{1,2}([a-z]+)(?:=(.*))?$/i.exec(a)
    if (m) {
      const key = m[1].toLowerCase()
      const v = m[2] ?? ''
      if (key === 'type' || key === 'query' || key === 'q' || key === 'querytype') {
        const t = rrType(v)
        if (!t) o.bad = `unknown query type: ${v}`
        else o.type = t
      } else if (key === 'timeout') o.timeout = Number(v) || 5
      else if (key === 'retry') o.retry = Number(v) || 1
      else if (key === 'port') o.port = Number(v) || 53
      else if (key !== 'debug' && key !== 'nodebug' && key !== 'recurse' && key !== 'search') o.bad = `invalid option: ${a}`
      continue
    }
    if (o.name === undefined) o.name = a
    else o.server = a
  }
  return o
}

const NO_SERVERS_OLD = ';; connection timed out; no servers could be reached\n'

/** bind9 nslookup */
function bindNslookup(ctx: CommandContext, o: NsOptions, version: string): CommandResult {
  const old = isOldBind(version)
  const conf = resolvConfOf(ctx)
  const server = o.server ?? conf.nameservers[0] ?? '127.0.0.1'
  const name = o.name!
  const tries = o.retry ?? 3
  const timeoutMs = (o.timeout ?? 5) * 1000
  const header = `Server:\t\t${server}\nAddress:\t${server}#${o.port}\n\n`
  let errors = ''
  const asked = (qname: string, type: RRType): Exchange | undefined => {
    const ex = ask(ctx, server, { name: qname, type }, { port: o.port, tries, timeoutMs })
    if (ex && !old) {
      for (const t of ex.tries) {
        if (t.outcome === 'answer') continue
        if (t.outcome === 'mismatch') errors += `;; reply from unexpected source: ${t.from ?? '?'}, expected ${server}#${o.port}\n`
        errors += `;; communications error to ${server}#${o.port}: ${t.outcome === 'refused' ? 'connection refused' : 'timed out'}\n`
      }
    }
    return ex
  }
  const noServers = () => ({ stdout: errors + (old ? NO_SERVERS_OLD : ';; no servers could be reached\n') + '\n', stderr: '', exitCode: 1 })
  const lines = (r: DnsResponse, types: RRType[]) => r.answer.filter((a) => types.includes(a.type)).map((a) =>
    a.type === 'A' || a.type === 'AAAA' ? `Name:\t${noDot(a.name)}\nAddress: ${a.data}\n` : `${noDot(a.name)}\t${nslookupData(a, true) ?? a.data}\n`).join('')
  if (isIPv4(name)) {
    const ex = asked(reverseName(name), 'PTR')
    if (!ex) return { stdout: '', stderr: NO_ENGINE, exitCode: 1 }
    const r = ex.response
    if (!r) return noServers()
    if (r.rcode !== 'NOERROR') return { stdout: errors + `** server can't find ${noDot(reverseName(name))}: ${r.rcode}\n\n`, stderr: '', exitCode: 1 }
    return { stdout: errors + lines(r, ['PTR', 'CNAME']) + '\n', stderr: '', exitCode: 0 }
  }
  const type = o.type ?? 'A'
  let found: DnsResponse | undefined
  for (const qname of searchNames(name, conf, 'bind')) {
    const ex = asked(qname, type)
    if (!ex) return { stdout: '', stderr: NO_ENGINE, exitCode: 1 }
    if (!ex.response) return noServers()
    found = ex.response
    if (found.rcode !== 'NXDOMAIN') break
  }
  const r = found!
  let out = errors + header
  if (r.rcode !== 'NOERROR') return { stdout: out + `** server can't find ${name}: ${r.rcode}\n\n`, stderr: '', exitCode: 1 }
  if (!r.aa && r.answer.length) out += 'Non-authoritative answer:\n'
  if (type !== 'A') {
    if (!r.answer.length) return { stdout: out + `*** Can't find ${name}: No answer\n\n`, stderr: '', exitCode: 0 }
    return { stdout: out + lines(r, [type, 'CNAME']) + '\n', stderr: '', exitCode: 0 }
  }
  out += lines(r, ['CNAME', 'A'])
  let any = r.answer.length > 0
  if (!old) {
    // then AAAA of the name the A answer ended at
    const target = r.answer.filter((a) => a.type === 'CNAME').pop()?.data ?? r.question.name
    const six = asked(target, 'AAAA')
    if (six?.response?.rcode === 'NOERROR') {
      out += lines(six.response, ['AAAA'])
      any ||= six.response.answer.some((a) => a.type === 'AAAA')
    }
  }
  if (!any) out += `*** Can't find ${name}: No answer\n`
  return { stdout: out + '\n', stderr: '', exitCode: 0 }
}

/** busybox 1.29+: its own resolver */
function busyboxNslookup(ctx: CommandContext, o: NsOptions): CommandResult {
  const conf = resolvConfOf(ctx)
  const server = o.server ?? conf.nameservers[0] ?? '127.0.0.1'
  const name = o.name!
  const ptr = isIPv4(name)
  const types: RRType[] = ptr ? ['PTR'] : o.type ? [o.type] : ['A', 'AAAA']
  const names = ptr ? [reverseName(name)] : searchNames(name, conf, 'busybox')
  const questions = types.flatMap((type) => names.map((n) => ({ name: n, type })))
  const tries = o.retry ?? 2
  const ex = askAll(ctx, server, questions, { port: o.port, tries, timeoutMs: Math.round(((o.timeout ?? 5) * 1000) / tries) })
  if (!ex) return { stdout: '', stderr: NO_ENGINE, exitCode: 1 }
  const refused = ex.some((e) => e.tries.some((t) => t.outcome === 'refused')) ? `nslookup: write to '${server}': Connection refused\n` : ''
  if (!ex.some((e) => e.response)) return { stdout: NO_SERVERS_OLD + '\n', stderr: refused, exitCode: 1 }
  let out = `Server:\t\t${server}\nAddress:\t${server}:${o.port}\n\n`
  let code = 0
  for (const e of ex) {
    const r = e.response
    if (!r) continue
    if (r.rcode !== 'NOERROR') {
      out += `** server can't find ${noDot(e.question.name)}: ${r.rcode}\n\n`
      code = 1
      continue
    }
    if (!r.aa) out += 'Non-authoritative answer:\n'
    for (const a of r.answer) {
      out += a.type === 'A' || a.type === 'AAAA' ? `Name:\t${noDot(a.name)}\nAddress: ${a.data}\n` : `${noDot(a.name)}\t${nslookupData(a, false) ?? a.data}\n`
    }
    out += '\n'
  }
  return { stdout: out, stderr: refused, exitCode: code }
}

/** busybox 1.28 and older: getaddrinfo and reverse lookups through the C library */
function oldBusyboxNslookup(ctx: CommandContext, o: NsOptions): CommandResult {
  const conf = resolvConfOf(ctx)
  const server = o.server ?? conf.nameservers[0] ?? '127.0.0.1'
  const reverse = (ip: string): string => {
    const ex = ask(ctx, server, { name: reverseName(ip), type: 'PTR' }, { tries: conf.attempts, timeoutMs: conf.timeout * 1000, stopOnRefused: true })
    const rr = ex?.response?.answer.find((a) => a.type === 'PTR')
    return rr ? ' ' + noDot(rr.data) : ''
  }
  let out = `Server:    ${server}\nAddress 1: ${server}${reverse(server)}\n\n`
  const name = o.name!
  const found = isIPv4(name) ? { ok: true as const, addrs: [name] } : dnsSearch(ctx, name, ['A'], libcOf(ctx.cluster, ctx.host))
  if (!found) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
  if (!found.ok) return { stdout: out, stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1 }
  out += `Name:      ${name}\n`
  found.addrs.forEach((ip, i) => (out += `Address ${i + 1}: ${ip}${reverse(ip)}\n`))
  return { stdout: out, stderr: '', exitCode: 0 }
}

const BUSYBOX_USAGE = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n'

export const nslookup: Command = (ctx) => {
  const tool = toolIn(ctx.cluster, ctx.host, 'nslookup')
  const variant = tool?.name === 'nslookup' ? tool.variant : 'bind'
  const o = parseArgs(ctx.args)
  if (variant !== 'bind' && (o.bad || o.name === undefined)) return { stdout: '', stderr: variant === 'busybox' ? BUSYBOX_USAGE : BUSYBOX_USAGE.replace(/ \[-type.*\n\nQuery DNS about HOST\n\nQUERY_TYPE.*\n/, ' [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n'), exitCode: 1 }
  if (o.bad) return { stdout: '', stderr: `*** ${o.bad}\n`, exitCode: 1 }
  if (o.name === undefined) return { stdout: '', stderr: 'kubelab: interactive nslookup is not simulated; give a name: nslookup NAME [SERVER]\n', exitCode: 1 }
  if (variant === 'busybox') return busyboxNslookup(ctx, o)
  if (variant === 'busybox-old') return oldBusyboxNslookup(ctx, o)
  return bindNslookup(ctx, o, tool?.name === 'nslookup' && tool.version ? tool.version : '9.18.33-1~deb12u2-Debian')
}
