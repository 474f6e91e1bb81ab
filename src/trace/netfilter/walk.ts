// Walks a netfilter hook as the kernel does: the hook's tables in priority order (raw, mangle, nat, filter;
// nat only for the first packet of a connection), each from its built-in chain rule by rule with jumps,
// gotos, RETURN and the chain policy; counts every rule evaluated and bumps the counters of matched rules.

import type { Chain, Rule, Table, TableName } from '../../core/node/types.ts'
import type { Packet } from '../types.ts'
import type { HookName, NfCtx } from './context.ts'
import { ruleMatches } from './match.ts'
import { destinationTable, failsDestination } from './prefilter.ts'
import { ipNum } from '../ip.ts'
import { applyMark, applyNat } from './targets.ts'

/** tables of each hook in priority order (nat INPUT/POSTROUTING are SNAT hooks, after filter) */
export const HOOK_TABLES: Record<HookName, TableName[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
}

export type NfAction = 'jump' | 'goto' | 'return' | 'accept' | 'drop' | 'reject' | 'nat' | 'mark' | 'other' | 'policy'

/** a rule that matched (or a policy that applied) */
export interface NfMatch {
  table: TableName
  chain: string
  /** undefined for a chain policy */
  rule?: Rule
  action: NfAction
  before: Packet
  after: Packet
}

export type NfVerdict = 'accept' | 'drop' | 'reject'

export interface HookResult {
  verdict: NfVerdict
  /** the match that decided a drop/reject */
  by?: NfMatch
}

function bump(c: { packets: number; bytes: number }, bytes: number): void {
  c.packets++
  c.bytes += bytes
}

/** walk one hook; `onMatch` receives every matched rule in order */
export function walkHook(ctx: NfCtx, hook: HookName, onMatch: (m: NfMatch) => void, tables: TableName[] = HOOK_TABLES[hook]): HookResult {
  ctx.hook = hook
  for (const t of tables) {
    if (t === 'nat' && ctx.ct.state !== 'NEW') continue
    const table = ctx.ns.netfilter.tables.get(t)
    if (!table) continue
    const r = walkTable(ctx, table, hook, onMatch)
    if (r.verdict !== 'accept') return r
  }
  return { verdict: 'accept' }
}

function walkTable(ctx: NfCtx, table: Table, hook: HookName, onMatch: (m: NfMatch) => void): HookResult {
  const start = table.chains.get(hook)
  if (!start) return { verdict: 'accept' }
  const stack: { chain: Chain; pos: number }[] = []
  let chain = start
  let pos = 0
  // the chain's pre-compiled destination tests (long chains only) and the packet's destination as a number
  let rules = chain.rules
  let dests = destinationTable(rules)
  let dstText = ''
  let dst: number | undefined
  for (;;) {
    if (chain.rules !== rules) { rules = chain.rules; dests = destinationTable(rules) }
    if (pos >= rules.length) {
      const frame = stack.pop()
      if (frame) { chain = frame.chain; pos = frame.pos; continue }
      return policy(ctx, table.name, start, onMatch)
    }
    const i = pos++
    const rule = rules[i]
    ctx.counter.rules++
    if (dests !== undefined) {
      if (ctx.pkt.dst !== dstText) { dstText = ctx.pkt.dst; dst = ipNum(dstText) }
      if (dst !== undefined && failsDestination(dests, i, rule, dst)) continue
    }
    if (!ruleMatches(rule.spec, ctx, rule)) continue
    bump(rule.counters, ctx.bytes)
    const target = rule.spec.target
    if (!target) continue
    const before = { ...ctx.pkt }
    const emit = (action: NfAction): NfMatch => {
      const m: NfMatch = { table: table.name, chain: chain.name, rule, action, before, after: { ...ctx.pkt } }
      onMatch(m)
      return m
    }
    switch (target.name) {
      case 'ACCEPT': emit('accept'); return { verdict: 'accept' }
      case 'DROP': return { verdict: 'drop', by: emit('drop') }
      case 'REJECT': return { verdict: 'reject', by: emit('reject') }
      case 'RETURN': {
        emit('return')
        const frame = stack.pop()
        if (!frame) return policy(ctx, table.name, start, onMatch)
        chain = frame.chain; pos = frame.pos
        continue
      }
      case 'MARK': applyMark(target.options, ctx); emit('mark'); continue
    }
    if (applyNat(target.name, target.options, ctx)) { emit('nat'); return { verdict: 'accept' } }
    const next = table.chains.get(target.name)
    if (!next) { emit('other'); continue } // LOG, CT, NOTRACK, CHECKSUM ...: non-terminating
    emit(rule.spec.goto ? 'goto' : 'jump')
    if (!rule.spec.goto) stack.push({ chain, pos })
    chain = next
    pos = 0
  }
}

function policy(ctx: NfCtx, table: TableName, chain: Chain, onMatch: (m: NfMatch) => void): HookResult {
  bump(chain.counters, ctx.bytes)
  const pol = chain.policy ?? 'ACCEPT'
  const m: NfMatch = { table, chain: chain.name, action: 'policy', before: { ...ctx.pkt }, after: { ...ctx.pkt } }
  onMatch(m)
  return pol === 'DROP' ? { verdict: 'drop', by: m } : { verdict: 'accept' }
}
