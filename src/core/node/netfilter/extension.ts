// Shared shape and helpers of match and target extensions (libxt_*): option tables, lookups, number parsing.

import type { Opt } from '../types.ts'
import { RuleParseError } from './errors.ts'
import type { ServicesDb } from './services.ts'

/** what a match's -L text depends on beyond its options: the rule's protocol and the node's /etc/services */
export interface ListContext { proto?: string; services?: ServicesDb }

/** 0: a flag; 1: one value; 2: two values joined by a space (`--match-set NAME dst,dst`, `--tcp-flags M C`) */
export type Arity = 0 | 1 | 2

export interface ExtDef {
  /** written option name, without and with its dashes (aliases included) -> [kernel's name, arity] */
  readonly opts: ReadonlyMap<string, readonly [string, Arity]>
  /** written options -> the kernel's form: canonical names, values and the order iptables-save prints */
  canon(opts: Opt[]): Opt[]
  /** `iptables -L` text with its leading space (ports named from `ctx`'s services database and the rule's protocol) */
  print(opts: readonly Opt[], numeric: boolean, ctx?: ListContext): string
  /** save text of a value with its leading space(s) when it is not just ` value` (quoting, double spaces) */
  saveValue?(name: string, value: string): string
}

/**
 * `sport|source-port:1 syn:0` -> option table (the first name of each entry is the kernel's), keyed by the
 * name and by the written flag (`--sport`), so the parser looks arguments up without slicing them
 */
export function optTable(spec: string): Map<string, readonly [string, Arity]> {
  const out = new Map<string, readonly [string, Arity]>()
  for (const entry of spec.split(' ')) {
    const [names, arity] = entry.split(':')
    const list = names.split('|')
    for (const n of list) {
      const e = [list[0], Number(arity) as Arity] as const
      out.set(n, e)
      out.set('--' + n, e)
    }
  }
  return out
}

export function get(opts: readonly Opt[], name: string): Opt | undefined {
  for (let i = 0; i < opts.length; i++) if (opts[i].name === name) return opts[i]
  return undefined
}

/** options in the order given by `names`; a later duplicate replaces an earlier one */
export function ordered(opts: Opt[], names: readonly string[]): Opt[] {
  if (opts.length <= 1) return opts
  const out: Opt[] = []
  for (const n of names) {
    let last: Opt | undefined
    for (const o of opts) if (o.name === n) last = o
    if (last) out.push(last)
  }
  return out
}

/** strtoul(s, 0) as iptables parses marks: `0x` hex, leading `0` octal, else decimal; 32-bit */
export function parseU32(s: string, what: string): number {
  let n: number
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) n = parseInt(s.slice(2), 16)
  else if (/^0[0-7]+$/.test(s)) n = parseInt(s.slice(1), 8)
  else if (/^\d+$/.test(s)) n = Number(s)
  else throw new RuleParseError(`Bad ${what} value "${s}"`)
  if (n > 0xffffffff) throw new RuleParseError(`Bad ${what} value "${s}"`)
  return n >>> 0
}

export function hex(n: number): string {
  return '0x' + (n >>> 0).toString(16)
}

/** `value[/mask]` -> [value, mask]; an absent mask is all ones */
export function parseMarkMask(s: string, what: string): [number, number] {
  const slash = s.indexOf('/')
  if (slash < 0) return [parseU32(s, what), 0xffffffff]
  return [parseU32(s.slice(0, slash), what), parseU32(s.slice(slash + 1), what)]
}

/** libxt_mark's print_mark: ` 0xV/0xM`, or ` 0xV` when the mask is all ones */
export function markText(value: number, mask: number): string {
  return mask === 0xffffffff ? ` ${hex(value)}` : ` ${hex(value)}/${hex(mask)}`
}

export function bang(o: Opt | undefined): string {
  return o?.negate ? ' !' : ''
}
