// iptables-restore semantics: `*table` ... `COMMIT` transactions (atomic per table), `:CHAIN` declarations
// (flush or create), -A/-I/-D/-R/-N/-X/-F/-P/-Z, --noflush, --counters, and counters that survive for rules
// that come back unchanged. Built for kube-proxy's 400,000-line syncs: a re-declared chain's rules are compared
// with the new lines by position and reused (spec and counters) when their arguments are identical.

import type { Chain, Counters, Rule, Table, TableName } from '../types.ts'
import { NetfilterError, RuleParseError, restoreLineFailed, restoreParameterProblem } from './errors.ts'
import { parseRuleArgs } from './parse.ts'
import { splitRestoreLine } from './savestring.ts'
import { isExtensionTarget } from './targets.ts'
import { BUILTIN_CHAINS, isTableName, newChain, NfRule } from './tables.ts'
import { renderBody } from './text.ts'

export interface RestoreTarget {
  readonly tables: Map<TableName, Table>
  markExisting(table: TableName): void
}

const ZERO = (): Counters => ({ packets: 0, bytes: 0 })

function ruleKey(r: Rule): string {
  return r instanceof NfRule && r.args ? r.args.join('\x00') : '\x01' + renderBody(r.spec)
}

/** same rule arguments (the chain, args[1], is the same by construction) */
function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  const n = a.length
  if (n !== b.length) return false
  for (let i = 2; i < n; i++) if (a[i] !== b[i]) return false
  return a[0] === b[0]
}

/** one table's pending changes: a working copy of its chain map, copied chain by chain on first write */
class Tx {
  readonly chains: Map<string, Chain>
  private readonly owned = new Set<string>()
  /** rules of chains flushed in this transaction, for carrying their counters over */
  private readonly previous = new Map<string, readonly Rule[]>()
  private readonly carry = new Map<string, Map<string, Counters[]> | null>()
  private readonly jumps: [string, number][] = []
  private readonly deleted: [string, number][] = []
  private lastName = ''
  private lastChain: Chain | undefined
  private lastPrev: readonly Rule[] | undefined

  constructor(readonly table: Table, flush: boolean) {
    if (!flush) {
      this.chains = new Map(table.chains)
      return
    }
    this.chains = new Map()
    for (const c of table.chains.values()) {
      this.previous.set(c.name, c.rules)
      if (!c.builtin) continue
      this.chains.set(c.name, { ...c, counters: { ...c.counters }, rules: [] })
      this.owned.add(c.name)
    }
  }

  /** the chain, made private to this transaction */
  own(name: string, line: number): Chain {
    if (name === this.lastName && this.lastChain) return this.lastChain
    const c = this.chains.get(name)
    if (!c) throw restoreLineFailed(line)
    let mine = c
    if (!this.owned.has(name)) {
      mine = { ...c, counters: { ...c.counters }, rules: c.rules.slice() }
      this.chains.set(name, mine)
      this.owned.add(name)
    }
    this.lastName = name
    this.lastChain = mine
    this.lastPrev = this.previous.get(name)
    return mine
  }

  declare(name: string, policy: string, counters: Counters | undefined, line: number): void {
    const existing = this.chains.get(name)
    if (existing?.builtin || (!existing && BUILTIN_CHAINS[this.table.name].includes(name))) {
      const c = this.own(name, line)
      if (policy === 'ACCEPT' || policy === 'DROP') c.policy = policy
      else if (policy !== '-') throw restoreParameterProblem(`Can't set policy \`${policy}' on \`${name}' line ${line}: Bad policy name`, line)
      if (counters) c.counters = counters
      return
    }
    if (policy !== '-') throw restoreParameterProblem(`Can't set policy \`${policy}' on \`${name}' line ${line}: Bad built-in chain name`, line)
    if (name.length > 28) throw restoreParameterProblem(`chain name \`${name}' too long (must be under 29 chars)`, line)
    if (existing && !this.previous.has(name)) this.previous.set(name, existing.rules)
    this.chains.set(name, newChain(name, false))
    this.owned.add(name)
    if (this.lastName === name) this.lastName = ''
  }

