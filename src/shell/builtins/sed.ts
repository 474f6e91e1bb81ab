// `sed` for what tutorials do: `s/a/b/[gIp N]`, `d`, `p`, addresses (N, $, /re/, ranges), -n, -e, -E, -i on files.

import type { Command } from '../types.ts'
import { fail, parseOpts, posixRegex } from './util.ts'

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp }

interface SedCmd {
  a1?: Address
  a2?: Address
  negate: boolean
  op: 's' | 'd' | 'p' | 'q' | '='
  re?: RegExp
  replacement?: string
  global?: boolean
  nth?: number
  print?: boolean
  /** range state */
  active?: boolean
}

class SedError {
  constructor(readonly msg: string) {}
}

function parseScript(script: string, exprNo: number, extended: boolean): SedCmd[] {
  const cmds: SedCmd[] = []
  let i = 0
  const err = (msg: string, at = i) => new SedError(`sed: -e expression #${exprNo}, char ${at}: ${msg}\n`)
  const readDelimited = (delim: string, what: string): string => {
    let out = ''
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        out += script[i + 1] === delim ? delim : script[i] + script[i + 1]
        i += 2
      } else if (script[i] === '\n' && what === 's') throw err("unterminated `s' command", i + 1)
      else out += script[i++]
    }
    if (i >= script.length) throw err(what === 's' ? "unterminated `s' command" : 'unterminated address regex', script.length)
    i++
    return out
  }
  const mkRe = (src: string, flags: string) => {
    try {
      return new RegExp(posixRegex(src, extended), flags)
    } catch {
      throw err('Invalid preceding regular expression')
    }
  }
  const readAddr = (): Address | undefined => {
    const m = /^\d+/.exec(script.slice(i))
    if (m) {
      i += m[0].length
      return { kind: 'line', n: Number(m[0]) }
    }
    if (script[i] === '$') {
      i++
      return { kind: 'last' }
    }
    if (script[i] === '/' || (script[i] === '\\' && i + 1 < script.length)) {
      const delim = script[i] === '/' ? '/' : script[++i]
      i++
      const src = readDelimited(delim, 'addr')
      let flags = ''
      if (script[i] === 'I') {
        flags = 'i'
        i++
      }
      return { kind: 're', re: mkRe(src, flags) }
    }
    return undefined
  }
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++
    if (i >= script.length) break
    const cmd: SedCmd = { negate: false, op: 'p' }
    cmd.a1 = readAddr()
    if (cmd.a1 && script[i] === ',') {
      i++
      cmd.a2 = readAddr()
      if (!cmd.a2) throw err('unexpected `,\'', i)
    }
    while (script[i] === ' ') i++
    if (script[i] === '!') {
      cmd.negate = true
      i++
    }
    const c = script[i++]
    if (c === undefined) throw err('missing command', i)
    if (c === 's') {
      const delim = script[i++]
      if (delim === undefined || delim === '\n' || delim === '\\') throw err("unterminated `s' command", i)
      const pattern = readDelimited(delim, 's')
      const replacement = readDelimited(delim, 's')
      let flags = 'g'
      cmd.global = false
      while (i < script.length && !/[;\n}]/.test(script[i])) {
        const f = script[i]
        if (f === 'g') cmd.global = true
        else if (f === 'p') cmd.print = true
        else if (f === 'i' || f === 'I') flags += 'i'
        else if (/\d/.test(f)) {
          const m = /^\d+/.exec(script.slice(i))![0]
          cmd.nth = Number(m)
          i += m.length - 1
        } else if (f === ' ') {
          /* spaces before ; are fine */
        } else throw err("unknown option to `s'", i + 1)
        i++
      }
      cmd.op = 's'
      cmd.re = mkRe(pattern, flags)
      cmd.replacement = replacement
    } else if (c === 'd' || c === 'p' || c === 'q' || c === '=') cmd.op = c
    else throw err(`unknown command: \`${c}'`, i)
    cmds.push(cmd)
  }
  return cmds
}

/** Builds the replacement text: `&`, `\1`..`\9`, `\n`, `\t`, escaped characters. */
function replace(template: string, m: RegExpExecArray): string {
  let out = ''
  for (let i = 0; i < template.length; i++) {
    const c = template[i]
    if (c === '&') out += m[0]
    else if (c === '\\' && i + 1 < template.length) {
      const n = template[++i]
      if (/\d/.test(n)) out += m[Number(n)] ?? ''
      else if (n === 'n') out += '\n'
      else if (n === 't') out += '\t'
      else out += n
    } else out += c
  }
  return out
}

