// Rule arguments (`-A CHAIN -m comment --comment x -p tcp -d 10.0.0.1 --dport 80 -j KUBE-SVC-X`) to a RuleSpec
// in the kernel's canonical form, as iptables-restore would hand it over.

import type { MatchSpec, Opt, RuleSpec } from '../types.ts'
import { addrMatch, matchOf, protocolMatch, sharing, targetOf } from './atoms.ts'
import { RuleParseError } from './errors.ts'
import type { ExtDef } from './extension.ts'
import { MATCHES } from './matches.ts'
import { TARGETS } from './targets.ts'

const PROTO_BY_NUMBER: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '132': 'sctp', '47': 'gre', '50': 'esp', '51': 'ah' }
const PROTOCOLS = new Set(['tcp', 'udp', 'icmp', 'sctp', 'udplite', 'esp', 'ah', 'gre', 'ipip', 'igmp', 'icmpv6'])

function canonicalProtocol(p: string): string | undefined {
  const low = p.toLowerCase()
  if (low === 'all' || low === '0') return undefined
  const byNum = PROTO_BY_NUMBER[low]
  if (byNum) return byNum
  if (PROTOCOLS.has(low)) return low
  if (/^\d+$/.test(low) && Number(low) < 256) return low
  throw new RuleParseError(`unknown protocol "${p}" specified`)
}

interface PendingExt { def: ExtDef; opts: Opt[] }
interface PendingMatch extends PendingExt { module: string }

export type RuleCommand = 'A' | 'I' | 'D' | 'C' | 'R'

export interface ParsedRuleArgs {
  command: RuleCommand
  chain: string
  spec: RuleSpec
  /** `-I CHAIN 3`, `-R CHAIN 3`, `-D CHAIN 3` (1-based) */
  ruleNum?: number
}

const COMMANDS: Record<string, RuleCommand> = {
  '-A': 'A', '--append': 'A', '-I': 'I', '--insert': 'I', '-D': 'D', '--delete': 'D', '-C': 'C', '--check': 'C',
  '-R': 'R', '--replace': 'R',
}

/**
 * `-A CHAIN rule...` (also -I/-D/-C/-R with a rule number where iptables takes one). `spec` is undefined-free:
 * a `-D CHAIN 3` yields an empty spec with ruleNum 3.
 */
export function parseRuleArgs(args: readonly string[]): ParsedRuleArgs {
  const command = COMMANDS[args[0]]
  if (!command) throw new RuleParseError(`unknown command "${args[0] ?? ''}"`)
  const chain = args[1]
  if (chain === undefined || chain.startsWith('-')) throw new RuleParseError(`option "${args[0]}" requires an argument`)
  let i = 2
  let ruleNum: number | undefined
  if ((command === 'I' || command === 'R' || command === 'D') && args[i] !== undefined && /^\d+$/.test(args[i])) {
    ruleNum = Number(args[i])
    if (ruleNum < 1) throw new RuleParseError(`Invalid rule number \`${args[i]}'`)
    i++
  }
  const spec = parseRuleSpec(args, i)
  return ruleNum === undefined ? { command, chain, spec } : { command, chain, spec, ruleNum }
}

/** an extension by name (own entries only: `-j toString` is a user chain, not Object.prototype's) */
function own(table: Record<string, ExtDef>, name: string): ExtDef | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined
}

function need(args: readonly string[], i: number, opt: string): string {
  const v = args[i + 1]
  if (v === undefined) throw new RuleParseError(`option "${opt}" requires an argument`)
  return v
}

