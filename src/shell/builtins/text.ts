// Text filters with GNU coreutils output: head, tail, wc, sort, uniq, tr.

import type { Command, CommandContext, CommandResult } from '../types.ts'
import { utf8Length } from '../fs.ts'
import { fail, lines, ok, parseOpts, readInputs, unlines, usageError } from './util.ts'

/** `-5` means `-n 5` for head and tail. */
function numericShorthand(args: readonly string[]): string[] {
  return args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a))
}

function headTail(which: 'head' | 'tail', ctx: CommandContext): CommandResult {
  const p = parseOpts(which, numericShorthand(ctx.args), { bool: 'qvfF', value: 'nc', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', verbose: 'v', follow: 'f' } })
  if ('error' in p) return p.error
  const spec = p.flags.get('n') ?? '10'
  const bytes = p.flags.get('c')
  const m = /^([+-]?)(\d+)$/.exec(bytes ?? spec)
  if (!m) return fail(`${which}: invalid number of ${bytes !== undefined ? 'bytes' : 'lines'}: ‘${bytes ?? spec}’\n`)
  const n = Number(m[2])
  const inputs = readInputs(ctx, p.operands)
  const headers = (inputs.length > 1 && !p.flags.has('q')) || p.flags.has('v')
  let out = ''
  let err = ''
  let first = true
  for (const input of inputs) {
    if ('error' in input) {
      err += `${which}: cannot open '${input.name}' for reading: ${input.error}\n`
      continue
    }
    if (headers) out += `${first ? '' : '\n'}==> ${input.name === '-' ? 'standard input' : input.name} <==\n`
    first = false
    if (bytes !== undefined) {
      const chars = [...input.content]
      out += (which === 'head' ? (m[1] === '-' ? chars.slice(0, Math.max(0, chars.length - n)) : chars.slice(0, n)) : m[1] === '+' ? chars.slice(Math.max(0, n - 1)) : chars.slice(Math.max(0, chars.length - n))).join('')
      continue
    }
    const ls = input.content.split(/(?<=\n)/).filter((l) => l !== '')
    let picked: string[]
    if (which === 'head') picked = m[1] === '-' ? ls.slice(0, Math.max(0, ls.length - n)) : ls.slice(0, n)
    else picked = m[1] === '+' ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n)
    out += picked.join('')
  }
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 }
}

export const head: Command = (ctx) => headTail('head', ctx)
export const tail: Command = (ctx) => headTail('tail', ctx)

export const wc: Command = (ctx) => {
  const p = parseOpts('wc', ctx.args, { bool: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } })
  if ('error' in p) return p.error
  const f = p.flags
  const none = !['l', 'w', 'c', 'm'].some((k) => f.has(k))
  const want = { l: none || f.has('l'), w: none || f.has('w'), m: f.has('m'), c: none || f.has('c') }
  const inputs = readInputs(ctx, p.operands)
  const counted = inputs.map((input) => {
    if ('error' in input) return { input, counts: undefined }
    const t = input.content
    return {
      input,
      counts: { l: (t.match(/\n/g) ?? []).length, w: t.split(/\s+/).filter(Boolean).length, m: [...t].length, c: utf8Length(t) },
    }
  })
  const nCounts = Object.values(want).filter(Boolean).length
  // coreutils: width from the total size of regular files, at least 7 when reading stdin; one count of one input: 1
  let width = 1
  if (!(inputs.length === 1 && nCounts === 1)) {
    let total = 0
    let min = 1
    for (const c of counted) {
      if (!c.counts) continue
      if (c.input.name === '-') min = 7
      else total += c.counts.c
    }
    width = Math.max(String(total).length, min)
  }
  const row = (counts: Record<'l' | 'w' | 'm' | 'c', number>, name?: string) =>
    (['l', 'w', 'm', 'c'] as const).filter((k) => want[k]).map((k) => String(counts[k]).padStart(width)).join(' ') + (name && name !== '-' ? ` ${name}` : '') + '\n'
  let out = ''
  let err = ''
  const total = { l: 0, w: 0, m: 0, c: 0 }
  for (const c of counted) {
    if (!c.counts) {
      err += `wc: ${c.input.name}: ${'error' in c.input ? c.input.error : ''}\n`
      continue
    }
    for (const k of ['l', 'w', 'm', 'c'] as const) total[k] += c.counts[k]
    out += row(c.counts, c.input.name)
  }
  if (inputs.length > 1) out += row(total, 'total')
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 }
}

