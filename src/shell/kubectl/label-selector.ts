// Minimal label-selector strings (`-l app=web,tier!=db,env in (a,b),!legacy`) as apimachinery pkg/labels
// parses them; a local stand-in until shell/kubectl/selector.ts lands.

import type { Labels } from '../../core/api/types.ts'

type Req =
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!'; key: string }

export function parseSelector(s: string): Req[] {
  const out: Req[] = []
  // split on commas outside parentheses
  const parts: string[] = []
  let depth = 0, cur = ''
  for (const ch of s) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      parts.push(cur)
      cur = ''
    } else cur += ch
  }
  if (cur.trim() || parts.length) parts.push(cur)
  for (const raw of parts) {
    const p = raw.trim()
    if (!p) throw new Error(`unable to parse requirement: found '', expected: identifier`)
    let m = p.match(/^(\S+?)\s+(in|notin)\s+\((.*)\)$/)
    if (m) {
      out.push({ op: m[2] as 'in' | 'notin', key: m[1], values: m[3].split(',').map((v) => v.trim()).filter(Boolean) })
      continue
    }
    m = p.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/)
    if (m) {
      out.push({ op: m[2] === '!=' ? '!=' : '=', key: m[1], value: m[3] })
      continue
    }
    if (p.startsWith('!')) out.push({ op: '!', key: p.slice(1).trim() })
    else out.push({ op: 'exists', key: p })
  }
  return out
}

export function selectorMatches(reqs: Req[], labels: Labels | undefined): boolean {
  const l = labels ?? {}
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key)
    switch (r.op) {
      case '=': return has && l[r.key] === r.value
      case '!=': return !has || l[r.key] !== r.value
      case 'in': return has && r.values.includes(l[r.key])
      case 'notin': return !has || !r.values.includes(l[r.key])
      case 'exists': return has
      case '!': return !has
    }
  })
}
