// Links, addresses and routes of a namespace as the kernel keeps them: adding a link takes the next ifindex,
// an address on an up link brings its prefix route (`proto kernel scope link src ...`), removing a link takes its
// addresses and routes along. The local routing table is derived from the addresses.

import type { Addr, Link, LinkKind, Netns, Route } from '../types.ts'
import { broadcastOf, ipToInt, macFromKey, networkOf, parseCidr } from '../addr.ts'
import { linkByName, nextIfindex, noteLinkAdded, noteLinkRemoved } from '../netns.ts'

export type LinkSpec = Omit<Link, 'index' | 'addrs'> & { index?: number; addrs?: Addr[] }

export function findLink(ns: Netns, name: string): Link | undefined {
  return linkByName(ns, name)
}

/** `ip link add ...`: the link gets the namespace's next ifindex unless one is given */
export function addLink(ns: Netns, spec: LinkSpec): Link {
  if (findLink(ns, spec.name)) throw new Error(`RTNETLINK answers: File exists`)
  const link: Link = { ...spec, index: spec.index ?? nextIfindex(ns), addrs: [] }
  ns.links.push(link)
  noteLinkAdded(ns, link)
  for (const a of spec.addrs ?? []) addAddress(ns, link.name, a)
  return link
}

/** `ip link del NAME`: its addresses and every route through it go too */
export function removeLink(ns: Netns, name: string): boolean {
  const link = findLink(ns, name)
  const i = link ? ns.links.indexOf(link) : -1
  if (!link || i < 0) return false
  ns.links.splice(i, 1)
  noteLinkRemoved(ns, link)
  if (ns.routes.some((r) => r.dev === name)) ns.routes = ns.routes.filter((r) => r.dev !== name)
  return true
}

const isUp = (l: Link) => l.flags.includes('UP')

/** the kernel's prefix route for an IPv4 address (none for /32 and on a link that is down) */
function prefixRoute(link: Link, a: Addr): Route | undefined {
  const { ip, len } = parseCidr(a.cidr)
  if (ip.includes(':') || len >= 32 || !isUp(link) || link.kind === 'loopback') return undefined
  return { dst: `${networkOf(ip, len)}/${len}`, dev: link.name, proto: 'kernel', scope: 'link', src: ip }
}

/**
 * `ip addr add CIDR dev DEV`: IPv4 addresses below /31 get `brd` (the subnet's broadcast) unless given, and the
 * prefix route appears in the main table. Adding an address the link already has is a no-op.
 */
export function addAddress(ns: Netns, dev: string, a: Addr): Addr {
  const link = findLink(ns, dev)
  if (!link) throw new Error(`Device "${dev}" does not exist.`)
  const have = link.addrs.find((x) => x.cidr === a.cidr)
  if (have) return have
  const { ip, len } = parseCidr(a.cidr)
  const addr: Addr = { ...a }
  if (!ip.includes(':') && len < 31 && addr.broadcast === undefined && a.scope !== 'host') addr.broadcast = broadcastOf(ip, len)
  link.addrs.push(addr)
  const r = prefixRoute(link, addr)
  if (r && !ns.routes.some((x) => x.dst === r.dst && x.dev === r.dev)) ns.routes.push(r)
  return addr
}

/** `ip addr del CIDR dev DEV` (with its prefix route) */
export function removeAddress(ns: Netns, dev: string, cidr: string): boolean {
  const link = findLink(ns, dev)
  if (!link) return false
  const i = link.addrs.findIndex((x) => x.cidr === cidr)
  if (i < 0) return false
  const [a] = link.addrs.splice(i, 1)
  const r = prefixRoute(link, a)
  if (r) ns.routes = ns.routes.filter((x) => !(x.dst === r.dst && x.dev === r.dev && x.proto === 'kernel'))
  return true
}

export function addRoute(ns: Netns, r: Route): Route {
  const same = ns.routes.findIndex((x) => x.dst === r.dst && (x.table ?? 'main') === (r.table ?? 'main') && x.metric === r.metric)
  if (same >= 0) ns.routes[same] = r
  else ns.routes.push(r)
  return r
}

export function removeRoute(ns: Netns, dst: string): boolean {
  const n = ns.routes.length
  ns.routes = ns.routes.filter((r) => r.dst !== dst)
  return ns.routes.length !== n
}

/** the defaults each kind of link comes up with */
export const LINK_DEFAULTS: Record<LinkKind, Pick<Link, 'flags' | 'mtu' | 'qdisc' | 'state'>> = {
  loopback: { flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN' },
  ether: { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'fq_codel', state: 'UP' },
  bridge: { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'noqueue', state: 'UP' },
  veth: { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'noqueue', state: 'UP' },
  vxlan: { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1450, qdisc: 'noqueue', state: 'UNKNOWN' },
  dummy: { flags: ['BROADCAST', 'NOARP'], mtu: 1500, qdisc: 'noop', state: 'DOWN' },
  ipip: { flags: ['NOARP', 'UP', 'LOWER_UP'], mtu: 1480, qdisc: 'noqueue', state: 'UNKNOWN' },
}

/**
 * The dummy interface kube-proxy's ipvs mode binds Service IPs to (`kube-ipvs0`, down, NOARP), created on
 * first use; the IPVS back end then adds `/32` addresses with scope global.
 */
export function ensureDummy(ns: Netns, name = 'kube-ipvs0'): Link {
  return findLink(ns, name) ?? addLink(ns, { name, kind: 'dummy', mac: macFromKey(`${ns.name}|${name}`), ...LINK_DEFAULTS.dummy, flags: [...LINK_DEFAULTS.dummy.flags] })
}

/**
 * The local routing table (`ip route show table local`), derived from the addresses as the kernel builds it:
 * `local` per address (and the whole 127.0.0.0/8 on lo), `broadcast` per subnet broadcast address.
 */
export function localRoutes(ns: Netns): Route[] {
  const out: Route[] = []
  for (const l of ns.links) {
    for (const a of l.addrs) {
      const { ip, len } = parseCidr(a.cidr)
      if (ip.includes(':')) continue
      const hostScope = l.kind === 'loopback'
      if (hostScope && len < 32) out.push({ type: 'local', table: 'local', dst: `${networkOf(ip, len)}/${len}`, dev: l.name, proto: 'kernel', scope: 'host', src: ip })
      out.push({ type: 'local', table: 'local', dst: ip, dev: l.name, proto: 'kernel', scope: 'host', src: ip })
      if (len < 31 && a.broadcast) out.push({ type: 'broadcast', table: 'local', dst: a.broadcast, dev: l.name, proto: 'kernel', scope: hostScope ? 'host' : 'link', src: ip })
    }
  }
  return sortRoutes(out)
}

/** the fib trie's order: by destination address, then shorter prefix first */
export function sortRoutes(routes: Route[]): Route[] {
  const key = (r: Route) => {
    if (r.dst === 'default') return [0, 0]
    const { ip, len } = parseCidr(r.dst)
    return [ipToInt(ip), len]
  }
  return routes
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.r)
}
