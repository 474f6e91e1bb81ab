// Small helpers the builtins share: results, GNU-style option parsing, reading operands or stdin.

import type { CommandContext, CommandResult } from '../types.ts'

export const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 })
export const fail = (stderr: string, exitCode = 1, stdout = ''): CommandResult => ({ stdout, stderr, exitCode })

/** `X: missing operand` + `Try 'X --help' for more information.` */
export function usageError(cmd: string, msg: string, code = 1): CommandResult {
  return fail(`${cmd}: ${msg}\nTry '${cmd} --help' for more information.\n`, code)
}

export interface ParsedOpts {
  /** flag letter or long name -> value ('' for plain flags); repeated value options keep every value in `all` */
  flags: Map<string, string>
  all: Map<string, string[]>
  operands: string[]
}

export interface OptSpec {
  /** single-letter flags without a value */
  bool?: string
  /** single-letter options that take a value (`-n 5`, `-n5`) */
  value?: string
  /** long options: name -> short letter it means, or itself; a trailing `=` means it takes a value */
  long?: Record<string, string>
}

export type OptsOrError = ParsedOpts | { error: CommandResult }

/** GNU getopt-ish parsing: bundled short flags, `--`, `--long[=value]`, operands anywhere (permutation). */
export function parseOpts(cmd: string, args: readonly string[], spec: OptSpec): OptsOrError {
  const flags = new Map<string, string>()
  const all = new Map<string, string[]>()
  const operands: string[] = []
  const set = (k: string, v: string) => {
    flags.set(k, v)
    all.set(k, [...(all.get(k) ?? []), v])
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--') {
      operands.push(...args.slice(i + 1))
      break
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      const keys = Object.keys(spec.long ?? {})
      const key = (eq < 0 ? keys.find((k) => k === name) : undefined) ?? keys.find((k) => k === name + '=')
      if (!key) return { error: usageError(cmd, `unrecognized option '${a}'`) }
      const target = spec.long![key].replace(/=$/, '')
      if (key.endsWith('=')) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i]
        if (v === undefined) return { error: usageError(cmd, `option '--${name}' requires an argument`) }
        set(target, v)
      } else set(target, '')
      continue
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]
        if (spec.value?.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i]
          if (v === undefined) return { error: usageError(cmd, `option requires an argument -- '${c}'`) }
          set(c, v)
          break
        }
        if (!spec.bool?.includes(c)) return { error: usageError(cmd, `invalid option -- '${c}'`) }
        set(c, '')
      }
      continue
    }
    operands.push(a)
  }
  return { flags, all, operands }
}

export type Input = { name: string; content: string } | { name: string; error: string }

/** The operands as files (`-` or none: stdin), each with its content or a GNU error reason. */
export function readInputs(ctx: CommandContext, operands: string[]): Input[] {
  const names = operands.length ? operands : ['-']
  return names.map((name) => {
    if (name === '-') return { name, content: ctx.stdin }
    if (name === '/dev/null') return { name, content: '' }
    if (ctx.fs.isDir(name)) return { name, error: 'Is a directory' }
    const c = ctx.fs.read(name)
    return c === undefined ? { name, error: 'No such file or directory' } : { name, content: c }
  })
}

/** Splits text into lines without the trailing empty piece of a final newline. */
export function lines(text: string): string[] {
  if (text === '') return []
  const ls = text.split('\n')
  if (ls[ls.length - 1] === '') ls.pop()
  return ls
}

/** Joins lines back, each ending in a newline. */
export function unlines(ls: string[]): string {
  return ls.map((l) => l + '\n').join('')
}

/** Converts a POSIX basic (or extended) regular expression to a JavaScript RegExp source. */
export function posixRegex(re: string, extended: boolean): string {
  let out = ''
  for (let i = 0; i < re.length; i++) {
    const c = re[i]
    if (c === '[') {
      // bracket expression: copy through to the closing ], translating classes
      let j = i + 1
      if (re[j] === '^') j++
      if (re[j] === ']') j++
      while (j < re.length && re[j] !== ']') {
        const k = re[j] === '[' && re[j + 1] === ':' ? re.indexOf(':]', j + 2) : -1
        j = k < 0 ? j + 1 : k + 2
      }
      if (j >= re.length) {
        out += '\\['
        continue
      }
      let body = re.slice(i + 1, j)
      let neg = ''
      if (body.startsWith('^')) {
        neg = '^'
        body = body.slice(1)
      }
      body = translateClasses(body.replace(/\\/g, '\\\\'))
      if (body.startsWith(']')) body = '\\]' + body.slice(1)
      out += '[' + neg + body + ']'
      i = j
      continue
    }
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i]
      if (!extended && '(){}|+?'.includes(n)) out += n
      else if ('<>'.includes(n)) out += '\\b'
      else out += '\\' + n
      continue
    }
    if (!extended && '(){}|+?'.includes(c)) {
      out += '\\' + c
      continue
    }
    if (c === '/') {
      out += '\\/'
      continue
    }
    out += c
  }
  return out
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
}

function translateClasses(body: string): string {
  return body.replace(/\[:([a-z]+):\]/g, (m, name: string) => CLASSES[name] ?? m)
}
