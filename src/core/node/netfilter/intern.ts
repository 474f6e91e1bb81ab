// Rules as restore keeps them, and the parses they share: a restored rule holds its argument array (kube-proxy
// reuses the arrays of unchanged service ports across nodes and syncs), its jump target and its own counters;
// its parsed spec and saved text are made when first read and shared, by array identity, with every namespace
// holding the same array. Callers must not mutate an array after passing it.

import type { Counters, Rule, RuleSpec } from '../types.ts'
import { parseRuleArgs } from './parse.ts'
import { unshared } from './atoms.ts'
import { isExtensionTarget } from './targets.ts'
import { ASK_PARSER, quickRuleJump } from './validate.ts'

/** the user chain a spec jumps to (undefined for verdicts and extension targets) */
export function jumpOf(spec: RuleSpec): string | undefined {
  const t = spec.target?.name
  return t !== undefined && !isExtensionTarget(t) ? t : undefined
}

/**
 * What is known of one distinct rule, shared by every namespace holding it: the immutable parsed spec and its
 * saved text once rendered. Built from an argument array only when something reads the rule (a trace walking
 * the chain, iptables-save): a 10,000-Service sync restores 320,000 rules per node and a packet reads a few
 * hundred of them.
 */
export class ParsedRule {
  /** everything after `-A CHAIN` in iptables-save form, once rendered */
  body: string | undefined = undefined
  private s: RuleSpec | undefined
  constructor(spec: RuleSpec | undefined, private readonly from?: readonly string[]) {
    this.s = spec
  }
  get spec(): RuleSpec {
    return (this.s ??= parseRuleArgs(this.from!).spec)
  }
}

const byArgs = new WeakMap<readonly string[], ParsedRule>()

/** the shared parse of an `-A CHAIN ...` argument array already checked by checkedJump() */
function sharedParse(args: readonly string[]): ParsedRule {
  let p = byArgs.get(args)
  if (p === undefined) {
    p = new ParsedRule(undefined, args)
    byArgs.set(args, p)
  }
  return p
}

/**
 * The arrays checked at each line of the restores so far, and their jump targets ('' for none): kube-proxy hands
 * every node the same arrays in the same order, so the next node finds each one at its line by identity (no
 * hashing, no lookup) and need not check it again. Holds at most MEMO_LINES arrays (one large sync's lines).
 */
const checkedAt: (readonly string[] | undefined)[] = []
const MEMO_LINES = 1_000_000
const jumpAt: string[] = []

/**
 * Check an `-A CHAIN ...` argument array as iptables-restore does (throws RuleParseError) and return the user
 * chain it jumps to: an array checked at the same line before is known; kube-proxy's shapes are checked without
 * building anything (validate.ts), others by a full parse with plain pieces whose spec is dropped.
 */
export function checkedJump(args: readonly string[], line: number): string | undefined {
  if (checkedAt[line] === args) {
    const j = jumpAt[line]
    return j === '' ? undefined : j
  }
  const quick = quickRuleJump(args)
  const jump = quick !== ASK_PARSER ? quick : jumpOf(unshared(() => parseRuleArgs(args)).spec)
  if (line < MEMO_LINES) {
    checkedAt[line] = args
    jumpAt[line] = jump ?? ''
  }
  return jump
}

/** how many rules of a table's user chains jump to one chain (restore's bookkeeping for -X) */
export interface RefCell { n: number }

/**
 * A rule made by restore: the argument list it was written with (to recognise it, unchanged, in the next
 * sync; undefined for `-I`/`-R` rules, which come with their parse), the user chain it jumps to, and its own
 * counters, allocated on first use. Made by newRule(), not `new`.
 */
export class NfRule implements Rule {
  // (declared only: every instance is the object literal of newRule())
  declare private c: Counters | undefined
  /** the reference cell of this rule's jump target in its table; null: no user-chain target; unset: not looked up */
  declare ref: RefCell | null | undefined
  /** the spec once read (a packet walk reads it at every rule: one step, not two) */
  declare private sp: RuleSpec | undefined
  declare private p: ParsedRule | undefined
  declare readonly args: readonly string[] | undefined
  declare readonly jump: string | undefined
  private constructor() {}
  /** a rule with a spec parsed elsewhere (`-I`, `-R`, plain Rule objects) */
  static of(spec: RuleSpec, counters?: Counters): NfRule {
    return newRule(new ParsedRule(spec), undefined, jumpOf(spec), counters)
  }
  /** the same rule (arguments, parse and target) with fresh counters */
  recounted(counters: Counters | undefined): NfRule {
    return newRule(this.p, this.args, this.jump, counters)
  }
  get parsed(): ParsedRule {
    return (this.p ??= sharedParse(this.args!))
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

const NF_RULE = NfRule.prototype

/**
 * A restored rule. An object literal rather than `new NfRule()`: V8 tracks a literal's allocation site and,
 * seeing nearly every object made there survive, allocates them in the old generation directly, where objects
 * made by `new` are first copied by every scavenge they live through (320,000 rules per node at 10,000
 * Services; measured on a million retained rule objects: 16 scavenges and 125 ms instead of 41 and 713 ms).
 */
export function newRule(parsed: ParsedRule | undefined, args: readonly string[] | undefined, jump: string | undefined,
  counters?: Counters): NfRule {
  return { __proto__: NF_RULE, c: counters, ref: undefined, sp: undefined, p: parsed, args, jump } as unknown as NfRule
}