/** the rule part of an argument list, from index `start` */
export function parseRuleSpec(args: readonly string[], start = 0): RuleSpec {
  // one object shape for every rule (fields set later stay in place): keeps the engine's accesses monomorphic
  const spec: RuleSpec = { source: undefined, destination: undefined, protocol: undefined, inInterface: undefined,
    outInterface: undefined, matches: [], target: undefined, goto: undefined }
  const pending = scratch
  pending.length = 0
  let target: PendingExt | undefined
  let targetName: string | undefined
  let negate = false
  let i = start
  const n = args.length
  while (i < n) {
    const a = args[i]
    if (a === '!') {
      if (negate) throw new RuleParseError('multiple consecutive ! not allowed')
      negate = true
      i++
      continue
    }
    switch (a) {
      case '-s': case '--source': case '--src':
        if (spec.source) throw new RuleParseError('multiple -s flags not allowed')
        spec.source = addrMatch(need(args, i, a), negate)
        i += 2
        break
      case '-d': case '--destination': case '--dst':
        if (spec.destination) throw new RuleParseError('multiple -d flags not allowed')
        spec.destination = addrMatch(need(args, i, a), negate)
        i += 2
        break
      case '-p': case '--protocol': {
        if (spec.protocol) throw new RuleParseError('multiple -p flags not allowed')
        const name = canonicalProtocol(need(args, i, a))
        if (name !== undefined || negate) spec.protocol = protocolMatch(name ?? 'all', negate)
        i += 2
        break
      }
      case '-i': case '--in-interface':
        spec.inInterface = { name: need(args, i, a), negate }
        i += 2
        break
      case '-o': case '--out-interface':
        spec.outInterface = { name: need(args, i, a), negate }
        i += 2
        break
      case '-m': case '--match': {
        if (negate) throw new RuleParseError('unexpected ! flag before --match')
        const module = need(args, i, a)
        const def = own(MATCHES, module)
        if (!def) throw new RuleParseError(`Couldn't load match \`${module}':No such file or directory`)
        pending.push({ module, def, opts: [] })
        i += 2
        break
      }
      case '-j': case '--jump': case '-g': case '--goto': {
        if (negate) throw new RuleParseError(`cannot have ! before ${a}`)
        if (targetName !== undefined) throw new RuleParseError('multiple -j flags not allowed')
        targetName = need(args, i, a)
        if (a === '-g' || a === '--goto') spec.goto = true
        const def = own(TARGETS, targetName)
        if (def) target = { def, opts: [] }
        i += 2
        break
      }
      default: {
        if (a.charCodeAt(0) !== 45 || a.charCodeAt(1) !== 45) throw new RuleParseError(`Bad argument \`${a}'`)
        i = extensionOption(args, i, a, negate, pending, target, spec)
      }
    }
    negate = false
  }
  if (negate) throw new RuleParseError("no command specified")
  // built at its exact length (an array grown by push keeps 16 slots, retained by every rule)
  if (pending.length) spec.matches = sharedMatches(pending.map((m) => matchOf(m.module, m.def.canon(m.opts))))
  pending.length = 0
  if (targetName !== undefined) spec.target = targetOf(targetName, target ? target.def.canon(target.opts) : [])
  return spec
}

/** the matches being collected by parseRuleSpec (not re-entrant; emptied after each rule) */
const scratch: PendingMatch[] = []

/**
 * the last two match lists: consecutive kube-proxy rules often resolve to the same (shared) match objects,
 * `-m comment --comment ns/svc:port` on every rule of a Service's KUBE-SEP chains; they share one list
 */
const recentLists: (MatchSpec[] | undefined)[] = [undefined, undefined]

function sharedMatches(list: MatchSpec[]): MatchSpec[] {
  if (!sharing()) return list
  for (const prev of recentLists) {
    if (prev === undefined || prev.length !== list.length) continue
    let same = true
    for (let i = 0; same && i < list.length; i++) same = prev[i] === list[i]
    if (same) return prev
  }
  recentLists[1] = recentLists[0]
  recentLists[0] = list
  return list
}

/** route `--name [value]` (`flag`, dashes included) to the extension that owns it: the target, the latest match, or the protocol's match */
function extensionOption(args: readonly string[], i: number, flag: string, negate: boolean, pending: PendingMatch[],
  target: PendingExt | undefined, spec: RuleSpec): number {
  let owner: PendingExt | undefined
  let entry = target?.def.opts.get(flag)
  if (entry) owner = target
  for (let k = pending.length - 1; !owner && k >= 0; k--) {
    entry = pending[k].def.opts.get(flag)
    if (entry) owner = pending[k]
  }
  if (!owner && spec.protocol && !spec.protocol.negate) {
    // `-p tcp --dport 80`: the protocol's match loads where its first option appears
    const module = spec.protocol.name
    const def = MATCHES[module]
    entry = def?.opts.get(flag)
    if (def && entry && !pending.some((m) => m.module === module)) {
      const m: PendingMatch = { module, def, opts: [] }
      pending.push(m)
      owner = m
    }
  }
  if (!owner || !entry) throw new RuleParseError(`unknown option "${flag}"`)
  const [canonical, arity] = entry
  let value: string | undefined
  if (arity >= 1) value = need(args, i, flag)
  if (arity === 2) {
    const second = args[i + 2]
    if (second === undefined || second.startsWith('-')) throw new RuleParseError(`${flag} requires two args.`)
    value += ' ' + second
  }
  const o: Opt = negate ? { name: canonical, value, negate: true } : value === undefined ? { name: canonical } : { name: canonical, value }
  // most extensions get one option: an exact one-element list, not a 16-slot one grown by push
  if (owner.opts.length === 0) owner.opts = [o]
  else owner.opts.push(o)
  return i + 1 + arity
}
