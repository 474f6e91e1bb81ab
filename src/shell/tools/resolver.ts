// The stub resolver of a host context (what getaddrinfo does in curl, wget, ping, nc): IP literals, /etc/hosts,
// then DNS from /etc/resolv.conf: the search list in glibc's or musl's order, A and AAAA asked together from one
// socket, timeouts and attempts from `options`, every query a traced datagram to the nameserver (resolvconf.ts,
// dnsclient.ts). glibc (Debian images, busybox, nodes) sees ICMP errors on its connected socket and stops; musl
// (Alpine-based images) does not and waits out its timeout.

import type { RRType, ResourceRecord } from '../../core/dns/types.ts'
import type { Cluster } from '../../core/cluster/types.ts'
import type { CommandContext, HostContext } from '../types.ts'
import { hostsFileOf } from './hostfs.ts'
import { askAll, endOf, type Exchange } from './dnsclient.ts'
import { familyOf } from './images.ts'
import { imageOf } from './access.ts'
import { resolvConfOf, searchNames, type ResolvConf } from './resolvconf.ts'

/** `name`: the canonical name of the answer (the FQDN for cluster records, the hosts-file name), for ping's lines */
export type Resolution = { ok: true; ip: string; name?: string } | { ok: false; error: 'NOTFOUND' | 'AGAIN' }

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/

export function isIPv4(s: string): boolean {
  return IPV4.test(s)
}

/** Looks a name up in hosts-file text (first matching line wins, names are case-insensitive). */
export function lookupHosts(text: string, name: string): string | undefined {
  const want = name.toLowerCase().replace(/\.$/, '')
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim()
    if (!line) continue
    const [ip, ...names] = line.split(/\s+/)
    if (isIPv4(ip) && names.some((n) => n.toLowerCase() === want)) return ip
  }
  return undefined
}

export type Libc = 'glibc' | 'musl'

/** The C library of a host context: Alpine-based images (alpine, curlimages/curl, netshoot) have musl. */
export function libcOf(cluster: Cluster, host: HostContext): Libc {
  if (host.kind !== 'pod') return 'glibc'
  const f = familyOf(imageOf(cluster, host))
  return f === 'alpine' || f === 'curl' || f === 'netshoot' ? 'musl' : 'glibc'
}

/** The result of a DNS search for addresses: the records found under the name that answered, or why not. */
export type DnsLookup =
  | { ok: true; addrs: string[]; name: string; aliases: string[]; exchanges: Exchange[] }
  | { ok: false; error: 'NOTFOUND' | 'AGAIN'; exchanges: Exchange[] }

type Step = 'found' | 'next' | 'servfail' | 'fail' | 'refused'

function classify(ex: Exchange[]): Step {
  if (ex.some((e) => e.response && e.response.rcode === 'NOERROR' && e.response.answer.length)) return 'found'
  if (ex.every((e) => e.response && (e.response.rcode === 'NXDOMAIN' || e.response.rcode === 'NOERROR'))) return 'next'
  if (ex.some((e) => endOf(e) === 'refused')) return 'refused'
  if (ex.some((e) => e.response?.rcode === 'SERVFAIL')) return 'servfail'
  return 'fail'
}

/** addresses of `types` in the answers, the owner name they sit under, and the names that led there (CNAMEs) */
function addresses(ex: Exchange[], types: RRType[], asked: string): { addrs: string[]; name: string; aliases: string[] } {
  const records: ResourceRecord[] = ex.flatMap((e) => e.response?.answer ?? [])
  const addrs = records.filter((r) => types.includes(r.type)).map((r) => r.data)
  const owner = records.find((r) => types.includes(r.type))?.name ?? asked
  const aliases = records.filter((r) => r.type === 'CNAME').map((r) => r.name.replace(/\.$/, ''))
  return { addrs, name: owner.replace(/\.$/, ''), aliases }
}

