// Rule matching: the basic matches (-s -d -p -i -o, each with `!`) and the extension matches kube-proxy,
// kubelet and CNIs write (comment, tcp/udp/sctp ports, multiport, addrtype, mark, conntrack/state,
// statistic, recent, set, icmp, iprange, length). Unknown modules match (they do not decide kube traffic).

import type { AddrMatch, MatchSpec, Opt, RuleSpec } from '../../core/node/types.ts'
import type { CompiledAddrMatch } from '../../core/node/netfilter/atoms.ts'
import { ipNum, ipToNum, parseCidr } from '../ip.ts'
import { recentList } from '../state.ts'
import { ipsetHas } from './ipset.ts'
import type { NfCtx } from './context.ts'

/** does the rule match the packet? (extension matches with side effects, like recent --set, run in order) */
export function ruleMatches(spec: RuleSpec, ctx: NfCtx, ruleKey: object): boolean {
  const p = ctx.pkt
  if (spec.source && addrIn(spec.source, p.src) === spec.source.negate) return false
  if (spec.destination && addrIn(spec.destination, p.dst) === spec.destination.negate) return false
  if (spec.protocol && protoMatches(spec.protocol.name, p.protocol) === spec.protocol.negate) return false
  if (spec.inInterface && ifaceMatches(spec.inInterface.name, ctx.inIf) === spec.inInterface.negate) return false
  if (spec.outInterface && ifaceMatches(spec.outInterface.name, ctx.outIf) === spec.outInterface.negate) return false
  for (const m of spec.matches) if (!extensionMatches(m, ctx, ruleKey)) return false
  return true
}

/** address matches made elsewhere than the parser (no numbers on them), parsed once */
const parsed = new WeakMap<AddrMatch, { base: number; mask: number } | null>()

/** the packet address last converted: a walk asks for the same address at every rule */
let lastIp = ''
let lastNum: number | undefined

function addrIn(m: AddrMatch, ip: string): boolean {
  let n: number | undefined
  if (ip === lastIp) n = lastNum
  else {
    n = ipNum(ip)
    lastIp = ip
    lastNum = n
  }
  if (n === undefined) return false
  const compiled = m as Partial<CompiledAddrMatch>
  if (compiled.mask !== undefined) return ((n & compiled.mask) >>> 0) === compiled.base
  let c = parsed.get(m)
  if (c === undefined) {
    const cidr = parseCidr(m.cidr)
    c = cidr ? { base: cidr.base, mask: cidr.len === 0 ? 0 : (~0 << (32 - cidr.len)) >>> 0 } : null
    parsed.set(m, c)
  }
  return c !== null && ((n & c.mask) >>> 0) === c.base
}

const PROTO_BY_NUMBER: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '132': 'sctp' }

function protoMatches(name: string, proto: string): boolean {
  const n = name.toLowerCase()
  if (n === 'all' || n === '0') return true
  return (PROTO_BY_NUMBER[n] ?? n) === proto.toLowerCase()
}

/** `eth+` is a prefix wildcard */
function ifaceMatches(pattern: string, iface: string | undefined): boolean {
  if (iface === undefined) return false
  return pattern.endsWith('+') ? iface.startsWith(pattern.slice(0, -1)) : iface === pattern
}

function opt(m: MatchSpec, ...names: string[]): Opt | undefined {
  return m.options.find((o) => names.includes(o.name))
}

/** `80`, `30000:32767` */
function portIn(spec: string, port: number): boolean {
  const [a, b] = spec.split(':')
  const lo = a === '' ? 0 : Number(a)
  const hi = b === undefined ? lo : b === '' ? 65535 : Number(b)
  return port >= lo && port <= hi
}

/** check a port option when present: true when absent */
function portOpt(o: Opt | undefined, port: number): boolean {
  if (!o || o.value === undefined) return true
  return portIn(o.value, port) !== !!o.negate
}

function listOpt(o: Opt | undefined, port: number): boolean {
  if (!o || o.value === undefined) return true
  return o.value.split(',').some((s) => portIn(s, port)) !== !!o.negate
}

function parseNum(s: string): number {
  return s.startsWith('0x') || s.startsWith('0X') ? parseInt(s.slice(2), 16) : Number(s)
}

