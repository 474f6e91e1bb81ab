// A small awk for the one-liners tutorials use: `awk '{print $1}'`, `awk -F: 'NR>1 {print $2, $NF}'`,
// `awk '/Running/ {print $1}'`, `awk 'END {print NR}'`. Programs beyond print rules get a clear lab message.

import type { Command } from '../types.ts'
import { fail, lines, readInputs } from './util.ts'

interface Rule { kind: 'BEGIN' | 'END' | 'main'; pattern?: Pattern; prints: Item[][] | null }
type Pattern = { re: RegExp; negate: boolean } | { left: Item; op: string; right: Item }
type Item = { t: 'field'; expr: string } | { t: 'var'; name: 'NR' | 'NF' | 'FS' | 'OFS' | 'FILENAME' } | { t: 'str'; v: string } | { t: 'num'; v: number }

class AwkSyntax extends Error {}

const OFS_ITEM: Item = { t: 'var', name: 'OFS' }

function tokenizeItems(src: string): Item[][] {
  // print arguments: comma-separated groups; within a group, space-separated items are concatenated
  const groups: Item[][] = [[]]
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (c === ' ' || c === '\t') { i++; continue }
    if (c === ',') { groups.push([]); i++; continue }
    if (c === '"') {
      let j = i + 1, s = ''
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[j + 1]
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e
          j += 2
        } else s += src[j++]
      }
      if (j >= src.length) throw new AwkSyntax('unterminated string')
      groups[groups.length - 1].push({ t: 'str', v: s })
      i = j + 1
      continue
    }
    if (c === '$') {
      let j = i + 1
      if (src[j] === '(') {
        const close = src.indexOf(')', j)
        if (close < 0) throw new AwkSyntax('unbalanced (')
        groups[groups.length - 1].push({ t: 'field', expr: src.slice(j + 1, close).replace(/\s+/g, '') })
        i = close + 1
        continue
      }
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++
      groups[groups.length - 1].push({ t: 'field', expr: src.slice(i + 1, j) })
      i = j
      continue
    }
    const m = /^(NR|NF|FS|OFS|FILENAME)\b/.exec(src.slice(i))
    if (m) { groups[groups.length - 1].push({ t: 'var', name: m[1] as 'NR' }); i += m[1].length; continue }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i))
    if (num) { groups[groups.length - 1].push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue }
    throw new AwkSyntax(`unsupported expression near "${src.slice(i, i + 12)}"`)
  }
  return groups.filter((g, k) => g.length || k === 0)
}

function parsePattern(src: string): Pattern | undefined {
  const s = src.trim()
  if (!s) return undefined
  const re = /^(!?)\s*\/((?:\\.|[^/])*)\/$/.exec(s)
  if (re) return { re: new RegExp(re[2]), negate: re[1] === '!' }
  const cmp = /^(.+?)\s*(==|!=|>=|<=|>|<|~|!~)\s*(.+)$/.exec(s)
  if (cmp) {
    const [l] = tokenizeItems(cmp[1]), [r] = cmp[2].endsWith('~') ? [[{ t: 'str' as const, v: cmp[3].replace(/^\/|\/$/g, '') }]] : tokenizeItems(cmp[3])
    if (l?.length !== 1 || r?.length !== 1) throw new AwkSyntax(`unsupported pattern "${s}"`)
    return { left: l[0], op: cmp[2], right: r[0] }
  }
  throw new AwkSyntax(`unsupported pattern "${s}"`)
}

function parseProgram(prog: string): Rule[] {
  const rules: Rule[] = []
  let rest = prog.trim()
  while (rest) {
    const open = rest.indexOf('{')
    const head = (open < 0 ? rest : rest.slice(0, open)).trim()
    let body: string | null = null
    if (open >= 0) {
      const close = rest.indexOf('}', open)
      if (close < 0) throw new AwkSyntax('missing }')
      body = rest.slice(open + 1, close)
      rest = rest.slice(close + 1).replace(/^\s*;?\s*/, '')
    } else rest = ''
    const kind = head === 'BEGIN' ? 'BEGIN' : head === 'END' ? 'END' : 'main'
    let prints: Item[][] | null = null
    if (body !== null) {
      prints = []
      for (const stmt of body.split(';').map((x) => x.trim()).filter(Boolean)) {
        const m = /^print(?:\s+(.*)|\s*)$/.exec(stmt)
        if (!m) throw new AwkSyntax(`only print statements are supported, not "${stmt}"`)
        // `print a, b c`: comma groups are joined by OFS, items inside a group are concatenated
        const groups = m[1] ? tokenizeItems(m[1]) : [[{ t: 'field' as const, expr: '0' }]]
        prints.push(groups.flatMap((g, k) => (k ? [OFS_ITEM, ...g] : g)))
      }
    }
    rules.push({ kind, pattern: kind === 'main' ? parsePattern(head) : undefined, prints })
  }
  return rules
}

