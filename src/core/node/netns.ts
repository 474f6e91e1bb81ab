// Network namespaces: creating an empty one (as `ip netns add` / a container runtime does), with lazily built
// kernel tables so 3,000 pod namespaces cost little until a tool or a trace looks inside.

import type { Ipvs, Link, Netfilter, Netns, NetnsKind } from './types.ts'

/** builds the netfilter state of a new namespace (the NETFILTER engineer's newNetfilter, or a test stub) */
export type NetfilterFactory = (ns: { name: string; kind: NetnsKind; node?: string; podCIDR?: string }) => Netfilter

/**
 * Kernel bookkeeping the Netns contract does not hold: the next ifindex, peer netns ids and a by-name index of
 * the links. The index is rebuilt whenever `links` was changed behind the helpers' back (another array, or
 * another length), so code that edits `ns.links` directly stays correct.
 */
interface NsBook { nextIndex: number; nsids: Map<string, number>; byName: Map<string, Link>; arr: Link[]; len: number }
const books = new WeakMap<Netns, NsBook>()

function book(ns: Netns): NsBook {
  let b = books.get(ns)
  if (!b) books.set(ns, (b = { nextIndex: 1, nsids: new Map(), byName: new Map(), arr: ns.links, len: -1 }))
  if (b.arr !== ns.links || b.len !== ns.links.length) {
    b.byName.clear()
    let max = 0
    for (const l of ns.links) { b.byName.set(l.name, l); if (l.index > max) max = l.index }
    if (b.nextIndex <= max) b.nextIndex = max + 1
    b.arr = ns.links
    b.len = ns.links.length
  }
  return b
}

/** The next free ifindex of a namespace: the kernel counts up and does not reuse indexes of deleted links. */
export function nextIfindex(ns: Netns): number {
  return book(ns).nextIndex++
}

/** The link named `name` (indexed: namespaces with hundreds of veths are looked up per pod). */
export function linkByName(ns: Netns, name: string): Link | undefined {
  const l = book(ns).byName.get(name)
  return l && l.name === name ? l : undefined
}

/** Record a link the helpers pushed onto ns.links (keeps the index without a rebuild). */
export function noteLinkAdded(ns: Netns, link: Link): void {
  const b = books.get(ns)
  if (b && b.arr === ns.links && b.len === ns.links.length - 1) {
    b.byName.set(link.name, link)
    b.len++
    if (link.index >= b.nextIndex) b.nextIndex = link.index + 1
  }
}

/** Record a link the helpers removed from ns.links. */
export function noteLinkRemoved(ns: Netns, link: Link): void {
  const b = books.get(ns)
  if (b && b.arr === ns.links && b.len === ns.links.length + 1) {
    b.byName.delete(link.name)
    b.len--
  }
}

/** The netnsid `ns` knows `peer` by (assigned 0, 1, 2 ... the first time a link points there). */
export function netnsIdOf(ns: Netns, peer: string): number {
  const b = book(ns)
  let id = b.nsids.get(peer)
  if (id === undefined) b.nsids.set(peer, (id = b.nsids.size))
  return id
}

export function newIpvs(): Ipvs {
  return { services: new Map(), connections: [], templates: new Map() }
}

/**
 * A new, empty namespace. The netfilter, IPVS and ipset tables are created on first access (a pod's namespace
 * is rarely inspected); links and routes start empty.
 */
export function newNetns(name: string, kind: NetnsKind, makeNetfilter: NetfilterFactory, node?: string, podCIDR?: string): Netns {
  let nf: Netfilter | undefined
  let ipvs: Ipvs | undefined
  let ipsets: Netns['ipsets'] | undefined
  const ns: Netns = {
    name, kind, node,
    links: [],
    routes: [],
    get netfilter() { return (nf ??= makeNetfilter({ name, kind, node, podCIDR })) },
    get ipvs() { return (ipvs ??= newIpvs()) },
    get ipsets() { return (ipsets ??= new Map()) },
    conntrack: [],
    sysctl: new Map(),
  }
  return ns
}
