// Field and stream tools tutorials pipe through: cut, tee, printf, xargs (GNU coreutils/findutils wording).

import type { Command, CommandContext, CommandResult } from '../types.ts'
import { fail, lines, ok, parseOpts, readInputs, usageError } from './util.ts'

type Range = [number, number]

/** `1,3-5,7-` -> ranges (1-based, inclusive; open end = Infinity). */
function parseList(list: string): Range[] | string {
  const out: Range[] = []
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part)
    if (!m || (m[1] === '' && m[3] === '') || part === '') return `invalid field value ‘${part}’`
    const lo = m[1] === '' ? 1 : Number(m[1])
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3])
    if (lo === 0 || hi === 0) return 'fields and positions are numbered from 1'
    if (hi < lo) return 'invalid decreasing range'
    out.push([lo, hi])
  }
  return out
}

const inRanges = (i: number, rs: Range[]) => rs.some(([lo, hi]) => i >= lo && i <= hi)

export const cut: Command = (ctx) => {
  const p = parseOpts('cut', ctx.args, {
    bool: 'sn',
    value: 'dfcb',
    long: { 'delimiter=': 'd', 'fields=': 'f', 'characters=': 'c', 'bytes=': 'b', 'only-delimited': 's', 'output-delimiter=': 'output-delimiter' },
  })
  if ('error' in p) return p.error
  const modes = ['f', 'c', 'b'].filter((k) => p.flags.has(k))
  if (modes.length === 0) return usageError('cut', 'you must specify a list of bytes, characters, or fields')
  if (modes.length > 1) return usageError('cut', 'only one type of list may be specified')
  const mode = modes[0]
  const delim = p.flags.get('d') ?? '\t'
  if (p.flags.has('d') && mode !== 'f') return usageError('cut', 'an input delimiter may be specified only when operating on fields')
  if ([...delim].length !== 1) return usageError('cut', 'the delimiter must be a single character')
  const ranges = parseList(p.flags.get(mode)!)
  if (typeof ranges === 'string') return usageError('cut', ranges)
  const outDelim = p.flags.get('output-delimiter') ?? (mode === 'f' ? delim : '')
  let out = ''
  let err = ''
  for (const input of readInputs(ctx, p.operands)) {
    if ('error' in input) {
      err += `cut: ${input.name}: ${input.error}\n`
      continue
    }
    for (const line of lines(input.content)) {
      if (mode === 'f') {
        if (!line.includes(delim)) {
          if (!p.flags.has('s')) out += line + '\n'
          continue
        }
        out += line.split(delim).filter((_, i) => inRanges(i + 1, ranges)).join(outDelim) + '\n'
      } else {
        out += [...line].filter((_, i) => inRanges(i + 1, ranges)).join(outDelim) + '\n'
      }
    }
  }
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 }
}

export const tee: Command = (ctx) => {
  const p = parseOpts('tee', ctx.args, { bool: 'ai', long: { append: 'a' } })
  if ('error' in p) return p.error
  let err = ''
  for (const f of p.operands) {
    if (ctx.fs.isDir(f)) {
      err += `tee: ${f}: Is a directory\n`
      continue
    }
    if (p.flags.has('a')) ctx.fs.append(f, ctx.stdin)
    else ctx.fs.write(f, ctx.stdin)
  }
  return { stdout: ctx.stdin, stderr: err, exitCode: err ? 1 : 0 }
}

function unescape(s: string): string {
  return s.replace(/\\(\\|n|t|r|a|b|f|v|e|0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|")/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n'
      case 't': return '\t'
      case 'r': return '\r'
      case 'a': return '\x07'
      case 'b': return '\b'
      case 'f': return '\f'
      case 'v': return '\v'
      case 'e': return '\x1b'
      case '\\': return '\\'
      case '"': return '"'
      case '0': return String.fromCharCode(parseInt(e.slice(1) || '0', 8))
      case 'x': return String.fromCharCode(parseInt(e.slice(1), 16))
      default: return e
    }
  })
}

