// One CoreDNS server (a server block on a port) running its plugin chain in CoreDNS's fixed order
// (plugin.cfg: log, loadbalance, cache, rewrite, hosts, kubernetes, loop, forward), whatever the order in
// the Corefile. Produces the reply and, for `log`/`errors`, the lines the process prints.

import type { Store } from '../apiserver/store.ts'
import { fnv32a } from '../controller/hash.ts'
import { DnsCache } from './cache.ts'
import { internetAnswer } from './internet.ts'
import { KubernetesPlugin } from './kubernetes.ts'
import { reply, rr, withSize } from './message.ts'
import { addressFromReverse, isIPv4, isSubDomain, reverseName } from './names.ts'
import type { HostsConfig, RewriteRule, ServerConfig } from './plugins.ts'
import type { DnsQuery, DnsResponse, RRType, ResourceRecord } from './types.ts'

export interface ChainEnv {
  store: Store
  now(): number
  /** SOA serial of this process (Unix seconds) */
  serial(): number
  /** the coredns pod: its IP, hostname and the nameservers of its /etc/resolv.conf */
  pod: { ip: string; hostname: string; resolvServers: string[] }
  /** addresses that lead back into the cluster's DNS (the DNS Service IP, coredns pod IPs, loopback) */
  isClusterDNS(ip: string): boolean
  /** is this address inside the cluster (service or pod CIDR): no simulated-internet resolver there */
  inCluster(ip: string): boolean
  /** a line the process writes to its log */
  log(line: string): void
  /** seed for loadbalance's shuffles and the upstream choice */
  seed: string
}

export class DnsServerChain {
  readonly cache?: DnsCache
  private readonly kubernetes?: KubernetesPlugin
  private depth = 0

  constructor(readonly cfg: ServerConfig, private readonly env: ChainEnv) {
    if (cfg.cache) this.cache = new DnsCache(cfg.cache)
    if (cfg.kubernetes) {
      this.kubernetes = new KubernetesPlugin(cfg.kubernetes, {
        store: env.store,
        get serial() { return env.serial() },
        localIPs: [env.pod.ip],
        upstream: (name, type) => this.lookup(name, type),
      })
    }
  }

  /** plugin/pkg/upstream: a query re-entering this server for a name outside the zone. */
  private lookup(name: string, type: RRType): ResourceRecord[] | undefined {
    if (this.depth > 8) return undefined
    this.depth++
    try {
      const r = this.run({ id: 0, question: { name, type }, rd: true, clientIP: this.env.pod.ip })
      return r.rcode === 'SERVFAIL' ? undefined : r.answer
    } finally { this.depth-- }
  }

  /** Serve one query: the reply as sent (size filled) plus the log plugin's line. */
  serve(q: DnsQuery): DnsResponse {
    const r = withSize(this.run(q))
    if (this.cfg.log) this.env.log(logLine(q, r))
    return r
  }

  private run(q: DnsQuery): DnsResponse {
    const now = this.env.now()
    const name = q.question.name, type = q.question.type
    let res: DnsResponse | undefined
    const hit = this.cache?.get(name, type, now)
    if (hit) {
      res = reply(q, hit.rcode, 'cache', { aa: true, ra: hit.ra, answer: hit.answer, authority: hit.authority, additional: hit.additional })
    } else {
      res = this.behindCache(q)
      if (this.cache) res = this.cache.put(res, now)
    }
    if (this.cfg.loadbalance && res.rcode === 'NOERROR') {
      const rnd = shuffler(`${this.env.seed}|${q.id}|${now}|${name}|${type}`)
      res = { ...res, answer: roundRobin(res.answer, rnd), authority: roundRobin(res.authority, rnd), additional: roundRobin(res.additional, rnd) }
    }
    return res
  }

  /** rewrite, hosts, kubernetes, forward: the plugins behind the cache. */
  private behindCache(q: DnsQuery): DnsResponse {
    const orig = q.question.name
    const rewritten = applyRewrite(this.cfg.rewrite, orig)
    const q2: DnsQuery = { ...q, question: { ...q.question, name: rewritten } }
    let res = this.answer(q2)
    if (rewritten !== orig) {
      const back = (list: ResourceRecord[]) => list.map((x) => (x.name.toLowerCase() === rewritten.toLowerCase() ? { ...x, name: orig } : x))
      res = { ...res, question: { ...q.question }, answer: back(res.answer), additional: back(res.additional) }
    }
    return res
  }

  private answer(q: DnsQuery): DnsResponse {
    const name = q.question.name
    if (this.cfg.hosts) {
      const h = hostsAnswer(this.cfg.hosts, q, this.env.pod)
      if (h) return h
    }
    if (this.kubernetes) {
      const k = this.kubernetes.serve(q.question)
      if (k.kind === 'reply') return reply(q, k.rcode, 'kubernetes', { aa: true, answer: k.answer, authority: k.authority, additional: k.additional })
    }
    const f = this.cfg.forward
    if (f && isSubDomain(f.from, name) && !f.except.some((z) => isSubDomain(z, name))) return this.forward(q)
    const last = this.kubernetes ? 'kubernetes' : this.cfg.hosts ? 'hosts' : 'server'
    if (this.cfg.errors) this.env.log(`[ERROR] plugin/errors: 2 ${name} ${q.question.type}: plugin/${last}: no next plugin found`)
    return reply(q, 'SERVFAIL', last)
  }

