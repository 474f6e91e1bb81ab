// Helpers over a whole rule set: the rules of one chain (for the trace engine) and a structural checker that
// kube-proxy's tests run on every generated rule set.

import type { Netfilter, Rule, TableName } from '../types.ts'
import { isExtensionTarget } from './targets.ts'
import { sortedChains, TABLE_NAMES } from './tables.ts'
import { ruleBody } from './text.ts'

/** the rules of `table`/`chain`, in order; undefined when the chain does not exist */
export function chainRules(nf: Netfilter, table: TableName, chain: string): readonly Rule[] | undefined {
  return nf.table(table).chains.get(chain)?.rules
}

/** chains that are meant to stay empty and unreferenced (canaries and hints) */
const UNREFERENCED_OK = /^(KUBE-PROXY-CANARY|KUBE-KUBELET-CANARY|KUBE-IPTABLES-HINT)$/

export interface CheckOptions {
  /** more chain names allowed to be unreachable */
  ignore?: readonly string[]
}

/**
 * Structural problems, one line each (empty when sound): a jump to a missing chain, a user chain no built-in
 * chain reaches, the same rule twice in a chain.
 */
export function checkRuleset(nf: Netfilter, opts: CheckOptions = {}): string[] {
  const problems: string[] = []
  for (const name of TABLE_NAMES) {
    const table = nf.table(name)
    const chains = sortedChains(table)
    for (const c of chains) {
      const seen = new Map<string, number>()
      c.rules.forEach((r, i) => {
        const t = r.spec.target?.name
        if (t !== undefined && !isExtensionTarget(t) && !table.chains.has(t)) {
          problems.push(`${name}: ${c.name} rule ${i + 1} jumps to missing chain ${t}`)
        }
        const body = ruleBody(r)
        const first = seen.get(body)
        if (first !== undefined) problems.push(`${name}: ${c.name} rule ${i + 1} duplicates rule ${first}: -A ${c.name}${body}`)
        else seen.set(body, i + 1)
      })
    }
    const reached = new Set<string>()
    const stack = chains.filter((c) => c.builtin).map((c) => c.name)
    while (stack.length) {
      const n = stack.pop()!
      if (reached.has(n)) continue
      reached.add(n)
      for (const r of table.chains.get(n)?.rules ?? []) {
        const t = r.spec.target?.name
        if (t !== undefined && table.chains.has(t) && !reached.has(t)) stack.push(t)
      }
    }
    for (const c of chains) {
      if (reached.has(c.name) || UNREFERENCED_OK.test(c.name) || opts.ignore?.includes(c.name)) continue
      problems.push(`${name}: chain ${c.name} is not reachable from a built-in chain`)
    }
  }
  return problems
}
