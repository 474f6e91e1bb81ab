// Label queries as `-l` takes them (apimachinery pkg/labels.Parse): k=v, k==v, k!=v, k, !k, k in (a,b), k notin (a).

import type { Labels } from '../../../core/api/types.ts'
import { CliError } from '../aggregate.ts'

type Req = { key: string; op: 'eq' | 'ne' | 'in' | 'notin' | 'exists' | '!exists'; values: string[] }

/** Splits on commas outside parentheses. */
function terms(s: string): string[] {
  const out: string[] = []
  let depth = 0, cur = ''
  for (const c of s) {
    if (c === '(') depth++
    if (c === ')') depth--
    if (c === ',' && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += c
  }
  out.push(cur)
  return out.map((t) => t.trim()).filter((t) => t !== '')
}

export function parseSelector(s: string): Req[] {
  const reqs: Req[] = []
  for (const t of terms(s)) {
    let m: RegExpExecArray | null
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t))) {
      reqs.push({ key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) })
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(t))) {
      reqs.push({ key: m[1], op: m[2] === '!=' ? 'ne' : 'eq', values: [m[3]] })
    } else if ((m = /^!\s*([\w./-]+)$/.exec(t))) {
      reqs.push({ key: m[1], op: '!exists', values: [] })
    } else if ((m = /^([\w./-]+)$/.exec(t))) {
      reqs.push({ key: m[1], op: 'exists', values: [] })
    } else {
      throw new CliError(`unable to parse requirement: found '${t}', expected: '=', '!=', '==', 'in', notin'`)
    }
  }
  return reqs
}

export function selectorMatches(reqs: Req[], labels: Labels | undefined): boolean {
  const l = labels ?? {}
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key)
    switch (r.op) {
      case 'eq': return has && l[r.key] === r.values[0]
      case 'ne': return !has || l[r.key] !== r.values[0]
      case 'in': return has && r.values.includes(l[r.key])
      case 'notin': return !has || !r.values.includes(l[r.key])
      case 'exists': return has
      case '!exists': return !has
    }
  })
}
