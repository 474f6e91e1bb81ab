// `iptables -L` text (iptables 1.8 xshared.c layout): chain headers with policy or references, the column header,
// one line per rule (target, prot, opt, source, destination, then the extensions), -v counters, --line-numbers.

import type { Chain } from '../../core/node/types.ts'
import { listAddr } from '../../core/node/netfilter/addr.ts'
import { listExtensions } from '../../core/node/netfilter/text.ts'

export interface ListOptions {
  numeric: boolean
  verbose: boolean
  exact: boolean
  lineNumbers: boolean
}

/** xtables_print_num: `%8llu ` with -x, else up to 99999 plain then K/M/G/T in 5 columns */
export function printNum(n: number, exact: boolean): string {
  if (exact) return `${String(n).padStart(8)} `
  if (n <= 99999) return `${String(n).padStart(5)} `
  let x = Math.floor(n / 1000)
  for (const unit of ['K', 'M', 'G']) {
    if (x <= 9999) return `${String(x).padStart(4)}${unit} `
    x = Math.floor(x / 1000)
  }
  return `${String(x).padStart(4)}T `
}

/** policy counters in the chain header: the same numbers without padding */
function headNum(n: number, exact: boolean): string {
  return printNum(n, exact).trimStart()
}

function references(chains: readonly Chain[], all: readonly Chain[], name: string): number {
  let n = 0
  for (const c of all) for (const r of c.rules) if (r.spec.target?.name === name) n++
  void chains
  return n
}

export function renderList(chains: readonly Chain[], o: ListOptions, all: readonly Chain[] = chains): string {
  const blocks: string[] = []
  for (const c of chains) {
    let out = `Chain ${c.name}`
    if (c.builtin) {
      out += ` (policy ${c.policy ?? 'ACCEPT'}`
      if (o.verbose) out += ` ${headNum(c.counters.packets, o.exact)}packets, ${headNum(c.counters.bytes, o.exact)}bytes`
      out += ')\n'
    } else out += ` (${references(chains, all, c.name)} references)\n`
    if (o.lineNumbers) out += 'num  '
    if (o.verbose) out += o.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes '
    out += 'target    '
    out += ' prot opt'
    if (o.verbose) out += ' in     out    '
    out += ` ${'source'.padEnd(19)} `
    out += ` ${'destination'.padEnd(19)} \n`
    c.rules.forEach((r, i) => {
      const s = r.spec
      let line = ''
      if (o.lineNumbers) line += `${String(i + 1).padEnd(4)} `
      if (o.verbose) line += printNum(r.counters.packets, o.exact) + printNum(r.counters.bytes, o.exact)
      line += `${(s.target?.name ?? '').padEnd(9)} `
      line += s.protocol?.negate ? '!' : ' '
      line += `${(s.protocol?.name ?? 'all').padEnd(4)} `
      line += '-- '
      if (o.verbose) {
        const any = o.numeric ? '*' : 'any'
        const inI = s.inInterface ? (s.inInterface.negate ? '!' : '') + s.inInterface.name : any
        const outI = s.outInterface ? (s.outInterface.negate ? '!' : '') + s.outInterface.name : any
        line += ` ${inI.padEnd(6)} ${outI.padEnd(6)} `
      }
      line += (s.source?.negate ? '!' : ' ') + `${listAddr(s.source?.cidr, o.numeric).padEnd(19)} `
      line += (s.destination?.negate ? '!' : ' ') + `${listAddr(s.destination?.cidr, o.numeric).padEnd(19)} `
      line += listExtensions(s, o.numeric)
      out += line + '\n'
    })
    blocks.push(out)
  }
  return blocks.join('\n')
}