  private carried(chain: string, key: string): Counters | undefined {
    let map = this.carry.get(chain)
    if (map === undefined) {
      map = null
      const prev = this.previous.get(chain)
      if (prev) {
        for (const r of prev) {
          if (r instanceof NfRule ? !r.counted() : r.counters.packets === 0 && r.counters.bytes === 0) continue
          map ??= new Map()
          const k = ruleKey(r)
          const list = map.get(k)
          if (list) list.push(r.counters)
          else map.set(k, [r.counters])
        }
      }
      this.carry.set(chain, map)
    }
    if (map === null) return undefined
    const list = map.get(key)
    const c = list?.shift()
    return c ? { packets: c.packets, bytes: c.bytes } : undefined
  }

  append(args: readonly string[], line: number, counters: Counters | undefined): void {
    const chain = this.own(args[1], line)
    const rules = chain.rules
    const old = this.lastPrev?.[rules.length]
    let rule: Rule
    if (old instanceof NfRule && old.args && sameArgs(old.args, args)) {
      rule = counters ? new NfRule(old.spec, args, counters) : old
    } else {
      const spec = parseRuleArgs(args).spec
      rule = new NfRule(spec, args, counters ?? (this.lastPrev ? this.carried(chain.name, args.join('\x00')) : undefined))
    }
    rules.push(rule)
    const t = rule.spec.target
    if (t !== undefined) this.noteJump(t.name, line)
  }

  private noteJump(target: string | undefined, line: number): void {
    if (target !== undefined && !isExtensionTarget(target) && !this.chains.has(target)) this.jumps.push([target, line])
  }

  command(args: readonly string[], line: number, counters: Counters | undefined): void {
    const op = args[0]
    if (op === '-A' || op === '--append') return this.append(args, line, counters)
    switch (op) {
      case '-I': case '--insert': case '-R': case '--replace': case '-D': case '--delete': {
        const parsed = parseRuleArgs(args)
        const chain = this.own(parsed.chain, line)
        const rule = new NfRule(parsed.spec, undefined, counters)
        const at = (parsed.ruleNum ?? 1) - 1
        if (parsed.command === 'I') {
          if (at > chain.rules.length) throw restoreLineFailed(line)
          chain.rules.splice(at, 0, rule)
          this.noteJump(parsed.spec.target?.name, line)
        } else if (parsed.command === 'R') {
          if (parsed.ruleNum === undefined || at >= chain.rules.length) throw restoreLineFailed(line)
          chain.rules[at] = rule
          this.noteJump(parsed.spec.target?.name, line)
        } else {
          const idx = parsed.ruleNum !== undefined ? at : chain.rules.findIndex((r) => renderBody(r.spec) === renderBody(parsed.spec))
          if (idx < 0 || idx >= chain.rules.length) throw restoreLineFailed(line)
          chain.rules.splice(idx, 1)
        }
        return
      }
      case '-N': case '--new-chain': {
        const name = args[1]
        if (!name || this.chains.has(name)) throw restoreLineFailed(line)
        this.declare(name, '-', undefined, line)
        return
      }
      case '-X': case '--delete-chain': {
        const names = args[1] ? [args[1]] : [...this.chains.values()].filter((c) => !c.builtin).map((c) => c.name)
        for (const name of names) {
          const c = this.chains.get(name)
          if (!c || c.builtin || c.rules.length) throw restoreLineFailed(line)
          this.chains.delete(name)
          this.deleted.push([name, line])
          if (this.lastName === name) this.lastName = ''
        }
        return
      }
      case '-F': case '--flush': {
        const names = args[1] ? [args[1]] : [...this.chains.keys()]
        for (const name of names) this.own(name, line).rules.length = 0
        return
      }
      case '-Z': case '--zero': {
        const names = args[1] ? [args[1]] : [...this.chains.keys()]
        for (const name of names) {
          const c = this.own(name, line)
          c.counters = ZERO()
          c.rules = c.rules.map((r) => new NfRule(r.spec, r instanceof NfRule ? r.args : undefined))
        }
        return
      }
      case '-P': case '--policy': {
        const c = this.chains.get(args[1] ?? '')
        if (!c?.builtin || (args[2] !== 'ACCEPT' && args[2] !== 'DROP')) throw restoreLineFailed(line)
        this.own(c.name, line).policy = args[2]
        return
      }
      default:
        throw restoreParameterProblem(`unknown option "${op}"`, line)
    }
  }

