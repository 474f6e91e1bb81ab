// The kernel's tables: built-in chains per table (hook order), the order iptables-save (nft) prints tables,
// chain and rule objects.

import type { Chain, Counters, Rule, RuleSpec, Table, TableName } from '../types.ts'

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
 * A rule made by restore. It keeps the argument list it was written with (to recognise it, unchanged, in the
 * next sync), its saved text once rendered, and allocates its counters on first use.
 */
export class NfRule implements Rule {
  private c: Counters | undefined
  /** everything after `-A CHAIN` in iptables-save form, once rendered */
  body: string | undefined
  constructor(readonly spec: RuleSpec, readonly args?: readonly string[], counters?: Counters) {
    this.c = counters
  }
  get counters(): Counters {
    return (this.c ??= { packets: 0, bytes: 0 })
  }
  set counters(v: Counters) {
    this.c = v
  }
  /** true when traffic has counted on this rule */
  counted(): boolean {
    const c = this.c
    return c !== undefined && (c.packets !== 0 || c.bytes !== 0)
  }
}

export function newChain(name: string, builtin: boolean, policy?: 'ACCEPT' | 'DROP'): Chain {
  return builtin
    ? { name, builtin, policy: policy ?? 'ACCEPT', counters: { packets: 0, bytes: 0 }, rules: [] }
    : { name, builtin, counters: { packets: 0, bytes: 0 }, rules: [] }
}

export function newTable(name: TableName): Table {
  const chains = new Map<string, Chain>()
  for (const c of BUILTIN_CHAINS[name]) chains.set(c, newChain(c, true))
  return { name, chains }
}

/** chains in the order iptables prints them: built-ins in hook order, then user chains by name (strcmp) */
export function sortedChains(table: Table): Chain[] {
  const builtins: Chain[] = []
  const user: Chain[] = []
  for (const c of table.chains.values()) (c.builtin ? builtins : user).push(c)
  const order = BUILTIN_CHAINS[table.name]
  builtins.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
  user.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return builtins.concat(user)
}
