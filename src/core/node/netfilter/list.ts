// `iptables [-t T] -L [CHAIN] [-n] [-v] [-x] [--line-numbers]` and `iptables -S [CHAIN] [-v]` as pure functions
// over a Netfilter, in the column layout of iptables v1.8.9 (nf_tables) (xshared.c print_header/print_rule_details).

import type { Chain, Netfilter, Rule, Table, TableName } from '../types.ts'
import { listAddr } from './addr.ts'
import { NetfilterError, NO_CHAIN, noSuchTable } from './errors.ts'
import { isTableName, sortedChains } from './tables.ts'
import { listExtensions, ruleBody } from './text.ts'

export interface ListOptions {
  chain?: string
  /** -n */
  numeric?: boolean
  /** -v */
  verbose?: boolean
  /** -x: exact counters instead of K/M/G */
  exact?: boolean
  /** --line-numbers */
  lineNumbers?: boolean
}

const PROTO_NUMBERS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, sctp: 132, udplite: 136, esp: 50, ah: 51, gre: 47, igmp: 2, ipip: 4, icmpv6: 58 }

/** xtables_print_num: `%8llu ` exact, else `%5llu ` up to 99999 and `%4lluK ` / M / G / T */
function num(n: number, exact: boolean, notable = false): string {
  if (exact) return notable ? `${n} ` : `${String(n).padStart(8)} `
  if (n <= 99999) return notable ? `${n} ` : `${String(n).padStart(5)} `
  let v = n
  for (const unit of ['K', 'M', 'G']) {
    v = Math.floor((v + 500) / 1000)
    if (v <= 9999) return notable ? `${v}${unit} ` : `${String(v).padStart(4)}${unit} `
  }
  v = Math.floor((v + 500) / 1000)
  return notable ? `${v}T ` : `${String(v).padStart(4)}T `
}

function resolveTable(nf: Netfilter, table: string): Table {
  if (!isTableName(table)) throw noSuchTable(table)
  return nf.table(table as TableName)
}

/** jumps and gotos to each chain, as the chain headers count them */
function references(table: Table): Map<string, number> {
  const refs = new Map<string, number>()
  for (const c of table.chains.values()) {
    for (const r of c.rules) {
      const t = r.spec.target?.name
      if (t !== undefined) refs.set(t, (refs.get(t) ?? 0) + 1)
    }
  }
  return refs
}

function header(c: Chain, refs: number, o: ListOptions): string {
  const exact = !!o.exact
  let s = `Chain ${c.name}`
  if (c.builtin) {
    s += ` (policy ${c.policy ?? 'ACCEPT'}`
    if (o.verbose) s += ` ${num(c.counters.packets, exact, true)}packets, ${num(c.counters.bytes, exact, true)}bytes`
    s += ')'
  } else s += ` (${refs} references)`
  let cols = ''
  if (o.lineNumbers) cols += 'num  '
  if (o.verbose) cols += exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes '
  cols += 'target    '
  cols += ' prot opt'
  if (o.verbose) cols += ' in     out    '
  cols += ` ${'source'.padEnd(19)} `
  cols += ` ${'destination'.padEnd(19)} `
  return s + '\n' + cols
}

function ruleLine(r: Rule, n: number, o: ListOptions): string {
  const spec = r.spec
  const numeric = !!o.numeric
  let s = ''
  if (o.lineNumbers) s += `${String(n).padEnd(4)} `
  if (o.verbose) s += num(r.counters.packets, !!o.exact) + num(r.counters.bytes, !!o.exact)
  s += `${(spec.target?.name ?? '').padEnd(9)} `
  // iptables 1.8.9 prints protocol numbers with -n (a regression fixed in 1.8.10; Debian 12 ships 1.8.9)
  const p = spec.protocol
  const pname = p ? p.name : 'all'
  const ptext = numeric ? String(pname === 'all' ? 0 : PROTO_NUMBERS[pname] ?? pname) : pname
  s += (p?.negate ? '!' : ' ') + ptext.padEnd(4) + ' '
  s += '-- '
  if (o.verbose) {
    const any = numeric ? '*' : 'any'
    const i = spec.inInterface ? (spec.inInterface.negate ? '!' : '') + spec.inInterface.name : any
    const out = spec.outInterface ? (spec.outInterface.negate ? '!' : '') + spec.outInterface.name : any
    s += ` ${i.padEnd(6)} ${out.padEnd(6)} `
  }
  s += (spec.source?.negate ? '!' : ' ') + listAddr(spec.source?.cidr, numeric).padEnd(19) + ' '
  s += (spec.destination?.negate ? '!' : ' ') + listAddr(spec.destination?.cidr, numeric).padEnd(19) + ' '
  if (spec.goto) s += '[goto] '
  return s + listExtensions(spec, numeric)
}

/** `iptables -L` output (without a trailing newline); throws NetfilterError with iptables' text */
export function listChains(nf: Netfilter, table: string, o: ListOptions = {}): string {
  const t = resolveTable(nf, table)
  let chains = sortedChains(t)
  if (o.chain !== undefined) {
    const c = t.chains.get(o.chain)
    if (!c) throw new NetfilterError(NO_CHAIN, 1)
    chains = [c]
  }
  const refs = references(t)
  const blocks: string[] = []
  for (const c of chains) {
    const lines = [header(c, refs.get(c.name) ?? 0, o)]
    c.rules.forEach((r, i) => lines.push(ruleLine(r, i + 1, o)))
    blocks.push(lines.join('\n'))
  }
  return blocks.join('\n\n')
}

/** `iptables -S [CHAIN] [-v]` output (without a trailing newline) */
export function listRules(nf: Netfilter, table: string, o: { chain?: string; verbose?: boolean } = {}): string {
  const t = resolveTable(nf, table)
  let chains = sortedChains(t)
  if (o.chain !== undefined) {
    const c = t.chains.get(o.chain)
    if (!c) throw new NetfilterError(NO_CHAIN, 1)
    chains = [c]
  }
  const out: string[] = []
  for (const c of chains) {
    if (c.builtin) out.push(`-P ${c.name} ${c.policy ?? 'ACCEPT'}` + (o.verbose ? ` -c ${c.counters.packets} ${c.counters.bytes}` : ''))
    else out.push(`-N ${c.name}`)
  }
  for (const c of chains) {
    for (const r of c.rules) {
      let body = ruleBody(r)
      if (o.verbose) {
        const cnt = ` -c ${r.counters.packets} ${r.counters.bytes}`
        const t = r.spec.target
        const at = t ? body.lastIndexOf(r.spec.goto ? ` -g ${t.name}` : ` -j ${t.name}`) : -1
        body = at >= 0 ? body.slice(0, at) + cnt + body.slice(at) : body + cnt
      }
      out.push(`-A ${c.name}${body}`)
    }
  }
  return out.join('\n')
}
