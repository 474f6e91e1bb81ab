// iptables-restore semantics: `*table` ... `COMMIT` transactions (atomic per table), `:CHAIN` declarations
// (flush or create), -A/-I/-D/-R/-N/-X/-F/-P/-Z, --noflush, --counters, and counters that survive for rules
// that come back unchanged. Built for kube-proxy's 400,000-line syncs: each chain name has a slot per table
// (one lookup per line), a re-declared chain's rules are compared with the new lines by position and reused
// (counters, target slot) when their arguments are the very same array (such a line is not even read); new
// rules are checked without building a spec (validate.ts, intern.ts), and a chain's rules are collected in a
// run and stored as one exact-size array.

import type { Chain, Counters, Rule, Table, TableName } from '../types.ts'
import { NetfilterError, RuleParseError, restoreLineFailed, restoreParameterProblem } from './errors.ts'
import { checkedJump, newRule, NfRule, type RefCell } from './intern.ts'
import { parseRuleArgs } from './parse.ts'
import { splitRestoreLine } from './savestring.ts'
import { BUILTIN_CHAINS, isTableName, newChain, touchTable, USER_CHAIN_COUNTERS } from './tables.ts'
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
  if (a === b) return true
  const n = a.length
  if (n !== b.length) return false
  for (let i = 2; i < n; i++) if (a[i] !== b[i]) return false
  return a[0] === b[0]
}

/**
 * A chain name's record in one table, kept across transactions so that a rule line costs one lookup: the
 * reference count (rules of user chains jumping to the name, see `RefCell`), the chain committed under the name,
 * and the version the current transaction sees (`pending`, null: deleted) once that transaction wrote it.
 * Chains are created and deleted only by restore, so `chain` is always the table's own entry.
 */
interface Slot extends RefCell {
  readonly name: string
  chain: Chain | undefined
  /** the transaction that last wrote the name; `pending` and `prev` are only meaningful for it */
  tx: Tx | undefined
  pending: Chain | null
  /** the rules the chain had before this transaction flushed or re-declared it */
  prev: readonly Rule[] | undefined
  /** its position in that transaction's written slots */
  index: number
}

type Slots = Map<string, Slot>

const slotsByTable = new WeakMap<Table, Slots>()

function slotsOf(table: Table): Slots {
  let m = slotsByTable.get(table)
  if (!m) slotsByTable.set(table, (m = new Map()))
  return m
}

/**
 * one table's pending changes. With --noflush they are an overlay on the table's chains (chains written in
 * this transaction are private copies, deletions are null), applied in place at COMMIT, so a sync that
 * rewrites a few chains of 100,000 costs only those; without it the table starts from its built-in chains.
 */
class Tx {
  /** slots written by this transaction, in the order first written */
  private readonly over: Slot[] = []
  /** flush mode: every chain's rules before the transaction (reused when unchanged, counters carried over) */
  private readonly previous: Map<string, readonly Rule[]> | undefined
  private readonly carry = new Map<string, Map<string, Counters[]> | null>()
  private readonly jumps: [Slot, number][] = []
  private readonly deleted: [Slot, number][] = []
  private lastName = ''
  private lastChain: Chain | undefined
  private lastPrev: readonly Rule[] | undefined
  /** the last jump target found to exist (no chain is deleted meanwhile) and its slot */
  private lastJump = ''
  private lastJumpSlot: Slot | undefined
  /**
   * where the next chain written and the next jump target are expected among the written slots: kube-proxy
   * declares its chains first, then fills and jumps to them in the same order, so most names are found there
   * without a lookup (a name elsewhere is looked up, and moves the cursor forward)
   */
  private ownCursor = 0
  private jumpCursor = 0
  private readonly slots: Slots
  private readonly builtins: readonly string[]

  constructor(readonly table: Table, private readonly flush: boolean) {
    this.slots = slotsOf(table)
    this.builtins = BUILTIN_CHAINS[table.name]
    if (!flush) return
    this.previous = new Map()
    for (const c of table.chains.values()) {
      this.previous.set(c.name, c.rules)
      if (c.builtin) this.write(this.slot(c.name), { ...c, counters: { ...c.counters }, rules: [] })
    }
  }

  /** the slot of a name, made on first use */
  private slot(name: string): Slot {
    let s = this.slots.get(name)
    if (s === undefined) {
      s = { n: 0, name, chain: this.table.chains.get(name), tx: undefined, pending: null, prev: undefined, index: -1 }
      this.slots.set(name, s)
    }
    return s
  }

