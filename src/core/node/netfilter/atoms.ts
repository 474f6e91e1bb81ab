// Shared immutable pieces of parsed rules: a kube-proxy rule set repeats the same protocol, address, target
// and option-less match thousands of times, so the parser hands out one object per distinct value instead
// of allocating each again (fewer objects for the collector to copy at 100,000s of rules). Never mutate them.

import type { AddrMatch, MatchSpec, Opt, RuleSpec } from '../types.ts'

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
  shared.add(v)
  return v
}

/** one of the shared pieces (as opposed to a match only one rule has, like its comment) */
export function isShared(part: object): boolean {
  return shared.has(part)
}

/** `-s`/`-d` with its canonical cidr */
export function addrMatch(cidr: string, negate: boolean): AddrMatch {
  const m = addrs[negate ? 1 : 0]
  return m.get(cidr) ?? remember(m, cidr, { cidr, negate })
}

export function protocolMatch(name: string, negate: boolean): Protocol {
  const m = protocols[negate ? 1 : 0]
  return m.get(name) ?? remember(m, name, { name, negate })
}

/** `-j NAME` with its canonical options: option-less targets (verdicts, chains) are shared */
export function targetOf(name: string, options: Opt[]): Target {
  if (options.length) return { name, options }
  return targets.get(name) ?? remember(targets, name, { name, options: NO_OPTS })
}

/**
 * `-m MODULE` with its canonical options: shared when option-less (`-m tcp`) or when its options are one of
 * the few kube-proxy repeats everywhere (statistic probabilities, `--dport 80`, `--dst-type LOCAL`).
 */
export function matchOf(module: string, options: Opt[]): MatchSpec {
  if (!options.length) return bareMatches.get(module) ?? remember(bareMatches, module, { module, options: NO_OPTS })
  if (module === 'comment' || options.length > 2) return { module, options }
  let key = module
  for (const o of options) key += `\x00${o.negate ? '!' : ''}${o.name}\x00${o.value ?? ''}`
  return optionMatches.get(key) ?? remember(optionMatches, key, { module, options })
}
