// Routing in one namespace: the local table (addresses of its links, kube-ipvs0 included, and 127/8), then
// the longest-prefix match over the main table; the source address for a new connection; and crossing a
// link to the next namespace (veth into the node's bridge, bridge to a pod, vxlan to another node, the wire).

import type { Link, Netns, Route } from '../core/node/types.ts'
import type { ClusterNetwork } from '../core/node/network.ts'
import { addrOf, cidrContains, ipToNum, isLoopback, parseCidr } from './ip.ts'

export type RouteResult =
  | { kind: 'local'; dev: string; text: string }
  | { kind: 'unicast'; route: Route; dev: string; nexthop: string; src?: string; text: string }
  | { kind: 'unreachable'; text: string }

const localCache = new WeakMap<Netns, { sig: string; map: Map<string, string> }>()

/** every address of the namespace (kube-ipvs0 included): the kernel's local table (cached until links change) */
export function localAddrs(ns: Netns): Map<string, string> {
  let sig = `${ns.routes.length}`
  for (const l of ns.links) sig += `|${l.name}:${l.addrs.length}:${l.addrs[l.addrs.length - 1]?.cidr ?? ''}`
  const hit = localCache.get(ns)
  if (hit && hit.sig === sig) return hit.map
  const m = new Map<string, string>()
  for (const l of ns.links) for (const a of l.addrs) m.set(addrOf(a.cidr), l.name)
  for (const r of ns.routes) if (r.table === 'local' && r.type !== 'broadcast') m.set(addrOf(r.dst), r.dev)
  localCache.set(ns, { sig, map: m })
  return m
}

export function isLocalAddr(ns: Netns, ip: string, cache?: Map<string, string>): boolean {
  return isLoopback(ip) || (cache ?? localAddrs(ns)).has(ip)
}

/** primary (first global, else first) IPv4 address of an interface */
export function ifaceAddr(ns: Netns, dev: string): string | undefined {
  const l = ns.links.find((x) => x.name === dev)
  if (!l) return undefined
  const a = l.addrs.find((x) => x.scope === 'global' && !x.cidr.includes(':')) ?? l.addrs.find((x) => !x.cidr.includes(':'))
  return a ? addrOf(a.cidr) : undefined
}

function routeText(r: Route): string {
  const parts = [r.dst]
  if (r.via) parts.push(`via ${r.via}`)
  parts.push(`dev ${r.dev}`)
  if (r.onlink) parts.push('onlink')
  if (r.src) parts.push(`src ${r.src}`)
  return parts.join(' ')
}

/** the kernel's route lookup for `dst` in `ns` */
export function lookupRoute(ns: Netns, dst: string, locals?: Map<string, string>): RouteResult {
  const loc = locals ?? localAddrs(ns)
  const dev = loc.get(dst)
  if (dev !== undefined || isLoopback(dst)) return { kind: 'local', dev: isLoopback(dst) ? 'lo' : dev!, text: `${dst} is an address of ${ns.name} (${isLoopback(dst) ? 'lo' : dev}): local delivery` }
  const n = ipToNum(dst)
  let best: Route | undefined
  let bestLen = -1
  if (n !== undefined) {
    for (const r of ns.routes) {
      if (r.table === 'local') continue
      const c = parseCidr(r.dst)
      if (!c || !cidrContains(c, n)) continue
      if (c.len > bestLen || (c.len === bestLen && (r.metric ?? 0) < (best?.metric ?? 0))) { best = r; bestLen = c.len }
    }
  }
  if (!best) return { kind: 'unreachable', text: `${ns.name} has no route to ${dst}` }
  const src = best.src ?? ifaceAddr(ns, best.dev)
  return { kind: 'unicast', route: best, dev: best.dev, nexthop: best.via ?? dst, src, text: `route to ${dst}: ${routeText(best)}` }
}

export interface Crossing {
  to: Netns
  /** the interface the packet arrives on (a bridge port arrives on its bridge) */
  inIf: string
  kind: 'veth' | 'bridge' | 'vxlan' | 'wire'
  text: string
  /** vxlan: the outer (encapsulating) addresses */
  outer?: { src: string; dst: string }
  /** the receiving machine is powered off: the frame goes nowhere (why, for the hop) */
  lost?: string
}

function linkHolding(ns: Netns, ip: string): Link | undefined {
  return ns.links.find((l) => l.addrs.some((a) => addrOf(a.cidr) === ip))
}

function primaryEther(ns: Netns): string | undefined {
  for (const l of ns.links) {
    if (l.kind !== 'ether') continue
    const a = l.addrs.find((x) => x.scope === 'global')
    if (a) return addrOf(a.cidr)
  }
  return undefined
}

/** the packet leaves `from` on `dev` toward `nexthop`: which namespace receives it, on which interface */
export function crossLink(net: ClusterNetwork, from: Netns, dev: string, nexthop: string): Crossing | undefined {
  const link = from.links.find((l) => l.name === dev)
  if (from.kind === 'pod' && link?.kind === 'veth' && from.node) {
    const node = net.netns(from.node)
    if (node) {
      const peer = node.links.find((l) => l.index === link.peer?.index)
      const inIf = peer?.master ?? peer?.name ?? dev
      return { to: node, inIf, kind: 'veth', text: `${from.name} ${dev} -> ${node.name} ${peer?.name ?? 'veth'}${peer?.master ? ` (bridge ${peer.master})` : ''}` }
    }
  }
  const to = net.owner(nexthop)
  if (!to || to === from) return undefined
  const held = linkHolding(to, nexthop)
  const inIf = held?.name ?? to.links.find((l) => l.kind !== 'loopback')?.name ?? 'eth0'
  if (net.down?.(to)) {
    const machine = to.kind === 'pod' ? to.node : to.name
    return { to, inIf, kind: 'wire', text: `${from.name} ${dev} -> ${nexthop}`, lost: `${machine} is powered off: nothing answers ARP for ${link?.kind === 'vxlan' ? primaryEther(to) ?? nexthop : nexthop}, the packet is lost` }
  }
  if (link?.kind === 'vxlan') {
    const src = primaryEther(from) ?? '?'
    const dst = primaryEther(to) ?? '?'
    return { to, inIf, kind: 'vxlan', outer: { src, dst }, text: `${from.name} ${dev} encapsulates (VXLAN, UDP 8472) ${src} -> ${dst}; ${to.name} ${inIf} decapsulates` }
  }
  if (link?.kind === 'bridge') return { to, inIf, kind: 'bridge', text: `${from.name} bridge ${dev} -> ${to.name} ${inIf}` }
  return { to, inIf, kind: 'wire', text: `${from.name} ${dev} -> ${to.name} ${inIf} (on the wire)` }
}