  /** the kernel's checks at commit: every jump resolves, no deleted chain is still referenced */
  validate(): void {
    for (const [target, line] of this.jumps) if (!this.chains.has(target)) throw restoreLineFailed(line)
    if (!this.deleted.length) return
    const gone = new Map(this.deleted.filter(([n]) => !this.chains.has(n)))
    if (!gone.size) return
    for (const c of this.chains.values()) {
      for (const r of c.rules) {
        const t = r.spec.target?.name
        if (t !== undefined && gone.has(t)) throw restoreLineFailed(gone.get(t)!)
      }
    }
  }

  commit(): void {
    this.validate()
    const map = this.table.chains
    map.clear()
    for (const name of BUILTIN_CHAINS[this.table.name]) {
      const c = this.chains.get(name)
      if (c) map.set(name, c)
    }
    for (const [name, c] of this.chains) if (!c.builtin) map.set(name, c)
  }
}

function parseCounters(text: string, line: number): Counters {
  const m = /^\[(\d+):(\d+)\]$/.exec(text)
  if (!m) throw restoreParameterProblem(`Bad line ${line}: need ]`, line)
  return { packets: Number(m[1]), bytes: Number(m[2]) }
}

export function restoreInto(target: RestoreTarget, lines: Iterable<string | readonly string[]>,
  opts: { noflush?: boolean; counters?: boolean } = {}): void {
  const flush = !opts.noflush
  let tx: Tx | undefined
  let txName: TableName | undefined
  let lineNo = 0
  for (const raw of lines) {
    lineNo++
    let args: readonly string[]
    if (typeof raw === 'string') {
      const t = raw.trim()
      if (t === '' || t.charCodeAt(0) === 35) continue
      args = splitRestoreLine(t)
    } else {
      args = raw
      if (args.length === 0) continue
    }
    let first = args[0]
    const c0 = first.charCodeAt(0)
    if (c0 === 45 && first === '-A' && tx) {
      try {
        tx.append(args, lineNo, undefined)
      } catch (e) {
        throw e instanceof RuleParseError ? restoreParameterProblem(e.detail, lineNo) : e
      }
      continue
    }
    if (c0 === 35) continue
    if (c0 === 42) {
      // *table
      if (tx) throw restoreParameterProblem(`no command specified`, lineNo)
      const name = first.slice(1)
      if (!isTableName(name)) throw new NetfilterError(`iptables-restore: unable to initialize table '${name}'\nError occurred at line: ${lineNo}\nTry \`iptables-restore -h' or 'iptables-restore --help' for more information.`, 2)
      tx = new Tx(target.tables.get(name)!, flush)
      txName = name
      continue
    }
    if (first === 'COMMIT') {
      if (!tx || !txName) throw restoreParameterProblem('no command specified', lineNo)
      tx.commit()
      target.markExisting(txName)
      tx = undefined
      txName = undefined
      continue
    }
    if (!tx) throw restoreLineFailed(lineNo)
    if (c0 === 58) {
      // :CHAIN POLICY [p:b]
      const name = first.slice(1)
      const policy = args[1] ?? '-'
      const counters = opts.counters && args[2] ? parseCounters(args[2], lineNo) : undefined
      tx.declare(name, policy, counters, lineNo)
      continue
    }
    let counters: Counters | undefined
    if (c0 === 91) {
      const parsed = parseCounters(first, lineNo)
      if (opts.counters) counters = parsed
      args = args.slice(1)
      first = args[0] ?? ''
    }
    try {
      tx.command(args, lineNo, counters)
    } catch (e) {
      throw e instanceof RuleParseError ? restoreParameterProblem(e.detail, lineNo) : e
    }
  }
  if (tx) throw new NetfilterError(`iptables-restore: COMMIT expected at line ${lineNo + 1}`, 2)
}