function extensionMatches(m: MatchSpec, ctx: NfCtx, ruleKey: object): boolean {
  const p = ctx.pkt
  switch (m.module) {
    case 'tcp': case 'udp': case 'sctp': {
      if (p.protocol.toLowerCase() !== m.module) return false
      if (!portOpt(opt(m, 'dport', 'destination-port'), p.dport)) return false
      if (!portOpt(opt(m, 'sport', 'source-port'), p.sport)) return false
      const syn = opt(m, 'syn')
      if (syn && syn.negate) return false // the packets the engine walks are SYNs
      const flags = opt(m, 'tcp-flags')
      if (flags?.value) {
        const [mask, comp] = flags.value.split(/\s+/)
        const set = (s: string) => new Set(s === 'ALL' ? ['SYN', 'ACK', 'FIN', 'RST', 'URG', 'PSH'] : s === 'NONE' ? [] : s.split(','))
        const masked = set(mask).has('SYN') ? ['SYN'] : []
        const want = [...set(comp ?? '')].sort()
        if ((masked.join() === want.join()) === !!flags.negate) return false
      }
      return true
    }
    case 'multiport': {
      if (p.protocol === 'ICMP') return false
      return listOpt(opt(m, 'dports', 'destination-ports'), p.dport) && listOpt(opt(m, 'sports', 'source-ports'), p.sport)
        && (() => {
          const both = opt(m, 'ports')
          if (!both?.value) return true
          const hit = both.value.split(',').some((s) => portIn(s, p.dport) || portIn(s, p.sport))
          return hit !== !!both.negate
        })()
    }
    case 'icmp': {
      if (p.protocol !== 'ICMP') return false
      const t = opt(m, 'icmp-type')
      if (!t?.value) return true
      return ['echo-request', '8', '8/0'].includes(t.value) !== !!t.negate
    }
    case 'addrtype': {
      for (const [name, ip] of [['src-type', p.src], ['dst-type', p.dst]] as const) {
        const o = opt(m, name)
        if (!o?.value) continue
        const hit = o.value.split(',').some((t) => addrType(t, ip, ctx))
        if (hit === !!o.negate) return false
      }
      return true
    }
    case 'mark': {
      const o = opt(m, 'mark')
      if (!o?.value) return true
      const [v, mask] = o.value.split('/')
      const mk = mask === undefined ? 0xffffffff : parseNum(mask)
      return (((p.mark & mk) >>> 0) === (parseNum(v) >>> 0)) !== !!o.negate
    }
    case 'conntrack': case 'state': {
      const o = opt(m, 'ctstate', 'state')
      if (!o?.value) return true
      const states = o.value.split(',')
      const hit = states.some((s) => s === ctx.ct.state || (s === 'DNAT' && ctx.ct.dnat) || (s === 'SNAT' && ctx.ct.snat))
      return hit !== !!o.negate
    }
    case 'statistic': return statisticMatches(m, ctx, ruleKey)
    case 'recent': return recentMatches(m, ctx)
    case 'set': {
      const o = opt(m, 'match-set')
      if (!o?.value) return true
      const [name, flags] = o.value.split(/\s+/)
      const set = ctx.ns.ipsets.get(name)
      const hit = !!set && ipsetHas(set, flags ?? 'src', p)
      return hit !== !!o.negate
    }
    case 'iprange': {
      for (const [name, ip] of [['src-range', p.src], ['dst-range', p.dst]] as const) {
        const o = opt(m, name)
        if (!o?.value) continue
        const [a, b] = o.value.split('-').map((x) => ipToNum(x) ?? 0)
        const n = ipToNum(ip) ?? -1
        if ((n >= a && n <= b) === !!o.negate) return false
      }
      return true
    }
    case 'length': {
      const o = opt(m, 'length')
      return !o?.value || portIn(o.value, ctx.bytes) !== !!o.negate
    }
    default:
      return true // comment, nfacct, physdev, limit, pkttype, ...: no effect on the lab's traffic
  }
}

function addrType(type: string, ip: string, ctx: NfCtx): boolean {
  const local = ctx.isLocal(ip)
  const n = ipToNum(ip) ?? 0
  const multicast = n >>> 28 === 14
  const broadcast = ip === '255.255.255.255'
  switch (type) {
    case 'LOCAL': return local
    case 'UNICAST': return !local && !multicast && !broadcast
    case 'MULTICAST': return multicast
    case 'BROADCAST': return broadcast
    default: return false
  }
}

function statisticMatches(m: MatchSpec, ctx: NfCtx, ruleKey: object): boolean {
  const negate = m.options.some((o) => o.negate)
  const mode = opt(m, 'mode')?.value ?? 'random'
  let hit: boolean
  if (mode === 'nth') {
    const every = Math.max(1, Number(opt(m, 'every')?.value ?? 1))
    const start = Number(opt(m, 'packet')?.value ?? 0)
    const count = ctx.state.nth.get(ruleKey) ?? start
    const next = count === every - 1 ? 0 : count + 1
    ctx.state.nth.set(ruleKey, next)
    hit = next === 0
  } else {
    // the kernel keeps round(p * 2^31) and compares a 31-bit random number with it
    const p = Number(opt(m, 'probability')?.value ?? 1)
    const threshold = Math.round(p * 2 ** 31)
    hit = ctx.state.choices.int(2 ** 31) < threshold
  }
  return hit !== negate
}

function recentMatches(m: MatchSpec, ctx: NfCtx): boolean {
  const name = opt(m, 'name')?.value ?? 'DEFAULT'
  const addr = opt(m, 'rdest') ? ctx.pkt.dst : ctx.pkt.src
  const list = recentList(ctx.state, ctx.ns.name, name)
  const cmd = m.options.find((o) => ['set', 'rcheck', 'update', 'remove'].includes(o.name))
  const negate = !!cmd?.negate
  const now = ctx.now
  if (!cmd || cmd.name === 'set') {
    const stamps = list.get(addr) ?? []
    stamps.push(now)
    if (stamps.length > 20) stamps.shift() // ip_pkt_list_tot default
    list.set(addr, stamps)
    return !negate
  }
  const stamps = list.get(addr)
  if (cmd.name === 'remove') {
    if (!stamps) return negate
    list.delete(addr)
    return !negate
  }
  if (!stamps) return negate
  const secondsText = opt(m, 'seconds')?.value
  const seconds = secondsText === undefined ? undefined : Number(secondsText)
  const hitcount = Number(opt(m, 'hitcount')?.value ?? 0)
  let hit: boolean
  if (seconds === undefined && !hitcount) hit = true
  else {
    const fresh = stamps.filter((t) => seconds === undefined || t + seconds * 1000 > now)
    hit = fresh.length >= Math.max(1, hitcount)
    if (opt(m, 'reap') && seconds !== undefined) {
      if (fresh.length) list.set(addr, fresh)
      else list.delete(addr)
    }
  }
  if (hit && cmd.name === 'update') {
    const s = list.get(addr) ?? []
    s.push(now)
    list.set(addr, s)
  }
  return hit !== negate
}
