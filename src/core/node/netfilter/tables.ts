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
 * What restore knows of one distinct rule, shared by every namespace holding it (kube-proxy hands the same
 * argument arrays to every node): the immutable parsed spec, its saved text once rendered, and the user
 * chain it jumps to (undefined for verdicts and extension targets).
 *
 * A rule restored from an argument list was parsed in full at restore (every error surfaces there, at its
 * line), but only its jump target is kept: the spec is parsed again from the arguments when first read (a
 * trace walking the chain, iptables-save). A 10,000-Service sync restores 320,000 rules per node and a packet
 * reads a few hundred of them; keeping every spec from the start would make the collector copy 100 MB more.
 */
export class ParsedRule {
  /** everything after `-A CHAIN` in iptables-save form, once rendered */
  body: string | undefined = undefined
  private s: RuleSpec | undefined
  constructor(spec: RuleSpec | undefined, readonly jump: string | undefined, private readonly from?: readonly string[],
    private readonly reparse?: (args: readonly string[]) => RuleSpec) {
    this.s = spec
  }
  get spec(): RuleSpec {
    return (this.s ??= this.reparse!(this.from!))
  }
}

/**
 * A rule made by restore: the shared ParsedRule, the argument list it was written with (to recognise it,
 * unchanged, in the next sync) and its own counters, allocated on first use.
 */
/** how many rules of a table's user chains jump to one chain (restore's bookkeeping for -X) */
export interface RefCell { n: number }

export class NfRule implements Rule {
  private c: Counters | undefined
  /** the reference cell of this rule's jump target in its table; null: no user-chain target; unset: not looked up */
  ref: RefCell | null | undefined = undefined
  /** the spec once read (a packet walk reads it at every rule: one step, not two) */
  private sp: RuleSpec | undefined = undefined
  constructor(readonly parsed: ParsedRule, readonly args?: readonly string[], counters?: Counters) {
    this.c = counters
  }
  get spec(): RuleSpec {
    return (this.sp ??= this.parsed.spec)
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