  /** the chain under a slot's name as this transaction sees it */
  private view(s: Slot): Chain | undefined {
    if (s.tx === this) return s.pending ?? undefined
    return this.flush ? undefined : s.chain
  }

  /** make `c` (or a deletion) this transaction's version of the slot's chain */
  private write(s: Slot, c: Chain | null): void {
    if (s.tx !== this) {
      s.tx = this
      s.prev = undefined
      s.index = this.over.length
      this.over.push(s)
    }
    s.pending = c
  }

  /** the chain as this transaction sees it */
  get(name: string): Chain | undefined {
    const s = this.slots.get(name)
    if (s !== undefined) return this.view(s)
    return this.flush ? undefined : this.table.chains.get(name)
  }

  /** every chain this transaction sees, in the table's order then the new ones */
  private all(): Chain[] {
    const out: Chain[] = []
    if (!this.flush) {
      for (const [name, c] of this.table.chains) {
        const s = this.slots.get(name)
        const v = s !== undefined ? this.view(s) : c
        if (v !== undefined) out.push(v)
      }
    }
    for (const s of this.over) if (s.pending !== null && (this.flush || !this.table.chains.has(s.name))) out.push(s.pending)
    return out
  }

  /** the chain, made private to this transaction */
  own(name: string, line: number): Chain {
    if (name === this.lastName && this.lastChain) return this.lastChain
    let s = this.over[this.ownCursor]
    if (s !== undefined && s.name === name) this.ownCursor++
    else {
      s = this.slot(name)
      if (s.tx === this && s.index >= this.ownCursor) this.ownCursor = s.index + 1
    }
    let c: Chain
    if (s.tx === this) {
      if (s.pending === null) throw restoreLineFailed(line)
      c = s.pending
    } else {
      const b = this.flush ? undefined : s.chain
      if (!b) throw restoreLineFailed(line)
      c = { ...b, counters: b.builtin ? { ...b.counters } : b.counters, rules: b.rules.slice() }
      this.write(s, c)
    }
    this.lastName = name
    this.lastChain = c
    this.lastPrev = s.prev ?? this.previous?.get(name)
    return c
  }

  declare(name: string, policy: string, counters: Counters | undefined, line: number): void {
    this.settle()
    let s = this.slots.get(name)
    let existing: Chain | undefined
    if (s === undefined) {
      // a name never seen in this table: a user chain does not exist yet (restore makes every user chain, with
      // its slot), so only a built-in chain is looked up
      const builtin = this.builtins.includes(name)
      s = { n: 0, name, chain: builtin ? this.table.chains.get(name) : undefined, tx: undefined, pending: null, prev: undefined, index: -1 }
      this.slots.set(name, s)
      existing = builtin ? this.view(s) : undefined
    } else existing = this.view(s)
    if (existing?.builtin || (!existing && this.builtins.includes(name))) {
      const c = this.own(name, line)
      if (policy === 'ACCEPT' || policy === 'DROP') c.policy = policy
      else if (policy !== '-') throw restoreParameterProblem(`Can't set policy \`${policy}' on \`${name}' line ${line}: Bad policy name`, line)
      if (counters) c.counters = counters
      return
    }
    if (policy !== '-') throw restoreParameterProblem(`Can't set policy \`${policy}' on \`${name}' line ${line}: Bad built-in chain name`, line)
    if (name.length > 28) throw restoreParameterProblem(`chain name \`${name}' too long (must be under 29 chars)`, line)
    const prev = existing && !this.previous?.has(name) ? (s.tx === this ? s.prev ?? existing.rules : existing.rules) : undefined
    this.write(s, newChain(name, false))
    if (prev !== undefined) s.prev = prev
    if (this.lastName === name) this.lastName = ''
  }