export const sort: Command = (ctx) => {
  const p = parseOpts('sort', ctx.args, { bool: 'rnufbh', value: 'kt', long: { reverse: 'r', 'numeric-sort': 'n', unique: 'u', 'ignore-case': 'f', 'key=': 'k', 'field-separator=': 't' } })
  if ('error' in p) return p.error
  const f = p.flags
  let all: string[] = []
  let err = ''
  for (const input of readInputs(ctx, p.operands)) {
    if ('error' in input) err += `sort: cannot read: ${input.name}: ${input.error}\n`
    else all.push(...lines(input.content))
  }
  if (err) return fail(err, 2)
  const keyField = f.has('k') ? Number(/^\d+/.exec(f.get('k')!)?.[0] ?? '1') : 0
  const sep = f.get('t')
  const key = (l: string) => {
    let k = l
    if (keyField > 0) {
      const fields = sep !== undefined ? l.split(sep) : l.trim().split(/\s+/)
      k = fields.slice(keyField - 1).join(sep ?? ' ')
    }
    return f.has('f') ? k.toUpperCase() : k
  }
  const num = (s: string) => {
    const m = /^\s*(-?\d+(?:\.\d+)?)/.exec(s)
    return m ? Number(m[1]) : 0
  }
  const cmp = (a: string, b: string) => {
    const ka = key(a), kb = key(b)
    if (f.has('n') || f.has('h')) {
      const d = num(ka) - num(kb)
      if (d !== 0) return d
    } else if (ka !== kb) return ka < kb ? -1 : 1
    return a < b ? -1 : a > b ? 1 : 0
  }
  all.sort(cmp)
  if (f.has('r')) all.reverse()
  if (f.has('u')) all = all.filter((l, i) => i === 0 || cmp(all[i - 1], l) !== 0)
  return ok(unlines(all))
}

export const uniq: Command = (ctx) => {
  const p = parseOpts('uniq', ctx.args, { bool: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } })
  if ('error' in p) return p.error
  const [inName] = p.operands
  const inputs = readInputs(ctx, inName ? [inName] : [])
  const input = inputs[0]
  if ('error' in input) return fail(`uniq: ${input.name}: ${input.error}\n`)
  const f = p.flags
  const same = (a: string, b: string) => (f.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b)
  const groups: { line: string; n: number }[] = []
  for (const l of lines(input.content)) {
    const g = groups[groups.length - 1]
    if (g && same(g.line, l)) g.n++
    else groups.push({ line: l, n: 1 })
  }
  const kept = groups.filter((g) => (f.has('d') ? g.n > 1 : f.has('u') ? g.n === 1 : true))
  return ok(kept.map((g) => (f.has('c') ? `${String(g.n).padStart(7)} ${g.line}\n` : g.line + '\n')).join(''))
}

const TR_CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz', upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', digit: '0123456789',
  space: ' \t\n\r\f\v', blank: ' \t', alpha: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  alnum: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
}
const TR_ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v' }

/** Expands a tr SET: ranges, [:classes:], escapes. */
function trSet(s: string): string[] {
  const out: string[] = []
  const chars: string[] = []
  for (let i = 0; i < s.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(s.slice(i))
    if (cls && TR_CLASSES[cls[1]]) {
      chars.push(...TR_CLASSES[cls[1]].split('').map((c) => '\u0000cls' + c))
      i += cls[0].length - 1
    } else if (s[i] === '\\' && i + 1 < s.length) chars.push(TR_ESC[s[++i]] ?? s[i])
    else chars.push(s[i])
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i].replace('\u0000cls', '')
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const end = chars[i + 2].replace('\u0000cls', '')
      for (let k = c.codePointAt(0)!; k <= end.codePointAt(0)!; k++) out.push(String.fromCodePoint(k))
      i += 2
    } else out.push(c)
  }
  return out
}

export const tr: Command = (ctx) => {
  const p = parseOpts('tr', ctx.args, { bool: 'dsc', long: { delete: 'd', 'squeeze-repeats': 's' } })
  if ('error' in p) return p.error
  const [s1, s2] = p.operands
  const del = p.flags.has('d')
  const squeeze = p.flags.has('s')
  if (s1 === undefined) return usageError('tr', 'missing operand')
  if (s2 === undefined && !del && !squeeze) return usageError('tr', `missing operand after ‘${s1}’\nTwo strings must be given when translating.`)
  const set1 = trSet(s1)
  const set2 = s2 !== undefined ? trSet(s2) : []
  let out = ''
  let prev = ''
  for (const ch of ctx.stdin) {
    const inSet1 = set1.includes(ch) !== p.flags.has('c')
    if (del && inSet1) continue
    let c = ch
    if (!del && s2 !== undefined && inSet1) {
      const idx = set1.indexOf(ch)
      c = set2[Math.min(idx, set2.length - 1)] ?? ch
    }
    const squeezeSet = del || s2 !== undefined ? set2 : set1
    if (squeeze && c === prev && squeezeSet.includes(c)) continue
    out += c
    prev = c
  }
  return ok(out)
}