  private forward(q: DnsQuery): DnsResponse {
    const f = this.cfg.forward!
    const servers = f.to.flatMap((t) => (t === '/etc/resolv.conf' ? this.env.pod.resolvServers : [t.replace(/^dns:\/\//, '').replace(/:\d+$/, '')]))
    // policy random (the default): a seeded pick among the upstreams
    const upstream = servers[fnv32a(`${this.env.seed}|${q.id}|${q.question.name}`) % Math.max(1, servers.length)]
    const timeout = () => {
      if (this.cfg.errors) this.env.log(`[ERROR] plugin/errors: 2 ${q.question.name} ${q.question.type}: read udp ${this.env.pod.ip}:${40000 + (fnv32a(q.question.name) % 20000)}->${upstream}:53: i/o timeout`)
      return reply(q, 'SERVFAIL', 'forward')
    }
    // a forward back into the cluster DNS loops until the upstream timeout (the loop plugin exits at start)
    if (!upstream || this.env.isClusterDNS(upstream) || this.env.inCluster(upstream)) return timeout()
    const a = internetAnswer(q.question)
    return reply(q, a.rcode, 'forward', { aa: false, ra: true, answer: a.answer, authority: a.authority })
  }
}

function applyRewrite(rules: RewriteRule[], name: string): string {
  let n = name
  for (const r of rules) {
    const l = n.toLowerCase()
    let out: string | undefined
    if (r.type === 'exact' && l === r.from) out = r.to
    else if (r.type === 'prefix' && l.startsWith(r.from)) out = r.to + n.slice(r.from.length)
    else if (r.type === 'suffix' && l.endsWith(r.from)) out = n.slice(0, n.length - r.from.length) + r.to
    else if (r.type === 'substring' && l.includes(r.from)) out = n.replace(new RegExp(r.from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), r.to)
    if (out !== undefined) { n = out; if (r.stop) break }
  }
  return n
}

/** The hosts plugin: inline entries (and for /etc/hosts the pod's localhost and own-name lines). */
function hostsAnswer(cfg: HostsConfig, q: DnsQuery, pod: ChainEnv['pod']): DnsResponse | undefined {
  const name = q.question.name.toLowerCase()
  if (!cfg.zones.some((z) => isSubDomain(z, name))) return undefined
  const entries = [{ ip: '127.0.0.1', names: ['localhost.'] }, { ip: pod.ip, names: [`${pod.hostname}.`] }, ...cfg.entries]
  const known = entries.some((e) => e.names.includes(name))
  let answer: ResourceRecord[] = []
  if (q.question.type === 'A') answer = entries.filter((e) => e.names.includes(name) && isIPv4(e.ip)).map((e) => rr(q.question.name, 'A', cfg.ttl, e.ip))
  if (q.question.type === 'PTR' && !cfg.noReverse) {
    const ip = addressFromReverse(name)
    answer = entries.filter((e) => e.ip === ip).flatMap((e) => e.names.map((n) => rr(reverseName(ip), 'PTR', cfg.ttl, n)))
  }
  if (answer.length) return reply(q, 'NOERROR', 'hosts', { aa: true, answer })
  const ft = cfg.fallthrough
  if (ft && (ft.length === 0 || ft.some((z) => isSubDomain(z, name)))) return undefined
  return reply(q, known ? 'NOERROR' : 'NXDOMAIN', 'hosts', { aa: true })
}

/** A deterministic stand-in for dns.Id() in loadbalance's shuffle. */
function shuffler(seed: string): () => number {
  let h = fnv32a(seed)
  return () => { h = fnv32a(String(h), h); return h & 0xffff }
}

/** plugin/loadbalance roundRobin: CNAMEs and other records first, then the shuffled addresses, then MX. */
function roundRobin(list: ResourceRecord[], id: () => number): ResourceRecord[] {
  const cname = list.filter((r) => r.type === 'CNAME')
  const address = list.filter((r) => r.type === 'A' || r.type === 'AAAA')
  const mx = list.filter((r) => r.type === 'MX')
  const rest = list.filter((r) => !['CNAME', 'A', 'AAAA', 'MX'].includes(r.type))
  for (const recs of [address, mx]) {
    const l = recs.length
    if (l === 2) { if (id() % 2 === 0) [recs[0], recs[1]] = [recs[1], recs[0]] }
    else if (l > 2) {
      for (let j = 0; j < l; j++) {
        const p = j + (id() % (l - j))
        if (p !== j) [recs[j], recs[p]] = [recs[p], recs[j]]
      }
    }
  }
  return [...cname, ...rest, ...address, ...mx]
}

/** The log plugin's default line: `[INFO] 10.244.1.5:51234 - 4242 "A IN web.default.svc.cluster.local. udp 58 false 512" NOERROR qr,aa,rd 104 0.000123s`. */
function logLine(q: DnsQuery, r: DnsResponse): string {
  const qsize = 12 + q.question.name.replace(/\.$/, '').split('.').filter((x) => x).reduce((n, l) => n + 1 + l.length, 1) + 4 + (q.edns ? 11 : 0)
  const flags = ['qr', r.aa ? 'aa' : '', r.rd ? 'rd' : '', r.ra ? 'ra' : ''].filter((x) => x).join(',')
  const port = q.clientPort ?? 32768 + (fnv32a(`${q.clientIP}|${q.id}`) % 28000)
  const base = r.servedBy === 'forward' ? 0.004 : 0.00005
  const secs = (base + (fnv32a(`${q.id}|${q.question.name}`) % 90000) / 1e9 * (r.servedBy === 'forward' ? 100 : 1)).toFixed(9).replace(/0+$/, '')
  return `[INFO] ${q.clientIP}:${port} - ${q.id} "${q.question.type} IN ${q.question.name} udp ${qsize} false ${q.edns?.udpSize ?? 512}" ${r.rcode} ${flags} ${r.size} ${secs}s`
}