  private carried(chain: string, key: string): Counters | undefined {
    let map = this.carry.get(chain)
    if (map === undefined) {
      map = null
      const prev = this.lastPrev
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

  /**
   * the chain whose rules are being appended and the rules appended since, moved into it by settle() (before
   * anything else reads or writes a chain): kube-proxy writes each chain's rules in one run, so every chain
   * gets one exact-size array (an array grown by push keeps at least 16 slots, and most of the 100,000 chains
   * of a node hold one to three rules) and no intermediate arrays are left for the collector
   */
  private building: Chain | undefined = undefined
  private readonly run: Rule[] = []
  private runLength = 0

  /** move the appended run into its chain */
  settle(): void {
    const c = this.building
    if (c === undefined) return
    const n = this.runLength
    const run = this.run
    if (c.rules.length !== 0) for (let i = 0; i < n; i++) c.rules.push(run[i])
    else {
      // literals for the common short chains: V8 then allocates them straight in the old generation (they
      // all live on), where slice()'s arrays are copied by the scavenges first
      switch (n) {
        case 1: c.rules = [run[0]]; break
        case 2: c.rules = [run[0], run[1]]; break
        case 3: c.rules = [run[0], run[1], run[2]]; break
        default: c.rules = run.slice(0, n)
      }
    }
    this.building = undefined
    this.runLength = 0
    this.nextArgs = undefined
  }

  /**
   * the argument array of the previous sync's rule at the next position of the chain being written, when the
   * next line may keep that rule as it is (a --noflush restore, no chain deleted so far, its target known):
   * a line that is this very array is that rule, unchanged, in this chain (a restored rule's args[1] is its
   * chain), so restoreInto keeps it without reading the line (keepNext). Undefined otherwise.
   */
  nextArgs: readonly string[] | undefined = undefined
  private nextRule: NfRule | undefined = undefined

  private expectNext(): void {
    const o = this.lastPrev?.[this.building!.rules.length + this.runLength]
    if (o instanceof NfRule && o.ref !== undefined && !this.flush && this.deleted.length === 0) {
      this.nextRule = o
      this.nextArgs = o.args
    } else this.nextArgs = undefined
  }

  /** the line is nextArgs: keep the previous sync's rule (what append() does for it, without reading it) */
  keepNext(): void {
    this.run[this.runLength++] = this.nextRule!
    this.expectNext()
  }

  append(args: readonly string[], line: number, counters: Counters | undefined): void {
    this.appendRule(args, line, counters)
    this.expectNext()
  }

  private appendRule(args: readonly string[], line: number, counters: Counters | undefined): void {
    const chain = this.own(args[1], line)
    if (chain !== this.building) {
      this.settle()
      this.building = chain
    }
    const old = this.lastPrev?.[chain.rules.length + this.runLength]
    let rule: NfRule
    if (old instanceof NfRule && old.args !== undefined && sameArgs(old.args, args)) {
      if (counters === undefined && !this.flush && this.deleted.length === 0 && old.ref !== undefined) {
        // the previous sync's rule, unchanged, and no chain deleted so far: its jump target still exists (the
        // table was valid at the last COMMIT) and its slot is known; nothing to look up
        this.run[this.runLength++] = old
        return
      }
      rule = counters ? old.recounted(counters) : old
    } else {
      const jump = checkedJump(args, line)
      rule = newRule(undefined, args, jump, counters ?? (this.lastPrev ? this.carried(chain.name, args.join('\x00')) : undefined))
    }
    this.run[this.runLength++] = rule
    const j = rule.jump
    if (j === undefined) return
    if (j === this.lastJump) {
      if (rule.ref === undefined) rule.ref = this.lastJumpSlot
      return
    }
    // an unchanged rule kept from the previous sync already knows its target's slot (no lookup by name)
    const known = rule.ref
    if (known) {
      if (this.view(known as Slot) === undefined) this.jumps.push([known as Slot, line])
      return
    }
    this.noteJump(rule, j, line)
  }

  /** remember the rule's jump target (its slot) and check that it exists, now or at COMMIT */
  private noteJump(rule: NfRule, target: string, line: number): void {
    let s = this.over[this.jumpCursor]
    if (s !== undefined && s.name === target) this.jumpCursor++
    else {
      s = this.slot(target)
      if (s.tx === this && s.index >= this.jumpCursor) this.jumpCursor = s.index + 1
    }
    rule.ref = s
    if (this.view(s) === undefined) this.jumps.push([s, line])
    else {
      this.lastJump = target
      this.lastJumpSlot = s
    }
  }

  command(args: readonly string[], line: number, counters: Counters | undefined): void {
    const op = args[0]
    if (op === '-A' || op === '--append') return this.append(args, line, counters)
    this.settle()
    switch (op) {
      case '-I': case '--insert': case '-R': case '--replace': case '-D': case '--delete': {
        const parsed = parseRuleArgs(args)
        const chain = this.own(parsed.chain, line)
        const rule = NfRule.of(parsed.spec, counters)
        const at = (parsed.ruleNum ?? 1) - 1
        if (parsed.command === 'I') {
          if (at > chain.rules.length) throw restoreLineFailed(line)
          chain.rules.splice(at, 0, rule)
          if (rule.jump !== undefined) this.noteJump(rule, rule.jump, line)
        } else if (parsed.command === 'R') {
          if (parsed.ruleNum === undefined || at >= chain.rules.length) throw restoreLineFailed(line)
          chain.rules[at] = rule
          if (rule.jump !== undefined) this.noteJump(rule, rule.jump, line)
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
          const s = this.slot(name)
          this.write(s, null)
          this.deleted.push([s, line])
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
          c.counters = c.builtin ? ZERO() : USER_CHAIN_COUNTERS
          c.rules = c.rules.map((r) => (r instanceof NfRule ? r.recounted(undefined) : NfRule.of(r.spec)))
          if (this.lastChain === c) this.lastName = ''
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
    for (const [s, line] of this.jumps) if (this.view(s) === undefined) throw restoreLineFailed(line)
    if (!this.deleted.length) return
    const gone = new Map<string, number>()
    for (const [s, line] of this.deleted) if (this.view(s) === undefined) gone.set(s.name, line)
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
    for (const name of gone.keys()) if ((this.slots.get(name)?.n ?? 0) > 0) suspect = true
    if (suspect) for (const c of this.all()) if (!c.builtin) check(c)
    if (first !== Infinity) throw restoreLineFailed(first)
  }

  /** the reference cell of a rule's jump target in this table (remembered on the rule) */
  private cellOf(r: Rule): RefCell | undefined {
    if (r instanceof NfRule) {
      if (r.ref !== undefined) return r.ref ?? undefined
      const j = r.jump
      const cell = j === undefined ? null : this.slot(j)
      r.ref = cell
      return cell ?? undefined
    }
    const t = r.spec.target?.name
    return t === undefined ? undefined : this.slot(t)
  }

  /** add (sign 1) or take back (-1) this transaction's change to the reference counts (user chains only) */
  private count(sign: number): void {
    for (const s of this.over) {
      const c = s.pending
      const old = this.flush ? undefined : s.chain
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
    this.settle()
    this.run.length = 0
    // without --noflush the table starts over, and so do its counts
    const before = this.flush ? [...this.slots.values()].map((c) => [c, c.n] as const) : undefined
    if (before) for (const [c] of before) c.n = 0
    this.count(1)
    try {
      this.validate()
    } catch (e) {
      if (before) for (const [c, n] of before) c.n = n
      else this.count(-1)
      throw e
    }
    for (const [s] of this.deleted) if (this.view(s) === undefined && s.n === 0 && this.slots.get(s.name) === s) this.slots.delete(s.name)
    const map = this.table.chains
    if (this.over.length) touchTable(this.table)
    if (!this.flush) {
      for (const s of this.over) {
        const c = s.pending
        if (c === null) map.delete(s.name)
        else map.set(s.name, c)
        s.chain = c ?? undefined
      }
      return
    }
    map.clear()
    for (const name of BUILTIN_CHAINS[this.table.name]) {
      const c = this.get(name)
      if (c) map.set(name, c)
    }
    for (const s of this.over) if (s.pending !== null && !s.pending.builtin) map.set(s.name, s.pending)
    for (const s of this.slots.values()) s.chain = map.get(s.name)
  }
}

const NO_RULES: readonly Rule[] = []

/**
 * How deleting a chain avoids a scan of the whole table: each slot counts the rules of user chains that jump
 * to its name, kept by restore (each restored rule remembers its target's slot). Rules only ever enter user
 * chains through restore; built-in chains (where EnsureRule puts jumps directly) are not counted but checked
 * on every deletion. A count left too high by a chain emptied outside restore only costs a full check, never
 * a wrong answer.
 */

/** the -X line of the first deleted chain a rule of `c` jumps to (Infinity when none) */
function referencing(c: Chain, gone: Map<string, number>): number {
  let first = Infinity
  const rules = c.rules
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]
    // a restored rule knows its jump target without its spec being read
    const t = r instanceof NfRule ? r.jump : r.spec.target?.name
    if (t !== undefined) {
      const line = gone.get(t)
      if (line !== undefined && line < first) first = line
    }
  }
  return first
}

function parseCounters(text: string, line: number): Counters {
  if (text === '[0:0]') return { packets: 0, bytes: 0 }
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
    if (tx !== undefined && raw === tx.nextArgs) {
      tx.keepNext()
      continue
    }
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