export const awk: Command = (ctx) => {
  const args = [...ctx.args]
  let fs: string | undefined
  const vars: Record<string, string> = {}
  while (args.length && args[0].startsWith('-') && args[0] !== '-') {
    const a = args.shift()!
    if (a === '-F') fs = args.shift()
    else if (a.startsWith('-F')) fs = a.slice(2)
    else if (a === '-v') {
      const kv = args.shift() ?? ''
      const eq = kv.indexOf('=')
      if (eq > 0) vars[kv.slice(0, eq)] = kv.slice(eq + 1)
    } else return fail(`awk: not an option: ${a}\n`, 2)
  }
  const prog = args.shift()
  if (prog === undefined) return fail('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n', 2)
  let rules: Rule[]
  try {
    rules = parseProgram(prog)
  } catch (e) {
    return fail(`awk: ${(e as Error).message}\nkubelab: this lab's awk runs print rules only ('{print $1}', 'NR>1 {print $2}', '/re/ {print}', 'END {print NR}').\n`, 2)
  }
  const split = (line: string): string[] => {
    if (fs === undefined || fs === ' ') return line.trim() === '' ? [] : line.trim().split(/[ \t\n]+/)
    if (fs === '\\t' || fs === 't') return line.split('\t')
    return fs.length === 1 ? line.split(fs) : line.split(new RegExp(fs))
  }
  let out = ''
  let nr = 0
  let fields: string[] = []
  let record = ''
  let filename = ''
  const val = (it: Item): string => {
    switch (it.t) {
      case 'str': return it.v
      case 'num': return String(it.v)
      case 'var': return it.name === 'NR' ? String(nr) : it.name === 'NF' ? String(fields.length) : it.name === 'FILENAME' ? filename : it.name === 'OFS' ? ' ' : fs ?? ' '
      case 'field': {
        const e = it.expr
        const n = e === 'NF' ? fields.length : /^NF-(\d+)$/.test(e) ? fields.length - Number(e.slice(3)) : /^\d+$/.test(e) ? Number(e) : vars[e] !== undefined ? Number(vars[e]) : NaN
        if (Number.isNaN(n)) return ''
        return n === 0 ? record : fields[n - 1] ?? ''
      }
    }
  }
  const matches = (p: Pattern | undefined): boolean => {
    if (!p) return true
    if ('re' in p) return p.re.test(record) !== p.negate
    const l = val(p.left), r = val(p.right)
    if (p.op === '~' || p.op === '!~') return new RegExp(r).test(l) === (p.op === '~')
    const numeric = l.trim() !== '' && r.trim() !== '' && !Number.isNaN(Number(l)) && !Number.isNaN(Number(r))
    const a: number | string = numeric ? Number(l) : l, b: number | string = numeric ? Number(r) : r
    switch (p.op) {
      case '==': return a === b
      case '!=': return a !== b
      case '>': return a > b
      case '<': return a < b
      case '>=': return a >= b
      default: return a <= b
    }
  }
  const run = (r: Rule) => {
    if (!r.prints) {
      out += record + '\n'
      return
    }
    for (const p of r.prints) out += p.map(val).join('') + '\n'
  }
  for (const r of rules) if (r.kind === 'BEGIN') run(r)
  let err = ''
  const main = rules.filter((r) => r.kind === 'main')
  if (main.length || rules.some((r) => r.kind === 'END')) {
    for (const input of readInputs(ctx, args)) {
      if ('error' in input) {
        err += `awk: cannot open "${input.name}" (${input.error})\n`
        continue
      }
      filename = input.name === '-' ? '' : input.name
      for (const line of lines(input.content)) {
        nr++
        record = line
        fields = split(line)
        for (const r of main) if (matches(r.pattern)) run(r)
      }
    }
  }
  for (const r of rules) if (r.kind === 'END') run(r)
  return { stdout: out, stderr: err, exitCode: err ? 2 : 0 }
}
