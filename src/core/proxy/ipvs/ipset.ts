// The ipsets of ipvs mode in a namespace: entry strings as utilipset.Entry.String() writes them
// (`10.96.0.1,tcp:443`, `10.244.1.5,tcp:80,10.244.1.5`, `30080`), ensureIPSet + syncIPSetEntries, DestroySet.

import type { IpSet, Netns } from '../../node/types.ts'
import { IPSET_INFO } from './constants.ts'

/** hash:ip,port */
export const ipPortEntry = (ip: string, proto: string, port: number) => `${ip},${proto}:${port}`
/** hash:ip,port,ip */
export const ipPortIpEntry = (ip: string, proto: string, port: number, ip2: string) => `${ip},${proto}:${port},${ip2}`
/** hash:ip,port,net */
export const ipPortNetEntry = (ip: string, proto: string, port: number, net: string) => `${ip},${proto}:${port},${net}`
/** bitmap:port */
export const portEntry = (port: number) => String(port)

/** the active entries of each set during one sync (sets.Set[string]) */
export type ActiveSets = Map<string, Set<string>>

export function newActiveSets(): ActiveSets {
  return new Map(IPSET_INFO.map((s) => [s.name, new Set<string>()]))
}

/** ensureIPSet for every set (created empty if absent, in ipsetInfo order), then its entries made the active ones */
export function syncIPSets(netns: Netns, active: ActiveSets): void {
  for (const info of IPSET_INFO) {
    let set = netns.ipsets.get(info.name)
    if (!set) {
      set = { name: info.name, type: info.type, family: 'inet', comment: info.comment, entries: [] } satisfies IpSet
      netns.ipsets.set(info.name, set)
    }
    const want = active.get(info.name) ?? new Set<string>()
    const have = new Set(set.entries)
    if (have.size === want.size && [...want].every((e) => have.has(e))) continue
    // DelEntry for stale entries, AddEntry for new ones (kept sorted: ipset lists a hash in its own order)
    set.entries = [...want].sort(compareEntries)
  }
}

/** numeric-aware order for entries: ports and addresses sort as numbers */
function compareEntries(a: string, b: string): number {
  const pa = a.split(/[.,:/]/), pb = b.split(/[.,:/]/)
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i], y = pb[i]
    if (x === y) continue
    const nx = Number(x), ny = Number(y)
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny
    return x < y ? -1 : 1
  }
  return pa.length - pb.length
}

/** DestroySet for every ipvs-mode set (cleanup, after the iptables rules that reference them are gone) */
export function destroyIPSets(netns: Netns): void {
  for (const info of IPSET_INFO) netns.ipsets.delete(info.name)
}