/** Asks the nameservers of `conf` for `qname`: every server in turn until one answers. */
function askServers(ctx: Pick<CommandContext, 'cluster' | 'host' | 'trace'>, conf: ResolvConf, libc: Libc, qname: string, types: RRType[]): Exchange[] | undefined {
  const servers = conf.nameservers.length ? conf.nameservers : ['127.0.0.1']
  const all: Exchange[] = []
  for (const server of servers) {
    // musl retries every timeout/attempts within one timeout; glibc waits the full timeout per attempt
    const ex = askAll(ctx, server, types.map((type) => ({ name: qname, type })), libc === 'musl'
      ? { tries: conf.attempts, timeoutMs: Math.round((conf.timeout * 1000) / conf.attempts), seesIcmp: false }
      : { tries: conf.attempts, timeoutMs: conf.timeout * 1000, stopOnRefused: true })
    if (!ex) return undefined
    all.push(...ex)
    if (ex.some((e) => e.response)) return ex
  }
  return all
}

/**
 * A DNS search for records of `types` (A, AAAA) under `name`, in the order and with the give-up rules of `libc`:
 * NXDOMAIN and NODATA go on to the next name; glibc stops searching at a timeout but still tries the name as is,
 * and gives up at once on ICMP port unreachable; musl gives up at any failure. Undefined when no engine.
 */
export function dnsSearch(ctx: Pick<CommandContext, 'cluster' | 'host' | 'fs' | 'trace'>, name: string, types: RRType[], libc: Libc): DnsLookup | undefined {
  const conf = resolvConfOf(ctx)
  const names = searchNames(name, conf, libc)
  const exchanges: Exchange[] = []
  const asIs = name.endsWith('.') ? name : name + '.'
  let failed = false
  for (const qname of names) {
    if (failed && qname !== asIs) continue
    const ex = askServers(ctx, conf, libc, qname, types)
    if (!ex) return undefined
    exchanges.push(...ex)
    const step = classify(ex)
    if (step === 'found') {
      const a = addresses(ex, types, qname)
      // an answer without the wanted type (a CNAME alone) ends the search: NODATA
      return a.addrs.length ? { ok: true, ...a, exchanges } : { ok: false, error: 'NOTFOUND', exchanges }
    }
    if (step === 'next' || (step === 'servfail' && libc === 'glibc')) continue
    if (libc === 'musl' || step === 'refused') return { ok: false, error: 'AGAIN', exchanges }
    // glibc: a timeout ends the search list; the name as is is still tried (unless that was this one)
    if (qname === asIs) return { ok: false, error: 'AGAIN', exchanges }
    failed = true
  }
  const again = exchanges.some((e) => !e.response || e.response.rcode === 'SERVFAIL')
  return { ok: false, error: again ? 'AGAIN' : 'NOTFOUND', exchanges }
}

/** gai_strerror of a failed lookup: glibc's and musl's texts differ. */
export function gaiError(libc: Libc, error: 'NOTFOUND' | 'AGAIN'): string {
  if (libc === 'musl') return error === 'AGAIN' ? 'Try again' : 'Name does not resolve'
  return error === 'AGAIN' ? 'Temporary failure in name resolution' : 'Name or service not known'
}

/** name -> IPv4 as getaddrinfo answers it in this host context (IP literals, /etc/hosts, then DNS A+AAAA). */
export function resolveName(ctx: Pick<CommandContext, 'cluster' | 'host' | 'fs' | 'trace'>, name: string): Resolution {
  if (isIPv4(name)) return { ok: true, ip: name }
  const fromHosts = lookupHosts(hostsFileOf(ctx.cluster, ctx.host, ctx.fs), name)
  if (fromHosts) return { ok: true, ip: fromHosts, name }
  const r = dnsSearch(ctx, name, ['A', 'AAAA'], libcOf(ctx.cluster, ctx.host))
  if (!r) return { ok: false, error: 'AGAIN' }
  if (!r.ok) return { ok: false, error: r.error }
  const v4 = r.addrs.find(isIPv4)
  return v4 ? { ok: true, ip: v4, name: r.name } : { ok: false, error: 'NOTFOUND' }
}
