// Plugin setup: each directive of a server block checked and turned into its configuration as the plugin's
// setup.go does (coredns/coredns plugin/{kubernetes,forward,cache,hosts,rewrite,reload}/setup.go), with the
// errors CoreDNS prints (`plugin/kubernetes: ...`). Directives the lab does not model are accepted and inert.

import { argErr, normalizeZone, parseErr, parseGoDuration, type BlockLine, type Directive, type ServerBlock, type ServerKey, type Token } from './corefile.ts'
import { isIPv4 } from './names.ts'

export type PodMode = 'disabled' | 'insecure' | 'verified'

export interface KubernetesConfig {
  zones: string[]
  pods: PodMode
  /** zones fallthrough applies to; [] = all zones; undefined = no fallthrough */
  fallthrough?: string[]
  ttl: number
  endpointPodNames: boolean
  ignoreEmptyService: boolean
  namespaces: string[]
}

export interface ForwardConfig {
  from: string
  /** `8.8.8.8:53` entries or the file `/etc/resolv.conf` (read from the pod when the server starts) */
  to: string[]
  except: string[]
}

export interface CacheConfig {
  zones: string[]
  successTTL: number
  successMinTTL: number
  denialTTL: number
  denialMinTTL: number
  servfailTTL: number
  successCap: number
  denialCap: number
}

export interface HostsConfig { entries: { ip: string; names: string[] }[]; ttl: number; fallthrough?: string[]; noReverse: boolean; zones: string[] }

export interface RewriteRule { type: 'exact' | 'prefix' | 'suffix' | 'substring'; from: string; to: string; stop: boolean }

export interface ServerConfig {
  zones: string[]
  port: number
  /** directive names present, in Corefile order */
  present: string[]
  kubernetes?: KubernetesConfig
  forward?: ForwardConfig
  cache?: CacheConfig
  hosts?: HostsConfig
  rewrite: RewriteRule[]
  reload?: { intervalMs: number; jitterMs: number }
  log: boolean
  errors: boolean
  loadbalance: boolean
  loop: boolean
}

type R<T> = { ok: true; value: T } | { ok: false; error: string }
const fail = <T>(plugin: string, error: string): R<T> => ({ ok: false, error: `plugin/${plugin}: ${error}` })

const tok = (l: BlockLine): Token => l.last

function isReverse(z: string): boolean {
  return z.endsWith('in-addr.arpa.') || z.endsWith('ip6.arpa.')
}

function kubernetesSetup(d: Directive, keys: ServerKey[], file: string): R<KubernetesConfig> {
  const zones = d.args.length ? d.args.map(normalizeZone) : keys.map((k) => k.zone)
  if (!zones.some((z) => !isReverse(z))) return fail('kubernetes', 'non-reverse zone name must be used')
  const cfg: KubernetesConfig = { zones, pods: 'disabled', ttl: 5, endpointPodNames: false, ignoreEmptyService: false, namespaces: [] }
  for (const l of d.block) {
    const a = l.args
    switch (l.name) {
      case 'endpoint_pod_names': if (a.length) return fail('kubernetes', argErr(file, tok(l))); cfg.endpointPodNames = true; break
      case 'pods':
        if (a.length !== 1) return fail('kubernetes', argErr(file, tok(l)))
        if (a[0] !== 'disabled' && a[0] !== 'insecure' && a[0] !== 'verified') return fail('kubernetes', `wrong value for pods: ${a[0]},  must be one of: disabled, verified, insecure`)
        cfg.pods = a[0]
        break
      case 'namespaces': if (!a.length) return fail('kubernetes', argErr(file, tok(l))); cfg.namespaces.push(...a); break
      case 'endpoint': case 'labels': case 'namespace_labels': if (!a.length) return fail('kubernetes', argErr(file, tok(l))); break
      case 'tls': if (a.length !== 3) return fail('kubernetes', argErr(file, tok(l))); break
      case 'kubeconfig': if (a.length !== 1 && a.length !== 2) return fail('kubernetes', argErr(file, tok(l))); break
      case 'fallthrough': cfg.fallthrough = a.map(normalizeZone); break
      case 'ttl': {
        if (!a.length) return fail('kubernetes', argErr(file, tok(l)))
        if (!/^[+-]?\d+$/.test(a[0])) return fail('kubernetes', `strconv.Atoi: parsing "${a[0]}": invalid syntax`)
        const t = Number(a[0])
        if (t < 0 || t > 3600) return fail('kubernetes', parseErr(file, l.last.line, `ttl must be in range [0, 3600]: ${t}`))
        cfg.ttl = t
        break
      }
      case 'noendpoints': if (a.length) return fail('kubernetes', argErr(file, tok(l))); break
      case 'ignore':
        if (a.length && a[0] !== 'empty_service') return fail('kubernetes', `unable to parse ignore value: '${a[0]}'`)
        if (a.length) cfg.ignoreEmptyService = true
        break
      default: return fail('kubernetes', parseErr(file, l.line, `unknown property '${l.name}'`))
    }
  }
  return { ok: true, value: cfg }
}

