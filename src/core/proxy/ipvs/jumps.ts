// EnsureRule/DeleteRule outside iptables-restore (the jumps from built-in chains: `iptables -C`, then `-I` or
// `-A`), and cleanupIptablesLeftovers' flush-and-delete of chains as restore input.

import type { Netfilter, Rule, RuleSpec, TableName } from '../../node/types.ts'
import { parseRuleSpec } from '../../node/netfilter/index.ts'
import type { RestoreLine } from './rules.ts'

const specs = new Map<string, RuleSpec>()
/** a rule's arguments parsed as iptables parses them (cached: the same few jump rules every sync) */
export function specOf(args: readonly string[]): RuleSpec {
  const k = args.join('\u0000')
  let s = specs.get(k)
  if (!s) specs.set(k, (s = parseRuleSpec(args)))
  return s
}

const sameSpec = (a: RuleSpec, b: RuleSpec) => a === b || JSON.stringify(a) === JSON.stringify(b)

/** EnsureRule(position, table, chain, args...): `iptables -C`, then `-I` (prepend) or `-A` (append) when absent */
export function ensureRule(nf: Netfilter, table: TableName, chain: string, args: readonly string[], position: 'prepend' | 'append' = 'prepend'): void {
  const c = nf.table(table).chains.get(chain)
  if (!c) return
  const spec = specOf(args)
  if (c.rules.some((r) => sameSpec(r.spec, spec))) return
  const rule: Rule = { spec, counters: { packets: 0, bytes: 0 } }
  if (position === 'prepend') c.rules.unshift(rule)
  else c.rules.push(rule)
}

/** DeleteRule(table, chain, args...): the first matching rule; absent is not an error */
export function deleteRule(nf: Netfilter, table: TableName, chain: string, args: readonly string[]): void {
  const c = nf.tables.get(table)?.chains.get(chain)
  if (!c) return
  const spec = specOf(args)
  const i = c.rules.findIndex((r) => sameSpec(r.spec, spec))
  if (i >= 0) c.rules.splice(i, 1)
}

/** the jump kube-proxy ensures from a built-in chain: `-m comment --comment <c> -j <target>` */
export const jumpArgs = (comment: string, target: string): string[] => ['-m', 'comment', '--comment', comment, '-j', target]
export const ensureJump = (nf: Netfilter, table: TableName, chain: string, comment: string, target: string): void =>
  ensureRule(nf, table, chain, jumpArgs(comment, target), 'prepend')
export const deleteJump = (nf: Netfilter, table: TableName, chain: string, comment: string, target: string): void =>
  deleteRule(nf, table, chain, jumpArgs(comment, target))

/**
 * FlushChain + DeleteChain for each existing chain, as restore input: every chain is flushed first (which drops
 * the links between them), then deleted unless a rule elsewhere still jumps to it (iptables refuses: the chain
 * stays, flushed). Returns no lines when none of the chains exists.
 */
export function flushAndDeleteChains(nf: Netfilter, chains: readonly { table: TableName; chain: string }[]): RestoreLine[] {
  const out: RestoreLine[] = []
  for (const table of ['nat', 'filter', 'mangle', 'raw'] as TableName[]) {
    const t = nf.tables.get(table)
    if (!t) continue
    const mine = chains.filter((c) => c.table === table && t.chains.has(c.chain)).map((c) => c.chain)
    if (!mine.length) continue
    const gone = new Set(mine)
    const referenced = new Set<string>()
    for (const [name, ch] of t.chains) {
      if (gone.has(name)) continue
      for (const r of ch.rules) if (r.spec.target && gone.has(r.spec.target.name)) referenced.add(r.spec.target.name)
    }
    out.push(`*${table}`)
    for (const c of mine) out.push(`:${c} - [0:0]`)
    for (const c of mine) if (!referenced.has(c)) out.push(['-X', c])
    out.push('COMMIT')
  }
  return out
}
