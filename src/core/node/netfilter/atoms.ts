// Shared immutable pieces of parsed rules: a kube-proxy rule set repeats the same protocol, address, target
// and option-less match thousands of times, so the parser hands out one object per distinct value instead
// of allocating each again (fewer objects for the collector to copy at 100,000s of rules). Never mutate them.
// Option lists kept by a rule are copied to their exact length (the parser's lists grow by push, and V8 keeps
// the grown capacity: 16 slots for one option, retained by every rule).

import type { AddrMatch, MatchSpec, Opt, RuleSpec } from '../types.ts'
import { canonicalAddr } from './addr.ts'

type Target = NonNullable<RuleSpec['target']>
type Protocol = NonNullable<RuleSpec['protocol']>

const LIMIT = 50_000
const NO_OPTS: Opt[] = []
const addrs = [new Map<string, AddrMatch>(), new Map<string, AddrMatch>()]
const protocols = [new Map<string, Protocol>(), new Map<string, Protocol>()]
const targets = new Map<string, Target>()
const bareMatches = new Map<string, MatchSpec>()
const optionMatches = new Map<string, MatchSpec>()

/** the pieces handed out more than once (their saved text is worth caching) */
const shared = new WeakSet<object>()

function remember<T extends object>(m: Map<string, T>, key: string, v: T): T {
  if (m.size >= LIMIT) m.clear()
  m.set(key, v)
  return v
}

/** a shared match: remembered, and marked so that its saved text is cached (text.ts) */
function rememberMatch(m: Map<string, MatchSpec>, key: string, v: MatchSpec): MatchSpec {
  shared.add(v)
  return remember(m, key, v)
}

/** false while a rule is parsed only to be checked (its spec is dropped): no lookups, nothing remembered */
let interning = true

/** run `f` (a parse whose spec is only checked, then dropped) with plain pieces instead of shared ones */
export function unshared<T>(f: () => T): T {
  interning = false
  try {
    return f()
  } finally {
    interning = true
  }
}

/** false while parsing only to check (see unshared) */
export function sharing(): boolean {
  return interning
}

/** one of the shared pieces (as opposed to a match only one rule has, like its comment) */
export function isShared(part: object): boolean {
  return shared.has(part)
}

/**
 * An address match as the parser makes it: the canonical cidr plus its network and mask as 32-bit numbers,
 * so that a packet walk compares integers (the kernel's ipt_ip holds them so too). Not part of the contract:
 * readers fall back to the cidr text for AddrMatch objects made elsewhere.
 */
export interface CompiledAddrMatch extends AddrMatch {
  readonly base: number
  readonly mask: number
}

/**
 * `-s`/`-d` as written (`10.96.0.1`, `10.0.0.5/8`) to its shared match with the canonical cidr (`a.b.c.d/len`,
 * masked) and numbers; one lookup by the written text. Throws iptables' error for a bad address or mask.
 */
export function addrMatch(text: string, negate: boolean): AddrMatch {
  if (!interning) {
    const a = canonicalAddr(text)
    return { cidr: a.cidr, negate, base: a.base, mask: a.mask } as CompiledAddrMatch
  }
  const m = addrs[negate ? 1 : 0]
  const hit = m.get(text)
  if (hit !== undefined) return hit
  const a = canonicalAddr(text)
  const v: CompiledAddrMatch = { cidr: a.cidr, negate, base: a.base, mask: a.mask }
  return remember(m, text, v)
}

export function protocolMatch(name: string, negate: boolean): Protocol {
  if (!interning) return { name, negate }
  const m = protocols[negate ? 1 : 0]
  return m.get(name) ?? remember(m, name, { name, negate })
}

/** `-j NAME` with its canonical options: option-less targets (verdicts, chains) are shared */
export function targetOf(name: string, options: Opt[]): Target {
  if (!interning) return { name, options }
  if (options.length) return { name, options: options.slice() }
  return targets.get(name) ?? remember(targets, name, { name, options: NO_OPTS })
}

/**
 * `-m MODULE` with its canonical options: shared when option-less (`-m tcp`) or when its options are one of
 * the few kube-proxy repeats everywhere (statistic probabilities, `--dport 80`, `--dst-type LOCAL`).
 */
export function matchOf(module: string, options: Opt[]): MatchSpec {
  if (!interning) return { module, options }
  if (!options.length) return bareMatches.get(module) ?? rememberMatch(bareMatches, module, { module, options: NO_OPTS })
  if (module === 'comment') return commentMatch(options)
  if (options.length > 2) return { module, options: options.slice() }
  let key = module
  for (const o of options) key += `\x00${o.negate ? '!' : ''}${o.name}\x00${o.value ?? ''}`
  return optionMatches.get(key) ?? rememberMatch(optionMatches, key, { module, options: options.slice() })
}

/**
 * the last comments seen: kube-proxy gives consecutive rules the same comment (all of a Service's KUBE-SEP
 * rules carry `ns/svc:port`), so a rule reuses the previous rule's comment match when the text is equal.
 * Only two entries: no table that grows with the rule set.
 */
const recentComments: (MatchSpec | undefined)[] = [undefined, undefined]

function commentMatch(options: Opt[]): MatchSpec {
  const o = options[0]
  if (options.length === 1 && !o.negate) {
    for (const m of recentComments) if (m !== undefined && m.options[0].value === o.value) return m
  }
  const m: MatchSpec = { module: 'comment', options: options.slice() }
  if (options.length === 1 && !o.negate) {
    recentComments[1] = recentComments[0]
    recentComments[0] = m
  }
  return m
}
