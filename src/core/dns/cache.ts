// The cache plugin of one CoreDNS process (coredns/coredns plugin/cache/cache.go, item.go,
// plugin/pkg/dnsutil/ttl.go MinimalTTL): a success and a denial cache keyed by (qname, qtype); each entry
// lives min(max(message TTL, minimum), maximum) seconds of virtual time; every reply (first and cached) carries
// that capped TTL, a cached one counting down by whole elapsed seconds. An answer that changed in the API
// is served stale from here until its entry expires: the DNS caching caveat learners must see.

import type { CacheConfig } from './plugins.ts'
import type { DnsResponse, RRType, ResourceRecord } from './types.ts'
import { isSubDomain } from './names.ts'

type Kind = 'success' | 'denial' | 'servfail' | 'other'

interface Item {
  rcode: DnsResponse['rcode']
  ra: boolean
  answer: ResourceRecord[]
  authority: ResourceRecord[]
  additional: ResourceRecord[]
  origTTL: number
  stored: number
}

/** response.Typify, reduced to what the cache distinguishes. */
function typify(r: DnsResponse): Kind {
  if (r.rcode === 'NXDOMAIN') return 'denial'
  if (r.rcode === 'SERVFAIL') return 'servfail'
  if (r.rcode !== 'NOERROR') return 'other'
  return r.answer.length ? 'success' : 'denial'
}

/** dnsutil.MinimalTTL: the smallest TTL in the message; for denials also the SOA's minimum field. */
function minimalTTL(r: DnsResponse, kind: Kind): number {
  if (kind === 'servfail' || kind === 'other') return 5
  const all = [...r.answer, ...r.authority, ...r.additional]
  if (!all.length) return 5
  let min = 3600
  for (const x of all) {
    min = Math.min(min, x.ttl)
    if (kind === 'denial' && x.type === 'SOA') min = Math.min(min, Number(x.data.split(' ')[6]))
  }
  return min
}

const withTTL = (list: ResourceRecord[], ttl: number) => list.map((x) => ({ ...x, ttl }))

export class DnsCache {
  private readonly success = new Map<string, Item>()
  private readonly denial = new Map<string, Item>()

  constructor(readonly cfg: CacheConfig) {}

  private covers(name: string): boolean {
    return this.cfg.zones.some((z) => isSubDomain(z, name))
  }

  private key(name: string, type: RRType): string {
    return `${type}|${name.toLowerCase()}`
  }

  /** A fresh cached reply for the question, or undefined (miss or expired). `now` in ms of virtual time. */
  get(name: string, type: RRType, now: number): Omit<Item, 'origTTL' | 'stored'> | undefined {
    if (!this.covers(name)) return undefined
    const k = this.key(name, type)
    for (const m of [this.success, this.denial]) {
      const i = m.get(k)
      if (!i) continue
      const ttl = i.origTTL - Math.floor((now - i.stored) / 1000)
      if (ttl <= 0) continue
      return { rcode: i.rcode, ra: i.ra, answer: withTTL(i.answer, ttl), authority: withTTL(i.authority, ttl), additional: withTTL(i.additional, ttl) }
    }
    return undefined
  }

  /**
   * What the cache's ResponseWriter does with a reply from the plugins behind it: store it (when cacheable)
   * and cap every record's TTL to the entry's lifetime. Returns the reply as the client receives it.
   */
  put(r: DnsResponse, now: number): DnsResponse {
    if (!this.covers(r.question.name)) return r
    const kind = typify(r)
    const msgTTL = minimalTTL(r, kind)
    const duration = kind === 'denial' ? clamp(msgTTL, this.cfg.denialMinTTL, this.cfg.denialTTL)
      : kind === 'servfail' ? this.cfg.servfailTTL
        : clamp(msgTTL, this.cfg.successMinTTL, this.cfg.successTTL)
    if (kind !== 'other' && duration > 0) {
      const target = kind === 'success' ? this.success : this.denial
      const cap = kind === 'success' ? this.cfg.successCap : this.cfg.denialCap
      const k = this.key(r.question.name, r.question.type)
      if (cap > 0) {
        if (target.size >= cap && !target.has(k)) target.delete(target.keys().next().value as string)
        target.set(k, { rcode: r.rcode, ra: r.ra, answer: r.answer, authority: r.authority, additional: r.additional, origTTL: Math.floor(duration), stored: now })
      }
    }
    const ttl = Math.floor(duration)
    return { ...r, answer: withTTL(r.answer, ttl), authority: withTTL(r.authority, ttl), additional: withTTL(r.additional, ttl) }
  }

  get size(): number {
    return this.success.size + this.denial.size
  }
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(Math.max(v, min), max)
}
