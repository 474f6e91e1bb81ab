// iptables-restore semantics: `*table` ... `COMMIT` transactions (atomic per table), `:CHAIN` declarations
// (flush or create), -A/-I/-D/-R/-N/-X/-F/-P/-Z, --noflush, --counters, and counters that survive for rules
// that come back unchanged. Built for kube-proxy's 400,000-line syncs: a re-declared chain's rules are compared
// with the new lines by position and reused (spec and counters) when their arguments are identical; new
// argument arrays already parsed for another namespace share that parse (intern.ts).

import type { Chain, Counters, Rule, Table, TableName } from '../types.ts'
import { NetfilterError, RuleParseError, restoreLineFailed, restoreParameterProblem } from './errors.ts'
import { internArgs, parsedRule } from './intern.ts'
import { parseRuleArgs } from './parse.ts'
import { splitRestoreLine } from './savestring.ts'
import { BUILTIN_CHAINS, isTableName, newChain, NfRule, touchTable, type ParsedRule, type RefCell } from './tables.ts'
import { renderBody } from './text.ts'

export interface RestoreTarget {
  readonly tables: Map<TableName, Table>
  markExisting(table: TableName): void
}

const ZERO = (): Counters => ({ packets: 0, bytes: 0 })

function ruleKey(r: Rule): string {
  return r instanceof NfRule && r.args ? r.args.join('\x00') : '\x01' + renderBody(r.spec)
}

function parsedOf(r: Rule): ParsedRule {
  return r instanceof NfRule ? r.parsed : parsedRule(r.spec)
}

/** same rule arguments (the chain, args[1], is the same by construction) */
function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true
  const n = a.length
  if (n !== b.length) return false
  for (let i = 2; i < n; i++) if (a[i] !== b[i]) return false
  return a[0] === b[0]
}

/**
 * one table's pending changes. With --noflush they are an overlay on the table's chains (chains written in
 * this transaction are private copies, deletions are null), applied in place at COMMIT, so a sync that
 * rewrites a few chains of 100,000 costs only those; without it the table starts from its built-in chains.
 */
class Tx {
  private readonly base: Map<string, Chain> | undefined
  private readonly over = new Map<string, Chain | null>()
  /** rules of chains flushed in this transaction, for reusing unchanged rules and carrying counters over */
  private readonly previous = new Map<string, readonly Rule[]>()
  private readonly carry = new Map<string, Map<string, Counters[]> | null>()
  private readonly jumps: [string, number][] = []
  private readonly deleted: [string, number][] = []
  private lastName = ''
  private lastChain: Chain | undefined
  private lastPrev: readonly Rule[] | undefined
  /** the last jump target found to exist (no chain is deleted meanwhile) */
  private lastJump = ''
  /** the table's reference counts (user chains' rules), see RefCounts */
  private readonly refs: RefCounts

  constructor(readonly table: Table, flush: boolean) {
    this.refs = refCounts(table)
    if (!flush) {
      this.base = table.chains
      return
    }
    for (const c of table.chains.values()) {
      this.previous.set(c.name, c.rules)
      if (c.builtin) this.over.set(c.name, { ...c, counters: { ...c.counters }, rules: [] })
    }
  }

  /** the chain as this transaction sees it */
  get(name: string): Chain | undefined {
    const o = this.over.get(name)
    if (o !== undefined) return o ?? undefined
    return this.base?.get(name)
  }

  /** every chain this transaction sees, in the table's order then the new ones */
  private all(): Chain[] {
    const out: Chain[] = []
    if (this.base) {
      for (const [name, c] of this.base) {
        const o = this.over.get(name)
        if (o === undefined) out.push(c)
        else if (o !== null) out.push(o)
      }
    }
    for (const [name, c] of this.over) if (c !== null && !this.base?.has(name)) out.push(c)
    return out
  }

  /** the chain, made private to this transaction */
  own(name: string, line: number): Chain {
    if (name === this.lastName && this.lastChain) return this.lastChain
    let c = this.over.get(name)
    if (c === undefined) {
      const b = this.base?.get(name)
      if (!b) throw restoreLineFailed(line)
      c = { ...b, counters: { ...b.counters }, rules: b.rules.slice() }
      this.over.set(name, c)
    } else if (c === null) throw restoreLineFailed(line)
    this.lastName = name
    this.lastChain = c
    this.lastPrev = this.previous.get(name)
    return c
  }

