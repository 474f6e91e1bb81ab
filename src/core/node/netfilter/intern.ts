// Parsed rules shared between namespaces and syncs: a rule's argument array (kube-proxy reuses the arrays of
// unchanged service ports across nodes and syncs) maps to one immutable ParsedRule, so each distinct rule is
// parsed and rendered once however many nodes hold it. Callers must not mutate an array after passing it.

import type { RuleSpec } from '../types.ts'
import { parseRuleArgs } from './parse.ts'
import { ParsedRule } from './tables.ts'
import { unshared } from './atoms.ts'
import { isExtensionTarget } from './targets.ts'

const byArgs = new WeakMap<readonly string[], ParsedRule>()

/** the user chain a spec jumps to (undefined for verdicts and extension targets) */
function jumpOf(spec: RuleSpec): string | undefined {
  const t = spec.target?.name
  return t !== undefined && !isExtensionTarget(t) ? t : undefined
}

/** a ParsedRule for a spec parsed elsewhere (`-I`, `-R`, plain Rule objects) */
export function parsedRule(spec: RuleSpec): ParsedRule {
  return new ParsedRule(spec, jumpOf(spec))
}

const reparse = (args: readonly string[]): RuleSpec => parseRuleArgs(args).spec

/**
 * the shared parse of an `-A CHAIN ...` argument array; throws RuleParseError as parseRuleArgs does. The
 * arguments are parsed in full now; the spec is kept only once something reads it (see ParsedRule).
 */
export function internArgs(args: readonly string[]): ParsedRule {
  let p = byArgs.get(args)
  if (p === undefined) {
    // checked in full now (errors surface at their line), with plain pieces: this spec is dropped
    p = new ParsedRule(undefined, jumpOf(unshared(() => parseRuleArgs(args)).spec), args, reparse)
    byArgs.set(args, p)
  }
  return p
}