/** bash's printf builtin: the format is reused while arguments remain. */
export const printf: Command = (ctx) => {
  const [format, ...args] = ctx.args
  if (format === undefined) return fail('bash: printf: usage: printf [-v var] format [arguments]\n', 2)
  let out = ''
  let err = ''
  let i = 0
  do {
    const start = i
    out += format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdibxXocf%])|\\(\\|n|t|r|a|b|f|v|e|0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|")/g, (m, flags: string, width: string, prec: string, conv: string, esc: string) => {
      if (esc !== undefined) return unescape(m)
      if (conv === '%') return '%'
      const arg = args[i++] ?? ''
      let s: string
      switch (conv) {
        case 's': s = prec !== undefined ? arg.slice(0, Number(prec)) : arg; break
        case 'b': s = unescape(arg); break
        case 'c': s = arg.slice(0, 1); break
        case 'f': s = (Number(arg) || 0).toFixed(prec !== undefined ? Number(prec) : 6); break
        default: {
          const n = arg === '' ? 0 : Number(arg)
          if (!Number.isFinite(n)) {
            err += `bash: printf: ${arg}: invalid number\n`
            s = '0'
          } else if (conv === 'x' || conv === 'X') s = Math.trunc(n).toString(16)[conv === 'X' ? 'toUpperCase' : 'toLowerCase']()
          else if (conv === 'o') s = Math.trunc(n).toString(8)
          else s = String(Math.trunc(n))
        }
      }
      const w = Number(width || 0)
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && conv !== 's' ? '0' : ' ')
      return s
    })
    if (i === start) break
  } while (i < args.length)
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 }
}

/** xargs: build command lines from stdin words (`-n N`, `-I REPL`, `-r`); default command echo. */
export const xargs: Command = (ctx: CommandContext): CommandResult => {
  let n = Infinity
  let repl: string | undefined
  let noRunIfEmpty = false
  let k = 0
  const a = ctx.args
  for (; k < a.length && a[k].startsWith('-'); k++) {
    if (a[k] === '-n' || a[k] === '-L') n = Number(a[++k])
    else if (/^-[nL]\d+$/.test(a[k])) n = Number(a[k].slice(2))
    else if (a[k] === '-I') repl = a[++k]
    else if (a[k].startsWith('-I')) repl = a[k].slice(2)
    else if (a[k] === '-r' || a[k] === '--no-run-if-empty') noRunIfEmpty = true
    else if (a[k] === '--') {
      k++
      break
    } else return usageError('xargs', `invalid option -- '${a[k].replace(/^-+/, '')}'`)
    if (Number.isNaN(n)) return fail(`xargs: invalid number "${a[k]}" for -n option\n`)
  }
  const cmd = a.slice(k).length ? a.slice(k) : ['echo']
  if (!ctx.runIn) return fail('xargs: cannot run commands here\n')
  const words = repl !== undefined ? lines(ctx.stdin).filter((l) => l.trim() !== '') : ctx.stdin.split(/\s+/).filter(Boolean)
  if (words.length === 0 && (noRunIfEmpty || repl !== undefined)) return ok()
  const batches: string[][] = []
  if (repl !== undefined) for (const w of words) batches.push(cmd.map((c) => c.split(repl!).join(w)))
  else if (words.length === 0) batches.push(cmd)
  else for (let i = 0; i < words.length; i += Number.isFinite(n) ? n : words.length) batches.push([...cmd, ...words.slice(i, i + (Number.isFinite(n) ? n : words.length))])
  let stdout = ''
  let stderr = ''
  let code = 0
  for (const argv of batches) {
    const r = ctx.runIn(ctx.host, argv)
    stdout += r.stdout
    stderr += r.stderr
    if (r.exitCode === 127) return { stdout, stderr, exitCode: 127 }
    if (r.exitCode !== 0) code = 123
  }
  return { stdout, stderr, exitCode: code }
}