  declare(name: string, policy: string, counters: Counters | undefined, line: number): void {
    const existing = this.get(name)
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
    this.over.set(name, newChain(name, false))
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
    let rule: NfRule
    if (old instanceof NfRule && old.args !== undefined && sameArgs(old.args, args)) {
      rule = counters ? new NfRule(old.parsed, args, counters) : old
    } else {
      const parsed = internArgs(args)
      rule = new NfRule(parsed, args, counters ?? (this.lastPrev ? this.carried(chain.name, args.join('\x00')) : undefined))
    }
    rules.push(rule)
    const j = rule.parsed.jump
    if (j !== undefined && j !== this.lastJump) this.noteJump(j, line)
  }

  private noteJump(target: string | undefined, line: number): void {
    if (target === undefined) return
    if (this.get(target) === undefined) this.jumps.push([target, line])
    else this.lastJump = target
  }

  command(args: readonly string[], line: number, counters: Counters | undefined): void {
    const op = args[0]
    if (op === '-A' || op === '--append') return this.append(args, line, counters)
    switch (op) {
      case '-I': case '--insert': case '-R': case '--replace': case '-D': case '--delete': {
        const parsed = parseRuleArgs(args)
        const chain = this.own(parsed.chain, line)
        const p = parsedRule(parsed.spec)
        const rule = new NfRule(p, undefined, counters)
        const at = (parsed.ruleNum ?? 1) - 1
        if (parsed.command === 'I') {
          if (at > chain.rules.length) throw restoreLineFailed(line)
          chain.rules.splice(at, 0, rule)
          this.noteJump(p.jump, line)
        } else if (parsed.command === 'R') {
          if (parsed.ruleNum === undefined || at >= chain.rules.length) throw restoreLineFailed(line)
          chain.rules[at] = rule
          this.noteJump(p.jump, line)
        } else {
          const idx = parsed.ruleNum !== undefined ? at : chain.rules.findIndex((r) => renderBody(r.spec) === renderBody(parsed.spec))
          if (idx < 0 || idx >= chain.rules.length) throw restoreLineFailed(line)
          chain.rules.splice(idx, 1)
        }
        return
      }
      case '-N': case '--new-chain': {
        const name = args[1]
        if (!name || this.get(name)) throw restoreLineFailed(line)
        this.declare(name, '-', undefined, line)
        return
      }
      case '-X': case '--delete-chain': {
        const names = args[1] ? [args[1]] : this.all().filter((c) => !c.builtin).map((c) => c.name)
        for (const name of names) {
          const c = this.get(name)
          if (!c || c.builtin || c.rules.length) throw restoreLineFailed(line)
          this.over.set(name, null)
          this.deleted.push([name, line])
          if (this.lastName === name) this.lastName = ''
          this.lastJump = ''
        }
        return
      }
      case '-F': case '--flush': {
        const names = args[1] ? [args[1]] : this.all().map((c) => c.name)
        for (const name of names) this.own(name, line).rules.length = 0
        return
      }
      case '-Z': case '--zero': {
        const names = args[1] ? [args[1]] : this.all().map((c) => c.name)
        for (const name of names) {
          const c = this.own(name, line)
          c.counters = ZERO()
          c.rules = c.rules.map((r) => new NfRule(parsedOf(r), r instanceof NfRule ? r.args : undefined))
        }
        return
      }
      case '-P': case '--policy': {
        const c = this.get(args[1] ?? '')
        if (!c?.builtin || (args[2] !== 'ACCEPT' && args[2] !== 'DROP')) throw restoreLineFailed(line)
        this.own(c.name, line).policy = args[2]
        return
      }
      default:
        throw restoreParameterProblem(`unknown option "${op}"`, line)
    }
  }