const FORWARD_PROPS = new Set(['except', 'force_tcp', 'prefer_udp', 'tls', 'tls_servername', 'expire', 'max_fails', 'health_check', 'policy', 'max_concurrent', 'next', 'failfast_all_unhealthy_upstreams'])

/** Files the lab's coredns container has (forward's HostPortOrFile accepts a resolv.conf-style file). */
const FILES = new Set(['/etc/resolv.conf'])

function forwardSetup(d: Directive, file: string): R<ForwardConfig> {
  if (d.args.length < 2) return fail('forward', argErr(file, d.last))
  const [from, ...to] = d.args
  for (const h of to) {
    const host = h.replace(/^dns:\/\//, '')
    const ip = host.replace(/:\d+$/, '')
    if (!isIPv4(ip) && !FILES.has(h)) return fail('forward', `not an IP address or file: "${h}"`)
  }
  const cfg: ForwardConfig = { from: normalizeZone(from), to, except: [] }
  for (const l of d.block) {
    if (!FORWARD_PROPS.has(l.name)) return fail('forward', parseErr(file, l.line, `unknown property '${l.name}'`))
    if (l.name === 'except') cfg.except.push(...l.args.map(normalizeZone))
    if (l.name === 'max_concurrent' && (l.args.length !== 1 || !/^\d+$/.test(l.args[0]))) return fail('forward', argErr(file, tok(l)))
  }
  return { ok: true, value: cfg }
}

function cacheSetup(d: Directive, keys: ServerKey[], file: string): R<CacheConfig> {
  // defaults: success 3600 s, denial 1800 s (plugin/cache/cache.go maxTTL, maxNTTL), minimum 5 s, capacity 10000
  const cfg: CacheConfig = { zones: keys.map((k) => k.zone), successTTL: 3600, successMinTTL: 5, denialTTL: 1800, denialMinTTL: 5, servfailTTL: 5, successCap: 10000, denialCap: 10000 }
  const args = [...d.args]
  if (args.length && /^-?\d+$/.test(args[0])) {
    const t = Number(args.shift())
    if (t <= 0) return fail('cache', `cache TTL can not be zero or negative: ${t}`)
    cfg.successTTL = cfg.denialTTL = t
  }
  if (args.length) cfg.zones = args.map(normalizeZone)
  for (const l of d.block) {
    const a = l.args
    switch (l.name) {
      case 'success': case 'denial': {
        if (!a.length) return fail('cache', argErr(file, tok(l)))
        const nums = a.map(Number)
        if (nums.some((n) => !Number.isInteger(n))) return fail('cache', `strconv.Atoi: parsing "${a[nums.findIndex((n) => !Number.isInteger(n))]}": invalid syntax`)
        if (l.name === 'success') { cfg.successCap = nums[0]; if (a.length > 1) cfg.successTTL = nums[1]; if (a.length > 2) cfg.successMinTTL = nums[2] }
        else { cfg.denialCap = nums[0]; if (a.length > 1) cfg.denialTTL = nums[1]; if (a.length > 2) cfg.denialMinTTL = nums[2] }
        break
      }
      case 'servfail': {
        const ms = a.length === 1 ? parseGoDuration(a[0]) : undefined
        if (ms === undefined) return fail('cache', argErr(file, tok(l)))
        if (ms > 300_000) return fail('cache', 'caching SERVFAIL responses over 5 minutes is not permitted')
        cfg.servfailTTL = ms / 1000
        break
      }
      case 'prefetch': case 'serve_stale': case 'disable': case 'keepttl': break
      default: return fail('cache', parseErr(file, l.line, `unknown property '${l.name}'`))
    }
  }
  return { ok: true, value: cfg }
}

function hostsSetup(d: Directive, keys: ServerKey[], file: string): R<HostsConfig> {
  const cfg: HostsConfig = { entries: [], ttl: 3600, noReverse: false, zones: d.args.length > 1 ? d.args.slice(1).map(normalizeZone) : keys.map((k) => k.zone) }
  for (const l of d.block) {
    if (isIPv4(l.name)) {
      cfg.entries.push({ ip: l.name, names: l.args.map(normalizeZone) })
      continue
    }
    switch (l.name) {
      case 'fallthrough': cfg.fallthrough = l.args.map(normalizeZone); break
      case 'no_reverse': cfg.noReverse = true; break
      case 'ttl': {
        if (l.args.length !== 1) return fail('hosts', argErr(file, tok(l)))
        const t = Number(l.args[0])
        if (!Number.isInteger(t) || t <= 0 || t > 65535) return fail('hosts', parseErr(file, l.line, `ttl provided is invalid`))
        cfg.ttl = t
        break
      }
      case 'reload': break
      default: return fail('hosts', parseErr(file, l.line, `unknown property '${l.name}'`))
    }
  }
  return { ok: true, value: cfg }
}

function rewriteSetup(d: Directive, file: string): R<RewriteRule> {
  const a = [...d.args]
  let stop = true
  if (a[0] === 'continue' || a[0] === 'stop') stop = a.shift() === 'stop'
  if (a[0] !== 'name') {
    if (!a.length) return fail('rewrite', argErr(file, d.last))
    return fail('rewrite', `invalid rule type "${a[0]}"`)
  }
  a.shift()
  let type: RewriteRule['type'] = 'exact'
  if (a.length === 3 || (a.length === 4 && a[3] === 'answer')) {
    const t = a.shift()!
    if (t !== 'exact' && t !== 'prefix' && t !== 'suffix' && t !== 'substring') return fail('rewrite', `name rule supports only exact, prefix, suffix, substring, and regex name matching, received: ${t}`)
    type = t
  }
  if (a.length < 2) return fail('rewrite', argErr(file, d.last))
  const z = (s: string) => (type === 'exact' || type === 'suffix' ? normalizeZone(s) : s.toLowerCase())
  return { ok: true, value: { type, from: z(a[0]), to: z(a[1]), stop } }
}

/** Turns one server block into its configuration, or the error CoreDNS exits with. */
export function setupServer(b: ServerBlock, file: string): R<ServerConfig[]> {
  const base: ServerConfig = { zones: [], port: b.keys[0].port, present: b.directives.map((d) => d.name), rewrite: [], log: false, errors: false, loadbalance: false, loop: false }
  const seen = new Set<string>()
  for (const d of b.directives) {
    const once = ['kubernetes', 'forward', 'cache', 'hosts', 'reload', 'loop', 'errors', 'health', 'ready', 'loadbalance']
    if (once.includes(d.name) && seen.has(d.name)) return fail(d.name, 'this plugin can only be used once per Server Block')
    seen.add(d.name)
    switch (d.name) {
      case 'kubernetes': { const r = kubernetesSetup(d, b.keys, file); if (!r.ok) return r; base.kubernetes = r.value; break }
      case 'forward': { const r = forwardSetup(d, file); if (!r.ok) return r; base.forward = r.value; break }
      case 'cache': { const r = cacheSetup(d, b.keys, file); if (!r.ok) return r; base.cache = r.value; break }
      case 'hosts': { const r = hostsSetup(d, b.keys, file); if (!r.ok) return r; base.hosts = r.value; break }
      case 'rewrite': { const r = rewriteSetup(d, file); if (!r.ok) return r; base.rewrite.push(r.value); break }
      case 'reload': {
        const iv = d.args[0] !== undefined ? parseGoDuration(d.args[0]) : 30_000
        const jit = d.args[1] !== undefined ? parseGoDuration(d.args[1]) : 15_000
        if (d.args.length > 2 || iv === undefined || jit === undefined) return fail('reload', argErr(file, d.last))
        if (iv < 2000) return fail('reload', `interval value must be greater or equal to 2s`)
        base.reload = { intervalMs: iv, jitterMs: jit }
        break
      }
      case 'log': base.log = true; break
      case 'errors': base.errors = true; break
      case 'loadbalance':
        if (d.args.length && d.args[0] !== 'round_robin' && d.args[0] !== 'weighted') return fail('loadbalance', `unknown policy: ${d.args[0]}`)
        base.loadbalance = true
        break
      case 'loop': if (d.args.length) return fail('loop', argErr(file, d.last)); base.loop = true; break
      default: break
    }
  }
  // one server per key (`.:53` and `cluster.local:53` are separate servers sharing the plugin setup)
  return { ok: true, value: b.keys.map((k) => ({ ...base, zones: [k.zone], port: k.port })) }
}
