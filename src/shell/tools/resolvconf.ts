// /etc/resolv.conf as the stub resolvers read it (glibc resolv/res_init.c, musl resolvconf.c): nameservers (at
// most 3), the search list (the last `search` or `domain` line wins), `options ndots: timeout: attempts:`, and
// the order in which a name is tried against the search list by glibc, musl, bind's tools and busybox nslookup.

import type { CommandContext } from '../types.ts'
import { podOf } from './access.ts'
import { nodeResolvConf, podResolvConf } from './hostfs.ts'

export interface ResolvConf {
  nameservers: string[]
  search: string[]
  ndots: number
  /** seconds per try */
  timeout: number
  attempts: number
  rotate: boolean
}

/** Parses resolv.conf text with glibc's limits: ndots <= 15, timeout <= 30, attempts <= 5, 3 nameservers, 6 search domains. */
export function parseResolvConf(text: string): ResolvConf {
  const c: ResolvConf = { nameservers: [], search: [], ndots: 1, timeout: 5, attempts: 2, rotate: false }
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*/, '').trim()
    if (!line) continue
    const [key, ...rest] = line.split(/\s+/)
    if (key === 'nameserver' && rest[0] && c.nameservers.length < 3) c.nameservers.push(rest[0])
    else if (key === 'search') c.search = rest.slice(0, 6)
    else if (key === 'domain' && rest[0]) c.search = [rest[0]]
    else if (key === 'options') {
      for (const o of rest) {
        const m = /^(ndots|timeout|attempts):(\d+)$/.exec(o)
        if (m) {
          const n = Number(m[2])
          if (m[1] === 'ndots') c.ndots = Math.min(n, 15)
          else if (m[1] === 'timeout') c.timeout = Math.max(1, Math.min(n, 30))
          else c.attempts = Math.max(1, Math.min(n, 5))
        } else if (o === 'rotate') c.rotate = true
      }
    }
  }
  return c
}

/** The resolv.conf a host context reads: its own file (seeded from what kubelet writes), else the generated one. */
export function resolvConfText(ctx: Pick<CommandContext, 'cluster' | 'host' | 'fs'>): string {
  const own = ctx.fs.read('/etc/resolv.conf')
  if (own !== undefined) return own
  const pod = podOf(ctx.cluster, ctx.host)
  return pod ? podResolvConf(ctx.cluster, pod) : nodeResolvConf(ctx.cluster)
}

export function resolvConfOf(ctx: Pick<CommandContext, 'cluster' | 'host' | 'fs'>): ResolvConf {
  return parseResolvConf(resolvConfText(ctx))
}

/** Whose search rules: glibc res_search, musl name_from_dns_search, bind's dig/host/nslookup, busybox nslookup. */
export type SearchRules = 'glibc' | 'musl' | 'bind' | 'busybox'

const abs = (n: string) => (n.endsWith('.') ? n : n + '.')

/**
 * The absolute names tried for `name`, in order:
 * - glibc: a trailing dot: the name only; dots >= ndots: the name, then each search domain; else each search
 *   domain, then the name.
 * - musl: a trailing dot or dots >= ndots: the name only; else each search domain, then the name.
 * - bind (dig +search, host, nslookup): a trailing dot or dots >= ndots: the name only; else the search list, then the name.
 * - busybox nslookup: a name with a dot is asked as is; a name without one only with each search domain.
 */
export function searchNames(name: string, conf: Pick<ResolvConf, 'search' | 'ndots'>, rules: SearchRules): string[] {
  if (name.endsWith('.')) return [name]
  const dots = name.split('.').length - 1
  const expanded = conf.search.map((d) => abs(`${name}.${d}`))
  switch (rules) {
    case 'glibc': return dots >= conf.ndots ? [abs(name), ...expanded] : [...expanded, abs(name)]
    case 'musl': case 'bind': return dots >= conf.ndots ? [abs(name)] : [...expanded, abs(name)]
    case 'busybox': return dots > 0 || !expanded.length ? [abs(name)] : expanded
  }
}

