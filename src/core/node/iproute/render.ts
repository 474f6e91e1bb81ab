// iproute2 renderers: `ip addr`, `ip link`, `ip -br addr|link`, `ip -4|-6 addr`, `ip route [show table local]`,
// with iproute2 6.x's spacing (each field printed as "key value " so some lines end in a blank, as on a real node).

import type { Addr, Link, Netns, Route } from '../types.ts'
import { localRoutes, sortRoutes } from './links.ts'

/** txqueuelen by link kind (`qlen N` is printed only when non-zero) */
const TXQLEN: Record<Link['kind'], number> = { loopback: 1000, ether: 1000, bridge: 1000, veth: 0, vxlan: 0, dummy: 0, ipip: 0 }

export interface IpAddrOptions {
  /** `ip link` (mode DEFAULT, no addresses) instead of `ip addr` */
  link?: boolean
  /** -4 / -6 */
  family?: 4 | 6
  brief?: boolean
}

const isV6 = (a: Addr) => a.cidr.includes(':')

/** `name@ifN` for a veth whose peer lives in another namespace */
export function displayName(l: Link): string {
  return l.kind === 'veth' && l.peer ? `${l.name}@if${l.peer.index}` : l.name
}

function headerLine(l: Link, o: IpAddrOptions): string {
  let s = `${l.index}: ${displayName(l)}: <${l.flags.join(',')}> mtu ${l.mtu} qdisc ${l.qdisc} `
  if (l.master) s += `master ${l.master} `
  s += `state ${l.state} `
  if (o.link) s += 'mode DEFAULT '
  s += 'group default '
  if (TXQLEN[l.kind]) s += `qlen ${TXQLEN[l.kind]}`
  return s
}

function linkLine(l: Link): string {
  const lo = l.kind === 'loopback'
  let s = lo ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00' : `    link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff`
  if (l.peer?.netnsName) s += ` link-netns ${l.peer.netnsName}`
  else if (l.peer?.netnsId !== undefined) s += ` link-netnsid ${l.peer.netnsId}`
  return s
}

/** the address lines: inet ones first, then inet6, as the kernel dumps them */
function addrLines(l: Link, family?: 4 | 6): string {
  let s = ''
  const list = [...l.addrs.filter((a) => !isV6(a)), ...l.addrs.filter(isV6)]
  for (const a of list) {
    if (family === 4 && isV6(a)) continue
    if (family === 6 && !isV6(a)) continue
    let line = `    ${isV6(a) ? 'inet6' : 'inet'} ${a.cidr} `
    if (a.broadcast && !isV6(a)) line += `brd ${a.broadcast} `
    line += `scope ${a.scope} `
    for (const f of a.flags ?? []) line += `${f} `
    if (!isV6(a)) line += l.name
    s += `${line}\n       valid_lft forever preferred_lft forever\n`
  }
  return s
}

function hasFamily(l: Link, family?: 4 | 6): boolean {
  if (!family) return true
  return l.addrs.some((a) => (family === 6 ? isV6(a) : !isV6(a)))
}

/** `ip [-4|-6] [-br] addr|link [show [dev] NAME]` over the given links */
export function renderLinks(links: readonly Link[], o: IpAddrOptions = {}): string {
  let out = ''
  for (const l of links) {
    if (!o.link && !hasFamily(l, o.family)) continue
    if (o.brief) {
      out += `${displayName(l).padEnd(16)} ${l.state.padEnd(14)} `
      if (o.link) out += `${l.kind === 'loopback' ? '00:00:00:00:00:00' : l.mac} <${l.flags.join(',')}> `
      else for (const a of l.addrs) if (!o.family || (o.family === 6) === isV6(a)) out += `${a.cidr} `
      out += '\n'
      continue
    }
    out += headerLine(l, o) + '\n'
    if (!o.family || o.link) out += linkLine(l) + '\n'
    if (!o.link) out += addrLines(l, o.family)
  }
  return out
}

function routeLine(r: Route, links: readonly Link[], showTable = false): string {
  let s = ''
  if (r.type && r.type !== 'unicast') s += `${r.type} `
  s += `${r.dst.endsWith('/32') ? r.dst.slice(0, -3) : r.dst} `
  if (r.via) s += `via ${r.via} `
  s += `dev ${r.dev} `
  if (showTable && r.table && r.table !== 'main') s += `table ${r.table} `
  if (r.proto && r.proto !== 'boot') s += `proto ${r.proto} `
  if (r.scope && r.scope !== 'global') s += `scope ${r.scope} `
  if (r.src) s += `src ${r.src} `
  if (r.metric !== undefined) s += `metric ${r.metric} `
  if (r.onlink) s += 'onlink '
  const dev = links.find((l) => l.name === r.dev)
  if (r.table !== 'local' && dev && dev.flags.includes('UP') && !dev.flags.includes('LOWER_UP') && dev.kind !== 'loopback') s += 'linkdown '
  return s
}

/** `ip route [show] [table main|local|all]` */
export function renderRoutes(ns: Netns, table: 'main' | 'local' | 'all' = 'main'): string {
  const main = sortRoutes(ns.routes.filter((r) => (r.table ?? 'main') === 'main'))
  const local = localRoutes(ns)
  let out = ''
  if (table === 'main' || table === 'all') for (const r of main) out += routeLine(r, ns.links) + '\n'
  if (table === 'local' || table === 'all') {
    for (const r of local) out += routeLine(r, ns.links, table === 'all') + '\n'
  }
  return out
}
