// The kernel's tables: built-in chains per table (hook order), the order iptables-save (nft) prints tables,
// chain objects (restored rule objects: intern.ts).

import type { Chain, Counters, Table, TableName } from '../types.ts'

export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
}

/** iptables-nft walks its table list in enum order: mangle, (security), raw, filter, nat */
export const SAVE_ORDER: readonly TableName[] = ['mangle', 'raw', 'filter', 'nat']

export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter']

export function isTableName(s: string): s is TableName {
  return s === 'raw' || s === 'mangle' || s === 'nat' || s === 'filter'
}

export function isBuiltinChain(table: TableName, chain: string): boolean {
  return BUILTIN_CHAINS[table].includes(chain)
}

/**
 * the counters of every user chain: the kernel keeps none for them (iptables-save prints `[0:0]`), and nothing
 * counts on them (policy counters are the built-in chains'); frozen, so a write would fail loudly
 */
export const USER_CHAIN_COUNTERS: Counters = Object.freeze({ packets: 0, bytes: 0 })

export function newChain(name: string, builtin: boolean, policy?: 'ACCEPT' | 'DROP'): Chain {
  return builtin
    ? { name, builtin, policy: policy ?? 'ACCEPT', counters: { packets: 0, bytes: 0 }, rules: [] }
    : { name, builtin, counters: USER_CHAIN_COUNTERS, rules: [] }
}

export function newTable(name: TableName): Table {
  const chains = new Map<string, Chain>()
  for (const c of BUILTIN_CHAINS[name]) chains.set(c, newChain(c, true))
  return { name, chains }
}

const sortedCache = new WeakMap<Table, { version: number; chains: Chain[] }>()
const versions = new WeakMap<Table, number>()

/** restore changed the table's chains (added, replaced or deleted some): its chain order must be re-checked */
export function touchTable(table: Table): void {
  versions.set(table, (versions.get(table) ?? 0) + 1)
}

/**
 * chains in the order iptables prints them: built-ins in hook order, then user chains by name (strcmp).
 * The order is remembered per table: reused as it is while restore did not touch the table (chains are only
 * added, replaced or deleted by restore), re-checked with one lookup per chain after it did (a re-sync
 * replaces chain objects, rarely the set of names), sorted again only when the names changed.
 */
export function sortedChains(table: Table): Chain[] {
  const map = table.chains
  const version = versions.get(table) ?? 0
  const hit = sortedCache.get(table)
  if (hit && hit.chains.length === map.size) {
    if (hit.version === version) return hit.chains.slice()
    const prev = hit.chains
    const out: Chain[] = new Array(prev.length)
    let same = true
    for (let i = 0; i < prev.length; i++) {
      const c = map.get(prev[i].name)
      if (c === undefined) { same = false; break }
      out[i] = c
    }
    if (same) {
      sortedCache.set(table, { version, chains: out })
      return out.slice()
    }
  }
  const builtins: Chain[] = []
  const user: Chain[] = []
  for (const c of map.values()) (c.builtin ? builtins : user).push(c)
  const order = BUILTIN_CHAINS[table.name]
  builtins.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
  user.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const out = builtins.concat(user)
  sortedCache.set(table, { version, chains: out })
  return out.slice()
}
