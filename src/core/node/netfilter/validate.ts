// Allocation-free check of an `-A CHAIN ...` argument list in the shapes kube-proxy writes (comment, tcp/udp/sctp
// ports, statistic random, -s/-d, DNAT to ip:port, verdicts and user chains): restore validates 320,000 new rules
// per node at 10,000 Services, and building each full spec only to drop it made a third of the time and most of
// the garbage. Anything else (another match, an unusual value, anything invalid) is left to parseRuleArgs, so
// errors stay exactly the parser's: this only ever answers "valid, and jumps to X" or "ask the parser".

import type { ExtDef } from './extension.ts'
import { MATCHES } from './matches.ts'
import { simpleNatRange, TARGETS } from './targets.ts'

/** the answer when the fast check cannot vouch for the rule: parse it in full */
export const ASK_PARSER = null

/** one option of an extension: its bit among the extension's options and the value check, if the fast path has one */
interface FastOpt { readonly bit: number; readonly ok: (v: string) => boolean }

/**
 * An extension as the fast path knows it: every written flag of the real extension (so that the owner of an
 * option is decided exactly as the parser decides), mapped to its check, or to null when the fast path leaves
 * that option (a flag, two values, no check) to the parser; `required`: option bits that must all be seen.
 */
interface FastExt {
  readonly flags: ReadonlyMap<string, FastOpt | null>
  readonly required: number
}

/** `80` (digits, at most 65535): what parsePort accepts without a service-name lookup */
function portNumber(v: string): boolean {
  const n = v.length
  if (n === 0 || n > 5) return false
  let x = 0
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i)
    if (c < 48 || c > 57) return false
    x = x * 10 + (c - 48)
  }
  return x <= 65535
}

/** the last probability text accepted (kube-proxy writes the same few on every SVC chain) */
let lastProbability = ''

/** statistic's check: Number() of the text within [0, 1] (the parser's own test, NaN refused) */
function probability(v: string): boolean {
  if (v === lastProbability) return true
  const n = Number(v)
  if (!(n >= 0 && n <= 1)) return false
  lastProbability = v
  return true
}

/** the parser's own long forms of -s/-d/-p/-i/-o/-m/-j/-g: never an extension's option here */
const BUILTIN_LONG = ['--source', '--src', '--destination', '--dst', '--protocol', '--in-interface', '--out-interface',
  '--match', '--jump', '--goto']

/** `def`'s flags with checks for the options named in `checks` (kernel names); `required`: kernel names */
function fast(def: ExtDef, checks: Record<string, (v: string) => boolean>, required: string[] = []): FastExt {
  const bits = new Map<string, FastOpt>()
  let bit = 1
  for (const [name, ok] of Object.entries(checks)) {
    bits.set(name, { bit, ok })
    bit <<= 1
  }
  const flags = new Map<string, FastOpt | null>()
  for (const [flag, [name, arity]] of def.opts) {
    if (flag.startsWith('--')) flags.set(flag, arity === 1 ? bits.get(name) ?? null : null)
  }
  for (const b of BUILTIN_LONG) if (flags.has(b)) flags.set(b, null)
  let req = 0
  for (const r of required) req |= bits.get(r)!.bit
  return { flags, required: req }
}

const FAST_MATCHES = new Map<string, FastExt>([
  ['comment', fast(MATCHES.comment, { comment: (v) => v.length <= 255 }, ['comment'])],
  ['statistic', fast(MATCHES.statistic, { mode: (v) => v === 'random', probability }, ['mode', 'probability'])],
  ...(['tcp', 'udp', 'sctp'] as const).map((p) => [p, fast(MATCHES[p], { sport: portNumber, dport: portNumber })] as const),
])

/** every extension target: its fast form, or null when the parser must check it */
const FAST_TARGETS = new Map<string, FastExt | null>(Object.keys(TARGETS).map((t) => [t, null]))
for (const t of ['ACCEPT', 'DROP', 'RETURN', 'REJECT']) FAST_TARGETS.set(t, fast(TARGETS[t], {}))
FAST_TARGETS.set('DNAT', fast(TARGETS.DNAT, { 'to-destination': simpleNatRange }))

