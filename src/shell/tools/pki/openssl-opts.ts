// OpenSSL's option parsing (apps/lib/opt.c): `-name value` or `--name value`, flags, repeatable options, and
// its `Unknown option` / `Option -x needs a value` errors.

import type { OpensslVersion } from './text.ts'
import { OpensslError } from './openssl-load.ts'

export type OptKind = 'flag' | 'value' | 'multi'

export interface Parsed { flags: Set<string>; values: Map<string, string>; multi: Map<string, string[]>; params: string[] }

export function parseOpts(prog: string, args: string[], spec: Record<string, OptKind>, v: OpensslVersion): Parsed {
  const p: Parsed = { flags: new Set(), values: new Map(), multi: new Map(), params: [] }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (!a.startsWith('-') || a === '-') { p.params.push(a); continue }
    const name = a.replace(/^--?/, '')
    const kind = spec[name]
    if (!kind) {
      throw new OpensslError(v === '3.0' ? `${prog}: Unknown option: ${a}\n${prog}: Use -help for summary.\n` : `unknown option ${a}\n`)
    }
    if (kind === 'flag') { p.flags.add(name); continue }
    const val = args[++i]
    if (val === undefined) throw new OpensslError(v === '3.0' ? `${prog}: Option -${name} needs a value\n${prog}: Use -help for summary.\n` : `${prog}: option -${name} needs a value\n`)
    if (kind === 'value') p.values.set(name, val)
    else p.multi.set(name, [...(p.multi.get(name) ?? []), val])
  }
  return p
}
