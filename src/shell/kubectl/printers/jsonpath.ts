// kubectl's JSONPath templates (client-go util/jsonpath): text with {actions}; fields, ['key'], [n], [a:b],
// [*], .*, ..name, [?(@.x=="y")] filters, {range ...}{end}, quoted text {"\n"}. Missing keys print nothing.

import { goJson } from './json.ts'

type Seg =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string }
  | { t: 'wild' }
  | { t: 'index'; indices: number[] }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'filter'; left: Seg[]; op?: string; right?: Seg[] | string | number }

type Node =
  | { t: 'text'; text: string }
  | { t: 'path'; segs: Seg[] }
  | { t: 'range'; segs: Seg[]; body: Node[] }

export class JSONPathError extends Error {}

function unquote(q: string): string {
  const body = q.slice(1, -1)
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" } as Record<string, string>)[c] ?? c)
}

/** Parse a path expression (`.items[*].metadata.name`, `@.type`) into segments. */
function parsePath(src: string): Seg[] {
  const segs: Seg[] = []
  let i = 0
  if (src[0] === '$' || src[0] === '@') i = 1
  while (i < src.length) {
    const c = src[i]
    if (c === '.') {
      const recursive = src[i + 1] === '.'
      i += recursive ? 2 : 1
      if (src[i] === '*') {
        segs.push({ t: 'wild' })
        i++
        continue
      }
      let name = ''
      while (i < src.length && src[i] !== '.' && src[i] !== '[') {
        if (src[i] === '\\' && i + 1 < src.length) {
          name += src[i + 1]
          i += 2
        } else name += src[i++]
      }
      if (name === '' && !recursive) continue
      segs.push(recursive ? { t: 'recursive', name } : { t: 'field', name })
      continue
    }
    if (c === '[') {
      const end = matchBracket(src, i)
      const inner = src.slice(i + 1, end).trim()
      i = end + 1
      if (inner === '*') segs.push({ t: 'wild' })
      else if (inner.startsWith('?(') && inner.endsWith(')')) segs.push(parseFilter(inner.slice(2, -1).trim()))
      else if (/^['"]/.test(inner)) segs.push({ t: 'field', name: unquote(inner) })
      else if (inner.includes(':')) {
        const [a, b, s] = inner.split(':').map((x) => (x.trim() === '' ? undefined : Number(x)))
        segs.push({ t: 'slice', start: a, end: b, step: s })
      } else if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner)) segs.push({ t: 'index', indices: inner.split(',').map(Number) })
      else throw new JSONPathError(`invalid array index ${inner}`)
      continue
    }
    throw new JSONPathError(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`)
  }
  return segs
}

function matchBracket(src: string, open: number): number {
  let depth = 0
  let quote = ''
  for (let i = open; i < src.length; i++) {
    const c = src[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
      continue
    }
    if (c === '"' || c === "'") quote = c
    else if (c === '[') depth++
    else if (c === ']' && --depth === 0) return i
  }
  throw new JSONPathError('unclosed array expect ]')
}

function parseFilter(expr: string): Seg {
  const m = expr.match(/^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/)
  if (!m) return { t: 'filter', left: parsePath(expr) }
  const rhs = m[3].trim()
  let right: Seg[] | string | number
  if (/^['"]/.test(rhs)) right = unquote(rhs)
  else if (/^-?\d+(\.\d+)?$/.test(rhs)) right = Number(rhs)
  else right = parsePath(rhs)
  return { t: 'filter', left: parsePath(m[1].trim()), op: m[2], right }
}

/** Split a template into text and {actions}, nesting range ... end. */
export function parseTemplate(tpl: string): Node[] {
  const root: Node[] = []
  const stack: Node[][] = [root]
  let i = 0
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i)
    if (open < 0) {
      stack[stack.length - 1].push({ t: 'text', text: tpl.slice(i) })
      break
    }
    if (open > i) stack[stack.length - 1].push({ t: 'text', text: tpl.slice(i, open) })
    const close = findClose(tpl, open)
    const action = tpl.slice(open + 1, close).trim()
    i = close + 1
    const cur = stack[stack.length - 1]
    if (action === 'end') {
      if (stack.length === 1) throw new JSONPathError('not in range, nothing to end')
      stack.pop()
    } else if (action.startsWith('range ')) {
      const node: Node = { t: 'range', segs: parsePath(action.slice(6).trim()), body: [] }
      cur.push(node)
      stack.push(node.body)
    } else if (/^["']/.test(action)) cur.push({ t: 'text', text: unquote(action) })
    else if (action === '') continue
    else cur.push({ t: 'path', segs: parsePath(action) })
  }
  return root
}

function findClose(tpl: string, open: number): number {
  let quote = ''
  for (let i = open + 1; i < tpl.length; i++) {
    const c = tpl[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
      continue
    }
    if (c === '"' || c === "'") quote = c
    else if (c === '}') return i
  }
  throw new JSONPathError(`unclosed action`)
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

function step(values: unknown[], seg: Seg): unknown[] {
  const out: unknown[] = []
  for (const v of values) {
    switch (seg.t) {
      case 'field':
        if (isObj(v) && seg.name in v && v[seg.name] !== undefined) out.push(v[seg.name])
        break
      case 'recursive':
        collect(v, seg.name, out)
        break
      case 'wild':
        if (Array.isArray(v)) out.push(...v)
        else if (isObj(v)) for (const k of Object.keys(v).sort()) out.push(v[k])
        break
      case 'index':
        if (Array.isArray(v)) {
          for (const n of seg.indices) {
            const k = n < 0 ? v.length + n : n
            if (k < 0 || k >= v.length) throw new JSONPathError(`array index out of bounds: index ${n}, length ${v.length}`)
            out.push(v[k])
          }
        }
        break
      case 'slice':
        if (Array.isArray(v)) {
          const len = v.length
          let s = seg.start ?? 0, e = seg.end ?? len
          if (s < 0) s += len
          if (e < 0) e += len
          s = Math.max(0, Math.min(s, len))
          e = Math.max(0, Math.min(e, len))
          for (let k = s; k < e; k += seg.step ?? 1) out.push(v[k])
        }
        break
      case 'filter':
        if (Array.isArray(v)) for (const el of v) if (filterMatches(el, seg)) out.push(el)
        break
    }
  }
  return out
}

function collect(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) collect(x, name, out)
  else if (isObj(v)) {
    for (const k of Object.keys(v).sort()) {
      if (k === name || name === '') out.push(v[k])
      collect(v[k], name, out)
    }
  }
}

function filterMatches(el: unknown, seg: Extract<Seg, { t: 'filter' }>): boolean {
  const left = evalSegs(el, seg.left)
  if (!seg.op) return left.length > 0
  if (left.length === 0) return false
  const right = Array.isArray(seg.right) ? evalSegs(el, seg.right) : [seg.right]
  if (right.length === 0) return false
  const a = left[0], b = right[0]
  switch (seg.op) {
    case '==': return String(a) === String(b)
    case '!=': return String(a) !== String(b)
    case '<': return Number(a) < Number(b)
    case '>': return Number(a) > Number(b)
    case '<=': return Number(a) <= Number(b)
    default: return Number(a) >= Number(b)
  }
}

function evalSegs(root: unknown, segs: Seg[]): unknown[] {
  let cur = [root]
  for (const s of segs) cur = step(cur, s)
  return cur
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'object') return goJson(v)
  return String(v)
}

function exec(nodes: Node[], data: unknown): string {
  let out = ''
  for (const n of nodes) {
    if (n.t === 'text') out += n.text
    else if (n.t === 'path') out += evalSegs(data, n.segs).map(text).join(' ')
    else for (const item of evalSegs(data, n.segs)) out += exec(n.body, item)
  }
  return out
}

/** Execute a kubectl JSONPath template against an object (what `-o jsonpath=...` prints, no newline added). */
export function jsonpath(template: string, data: unknown): string {
  return exec(parseTemplate(template), data)
}

/** The results of a single expression (custom-columns cells). */
export function jsonpathValues(expr: string, data: unknown): unknown[] {
  const nodes = parseTemplate(expr)
  const out: unknown[] = []
  for (const n of nodes) if (n.t === 'path') out.push(...evalSegs(data, n.segs))
  return out
}