/** `a.b.c.d` between from and to, as parseIPv4 accepts it (1-3 digits per part, each at most 255) */
function ipv4(s: string, from: number, to: number): boolean {
  let part = 0, digits = 0, dots = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c === 46) {
      if (digits === 0 || part > 255) return false
      part = 0
      digits = 0
      dots++
      continue
    }
    if (c < 48 || c > 57 || digits === 3) return false
    part = part * 10 + (c - 48)
    digits++
  }
  return dots === 3 && digits > 0 && part <= 255
}

/** `a.b.c.d` or `a.b.c.d/len` (len 0-32 in one or two digits): the canonicalAddr inputs it accepts */
function address(v: string): boolean {
  const slash = v.indexOf('/')
  if (slash < 0) return ipv4(v, 0, v.length)
  if (!ipv4(v, 0, slash)) return false
  const n = v.length - slash - 1
  if (n < 1 || n > 2) return false
  let len = 0
  for (let i = slash + 1; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c < 48 || c > 57) return false
    len = len * 10 + (c - 48)
  }
  return len <= 32
}

// the extensions loaded so far in the rule being checked (not re-entrant; no allocation once grown)
const fasts: FastExt[] = []
const names: string[] = []
const seen: number[] = []

/**
 * An `-A CHAIN ...` list's jump target when the list is certainly valid: the user chain (a string), or
 * undefined (a verdict or extension target, or none); ASK_PARSER when it cannot tell.
 */
export function quickRuleJump(args: readonly string[]): string | undefined | typeof ASK_PARSER {
  if (args[0] !== '-A') return ASK_PARSER
  const chain = args[1]
  if (chain === undefined || chain.charCodeAt(0) === 45) return ASK_PARSER
  let np = 0
  let target: string | undefined
  let targetFast: FastExt | undefined
  let targetSeen = 0
  let src = false, dst = false
  let proto = ''
  let negate = false
  const n = args.length
  let i = 2
  while (i < n) {
    const a = args[i]
    if (a === '!') {
      if (negate) return ASK_PARSER
      negate = true
      i++
      continue
    }
    const v = args[i + 1]
    if (v === undefined) return ASK_PARSER
    switch (a) {
      case '-s': case '-d':
        if (a === '-s' ? src : dst) return ASK_PARSER
        if (a === '-s') src = true
        else dst = true
        if (!address(v)) return ASK_PARSER
        negate = false
        i += 2
        continue
      case '-p':
        if (negate || proto !== '' || (v !== 'tcp' && v !== 'udp' && v !== 'sctp')) return ASK_PARSER
        proto = v
        i += 2
        continue
      case '-m': {
        if (negate) return ASK_PARSER
        const f = FAST_MATCHES.get(v)
        if (f === undefined) return ASK_PARSER
        fasts[np] = f
        names[np] = v
        seen[np] = 0
        np++
        i += 2
        continue
      }
      case '-j': {
        if (negate || target !== undefined) return ASK_PARSER
        target = v
        const f = FAST_TARGETS.get(v)
        if (f === null) return ASK_PARSER
        targetFast = f
        i += 2
        continue
      }
    }
    // an extension option, owned as the parser decides: the target, then the latest match, then the protocol's
    if (negate || a.charCodeAt(0) !== 45 || a.charCodeAt(1) !== 45) return ASK_PARSER
    let check = targetFast?.flags.get(a)
    let owner = -1
    if (check === undefined) {
      for (let k = np - 1; k >= 0; k--) {
        check = fasts[k].flags.get(a)
        if (check !== undefined) { owner = k; break }
      }
      if (check === undefined && proto !== '') {
        const f = FAST_MATCHES.get(proto)!
        check = f.flags.get(a)
        if (check === undefined) return ASK_PARSER
        for (let k = 0; k < np; k++) if (names[k] === proto) return ASK_PARSER
        fasts[np] = f
        names[np] = proto
        seen[np] = 0
        owner = np++
      }
      if (check === undefined) return ASK_PARSER
    }
    // options with one value and a check only (flags, two-value options and the rest: left to the parser)
    if (check === null || !check.ok(v)) return ASK_PARSER
    if (owner < 0) {
      if (targetSeen & check.bit) return ASK_PARSER
      targetSeen |= check.bit
    } else {
      if (seen[owner] & check.bit) return ASK_PARSER
      seen[owner] |= check.bit
    }
    i += 2
  }
  if (negate) return ASK_PARSER
  for (let k = 0; k < np; k++) if ((seen[k] & fasts[k].required) !== fasts[k].required) return ASK_PARSER
  return target !== undefined && targetFast === undefined ? target : undefined
}
