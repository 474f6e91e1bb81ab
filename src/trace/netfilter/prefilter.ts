// Pre-compiled destination tests of long chains (kube-proxy's KUBE-SERVICES holds one rule per Service port):
// each rule's `-d` network and mask as numbers in typed arrays, so the walk still evaluates every rule in
// order (and counts it) but rejects a rule whose destination does not match with two integer operations, as
// the kernel's ipt_do_table compares ipt_ip before any match extension. Rules without a destination test,
// and rules whose destination matches, go through ruleMatches as before.

import type { AddrMatch, Rule } from '../../core/node/types.ts'
import type { CompiledAddrMatch } from '../../core/node/netfilter/atoms.ts'
import { parseCidr } from '../ip.ts'

/** chains shorter than this are walked without a table (building one would cost more than it saves) */
const MIN_RULES = 64

const NO_TEST = 0, TEST = 1, NEGATED = 2

export interface DestinationTable {
  /** the rules the table was built from: a rule at an index that no longer holds it is tested in full */
  readonly rules: readonly Rule[]
  readonly kind: Uint8Array
  readonly base: Uint32Array
  readonly mask: Uint32Array
}

const tables = new WeakMap<readonly Rule[], DestinationTable | null>()

function numbers(m: AddrMatch): { base: number; mask: number } | undefined {
  const c = m as Partial<CompiledAddrMatch>
  if (c.base !== undefined && c.mask !== undefined) return { base: c.base, mask: c.mask }
  const p = parseCidr(m.cidr)
  if (!p) return undefined
  const mask = p.len === 0 ? 0 : (0xffffffff << (32 - p.len)) >>> 0
  return { base: p.base >>> 0, mask }
}

/** the table of a chain's rules array (built on first use; undefined for short chains) */
export function destinationTable(rules: readonly Rule[]): DestinationTable | undefined {
  if (rules.length < MIN_RULES) return undefined
  let t = tables.get(rules)
  // an array changed in place (EnsureRule pushes onto built-in chains) gets a new table
  if (t === undefined || (t !== null && t.rules.length !== rules.length)) {
    const n = rules.length
    const kind = new Uint8Array(n), base = new Uint32Array(n), mask = new Uint32Array(n)
    for (let i = 0; i < n; i++) {
      const d = rules[i].spec.destination
      const num = d && numbers(d)
      if (!d || !num) continue
      kind[i] = d.negate ? NEGATED : TEST
      base[i] = num.base
      mask[i] = num.mask
    }
    t = { rules: rules.slice(), kind, base, mask }
    tables.set(rules, t)
  }
  return t ?? undefined
}

/** true when rule `i` of the table certainly does not match a packet to `dst` (a number); false: test it in full */
export function failsDestination(t: DestinationTable, i: number, rule: Rule, dst: number): boolean {
  const k = t.kind[i]
  if (k === NO_TEST || t.rules[i] !== rule) return false
  const hit = ((dst & t.mask[i]) >>> 0) === t.base[i]
  return k === TEST ? !hit : hit
}
