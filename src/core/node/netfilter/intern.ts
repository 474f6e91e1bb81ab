// Parsed rules shared between namespaces and syncs: a rule's argument array (kube-proxy reuses the arrays of
// unchanged service ports across nodes and syncs) maps to one immutable ParsedRule, so each distinct rule is
// parsed and rendered once however many nodes hold it. Callers must not mutate an array after passing it.

import type { RuleSpec } from '../types.ts'
import { parseRuleArgs } from './parse.ts'
import { ParsedRule } from './tables.ts'
import { isExtensionTarget } from './targets.ts'

const byArgs = new WeakMap<readonly string[], ParsedRule>()

/** a ParsedRule for a spec parsed elsewhere (`-I`, `-R`, plain Rule objects) */
export function parsedRule(spec: RuleSpec): ParsedRule {
  const t = spec.target?.name
  return new ParsedRule(spec, t !== undefined && !isExtensionTarget(t) ? t : undefined)
}

/** the shared parse of an `-A CHAIN ...` argument array; throws RuleParseError as parseRuleArgs does */
export function internArgs(args: readonly string[]): ParsedRule {
  let p = byArgs.get(args)
  if (p === undefined) {
    p = parsedRule(parseRuleArgs(args).spec)
    byArgs.set(args, p)
  }
  return p
}