  /** the kernel's checks at commit (counts already include this transaction): jumps resolve, no deleted chain is referenced */
  validate(): void {
    for (const [target, line] of this.jumps) if (this.get(target) === undefined) throw restoreLineFailed(line)
    if (!this.deleted.length) return
    const gone = new Map(this.deleted.filter(([n]) => this.get(n) === undefined))
    if (!gone.size) return
    let first = Infinity
    const check = (c: Chain | undefined) => {
      const line = c === undefined ? Infinity : referencing(c, gone)
      if (line < first) first = line
    }
    // built-in chains may hold rules put there without restore (EnsureRule): always look at them
    for (const name of BUILTIN_CHAINS[this.table.name]) check(this.get(name))
    // user chains: the counts say whether anything may still jump to a deleted chain; only then look
    let suspect = false
    for (const name of gone.keys()) if ((this.refs.get(name)?.n ?? 0) > 0) suspect = true
    if (suspect) for (const c of this.all()) if (!c.builtin) check(c)
    if (first !== Infinity) throw restoreLineFailed(first)
  }

  /** the reference cell of a rule's jump target in this table (remembered on the rule) */
  private cellOf(r: Rule): RefCell | undefined {
    if (r instanceof NfRule) {
      if (r.ref !== undefined) return r.ref ?? undefined
      const j = r.parsed.jump
      const cell = j === undefined ? null : this.refCell(j)
      r.ref = cell
      return cell ?? undefined
    }
    const t = r.spec.target?.name
    return t === undefined ? undefined : this.refCell(t)
  }

  private refCell(name: string): RefCell {
    let c = this.refs.get(name)
    if (!c) this.refs.set(name, (c = { n: 0 }))
    return c
  }

  /** add (sign 1) or take back (-1) this transaction's change to the reference counts (user chains only) */
  private count(sign: number): void {
    for (const [name, c] of this.over) {
      const old = this.base?.get(name)
      if (c?.builtin || old?.builtin) continue
      const a = old?.rules ?? NO_RULES, b = c?.rules ?? NO_RULES
      const n = a.length > b.length ? a.length : b.length
      for (let i = 0; i < n; i++) {
        const x = a[i], y = b[i]
        if (x === y) continue
        if (x !== undefined) { const cell = this.cellOf(x); if (cell) cell.n -= sign }
        if (y !== undefined) { const cell = this.cellOf(y); if (cell) cell.n += sign }
      }
    }
  }

  commit(): void {
    // without --noflush the table starts over, and so do its counts
    const before = this.base ? undefined : [...this.refs.values()].map((c) => [c, c.n] as const)
    if (before) for (const [c] of before) c.n = 0
    this.count(1)
    try {
      this.validate()
    } catch (e) {
      if (before) for (const [c, n] of before) c.n = n
      else this.count(-1)
      throw e
    }
    for (const [name] of this.deleted) if (this.get(name) === undefined && this.refs.get(name)?.n === 0) this.refs.delete(name)
    const map = this.table.chains
    if (this.over.size) touchTable(this.table)
    if (this.base) {
      for (const [name, c] of this.over) {
        if (c === null) map.delete(name)
        else map.set(name, c)
      }
      return
    }
    map.clear()
    for (const name of BUILTIN_CHAINS[this.table.name]) {
      const c = this.over.get(name)
      if (c) map.set(name, c)
    }
    for (const [name, c] of this.over) if (c && !c.builtin) map.set(name, c)
  }
}

const NO_RULES: readonly Rule[] = []

/**
 * target chain -> how many rules of user chains jump to it, kept by restore so that deleting a chain needs no
 * scan of the whole table (each restored rule remembers its cell). Rules only ever enter user chains through
 * restore; built-in chains (where EnsureRule puts jumps directly) are not counted but checked on every
 * deletion. A count left too high by a chain emptied outside restore only costs a full check, never a wrong
 * answer.
 */
type RefCounts = Map<string, RefCell>

const refCountsByTable = new WeakMap<Table, RefCounts>()

function refCounts(table: Table): RefCounts {
  let m = refCountsByTable.get(table)
  if (!m) refCountsByTable.set(table, (m = new Map()))
  return m
}

/** the -X line of the first deleted chain a rule of `c` jumps to (Infinity when none) */
function referencing(c: Chain, gone: Map<string, number>): number {
  let first = Infinity
  const rules = c.rules
  for (let i = 0; i < rules.length; i++) {
    const t = rules[i].spec.target
    if (t !== undefined) {
      const line = gone.get(t.name)
      if (line !== undefined && line < first) first = line
    }
  }
  return first
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