function substitute(line: string, cmd: SedCmd): { line: string; done: boolean } {
  const re = cmd.re!
  re.lastIndex = 0
  let out = ''
  let last = 0
  let count = 0
  let done = false
  for (let m = re.exec(line); m; m = re.exec(line)) {
    count++
    const take = cmd.nth ? count === cmd.nth || (cmd.global && count > cmd.nth) : true
    if (take) {
      out += line.slice(last, m.index) + replace(cmd.replacement!, m)
      last = m.index + m[0].length
      done = true
      if (!cmd.global) break
    }
    if (m[0] === '') re.lastIndex++
  }
  return { line: out + line.slice(last), done }
}

function matches(a: Address, line: string, n: number, isLast: boolean): boolean {
  if (a.kind === 'line') return n === a.n
  if (a.kind === 'last') return isLast
  a.re.lastIndex = 0
  return a.re.test(line)
}

function selected(cmd: SedCmd, line: string, n: number, isLast: boolean): boolean {
  let hit: boolean
  if (!cmd.a1) hit = true
  else if (!cmd.a2) hit = matches(cmd.a1, line, n, isLast)
  else if (cmd.active) {
    hit = true
    if (cmd.a2.kind === 'line' ? n >= cmd.a2.n : matches(cmd.a2, line, n, isLast)) cmd.active = false
  } else if (matches(cmd.a1, line, n, isLast)) {
    hit = true
    cmd.active = !(cmd.a2.kind === 'line' && cmd.a2.n <= n)
  } else hit = false
  return hit !== cmd.negate
}

/** Runs a sed program over a text; returns the output. */
function runSed(cmds: SedCmd[], text: string, quiet: boolean): string {
  for (const c of cmds) c.active = false
  const ls = text.split('\n')
  const trailingNewline = ls[ls.length - 1] === ''
  if (trailingNewline) ls.pop()
  let out = ''
  for (let idx = 0; idx < ls.length; idx++) {
    let line = ls[idx]
    const n = idx + 1
    const isLast = idx === ls.length - 1
    const nl = isLast && !trailingNewline ? '' : '\n'
    let deleted = false
    let quit = false
    for (const c of cmds) {
      if (!selected(c, line, n, isLast)) continue
      if (c.op === 'd') {
        deleted = true
        break
      }
      if (c.op === 'p') out += line + '\n'
      else if (c.op === '=') out += n + '\n'
      else if (c.op === 'q') {
        quit = true
        break
      } else if (c.op === 's') {
        const r = substitute(line, c)
        line = r.line
        if (r.done && c.print) out += line + '\n'
      }
    }
    if (!deleted && !quiet) out += line + nl
    if (quit) break
  }
  return out
}

export const sed: Command = (ctx) => {
  const args = ctx.args.map((a) => (a.startsWith('-i') && a.length > 2 ? '-i' : a))
  const p = parseOpts('sed', args, { bool: 'nEri', value: 'e', long: { quiet: 'n', silent: 'n', 'in-place': 'i', 'regexp-extended': 'E', 'expression=': 'e' } })
  if ('error' in p) return p.error
  const operands = p.operands.slice()
  const scripts = p.all.get('e') ?? []
  if (scripts.length === 0) {
    if (operands.length === 0) return fail("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n", 1)
    scripts.push(operands.shift()!)
  }
  let cmds: SedCmd[]
  try {
    cmds = scripts.flatMap((s, k) => parseScript(s, k + 1, p.flags.has('E') || p.flags.has('r')))
  } catch (e) {
    if (e instanceof SedError) return fail(e.msg)
    throw e
  }
  const quiet = p.flags.has('n')
  if (p.flags.has('i')) {
    if (operands.length === 0) return fail('sed: no input files\n', 1)
    let err = ''
    for (const f of operands) {
      const c = ctx.fs.isDir(f) ? undefined : ctx.fs.read(f)
      if (c === undefined) {
        err += ctx.fs.isDir(f) ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: can't read ${f}: No such file or directory\n`
        continue
      }
      ctx.fs.write(f, runSed(cmds, c, quiet))
    }
    return { stdout: '', stderr: err, exitCode: err ? (err.includes("couldn't edit") ? 4 : 2) : 0 }
  }
  let text = ''
  let err = ''
  for (const f of operands.length ? operands : ['-']) {
    if (f === '-') text += ctx.stdin
    else if (ctx.fs.isDir(f)) err += `sed: read error on ${f}: Is a directory\n`
    else {
      const c = ctx.fs.read(f)
      if (c === undefined) err += `sed: can't read ${f}: No such file or directory\n`
      else text += c
    }
  }
  return { stdout: runSed(cmds, text, quiet), stderr: err, exitCode: err ? 2 : 0 }
}
