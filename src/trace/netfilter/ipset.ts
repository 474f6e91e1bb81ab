// ipset membership for `-m set --match-set NAME dst,dst`: hash:ip, hash:net, hash:ip,port, hash:ip,port,ip,
// hash:ip,port,net and bitmap:port, with entries in `ipset list` form (`10.96.0.10,udp:53`). Each set is
// indexed once (a hash lookup per packet, as the kernel does) and re-indexed when its entries change.

import type { IpSet } from '../../core/node/types.ts'
import type { Packet } from '../types.ts'
import { cidrContains } from '../ip.ts'

interface Index {
  entries: string[]
  length: number
  first: string | undefined
  last: string | undefined
  /** exact keys (every dimension but a trailing net) */
  keys: Set<string>
  /** trailing `net` dimension: prefix key -> CIDRs */
  nets: Map<string, string[]>
}

const indexes = new WeakMap<IpSet, Index>()

function dims(type: string): string[] {
  const slash = type.indexOf(':')
  return (slash < 0 ? type : type.slice(slash + 1)).split(',')
}

/** `tcp:80` stays, `80` becomes `tcp:80` (ipset's default protocol) */
function normPort(v: string): string {
  return v.includes(':') ? v.toLowerCase() : `tcp:${v}`
}

function indexOf(set: IpSet): Index {
  const e = set.entries
  const cached = indexes.get(set)
  if (cached && cached.entries === e && cached.length === e.length && cached.first === e[0] && cached.last === e[e.length - 1]) return cached
  const d = dims(set.type)
  const bitmap = set.type.startsWith('bitmap:')
  const idx: Index = { entries: e, length: e.length, first: e[0], last: e[e.length - 1], keys: new Set(), nets: new Map() }
  const netLast = d[d.length - 1] === 'net'
  for (const raw of e) {
    const parts = raw.split(/\s+/)[0].split(',')
    const norm = parts.map((v, i) => (d[i] === 'port' && !bitmap ? normPort(v) : v))
    if (netLast) {
      const prefix = norm.slice(0, -1).join(',')
      const list = idx.nets.get(prefix) ?? []
      list.push(norm[norm.length - 1])
      idx.nets.set(prefix, list)
    } else idx.keys.add(norm.join(','))
  }
  indexes.set(set, idx)
  return idx
}

/** is the packet in the set, reading dimensions from its src/dst as `flags` says (`dst,dst,src`)? */
export function ipsetHas(set: IpSet, flags: string, p: Packet): boolean {
  const d = dims(set.type)
  const f = flags.split(',')
  const bitmap = set.type.startsWith('bitmap:')
  const values: string[] = []
  for (let i = 0; i < d.length; i++) {
    const side = f[i] ?? f[f.length - 1] ?? 'src'
    const ip = side === 'dst' ? p.dst : p.src
    const port = side === 'dst' ? p.dport : p.sport
    if (d[i] === 'port') values.push(bitmap ? String(port) : `${p.protocol.toLowerCase()}:${port}`)
    else values.push(ip)
  }
  const idx = indexOf(set)
  if (d[d.length - 1] === 'net') {
    const nets = idx.nets.get(values.slice(0, -1).join(','))
    return !!nets && nets.some((n) => cidrContains(n, values[values.length - 1]))
  }
  return idx.keys.has(values.join(','))
}
