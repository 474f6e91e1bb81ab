// `grep` with the options people pipe kubectl output through: -i -v -E -F -w -x -c -n -o -q -h -H -e, -A/-B/-C.

import type { Command } from '../types.ts'
import { fail, lines, parseOpts, posixRegex, readInputs } from './util.ts'

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

export const grep: Command = (ctx) => {
  const p = parseOpts('grep', ctx.args, {
    bool: 'ivEFGwxcnoqshHlr',
    value: 'eABCm',
    long: {
      'ignore-case': 'i', 'invert-match': 'v', 'extended-regexp': 'E', 'fixed-strings': 'F', 'word-regexp': 'w',
      'line-regexp': 'x', count: 'c', 'line-number': 'n', 'only-matching': 'o', quiet: 'q', silent: 'q',
      'no-messages': 's', 'no-filename': 'h', 'with-filename': 'H', 'regexp=': 'e', 'after-context=': 'A',
      'before-context=': 'B', 'context=': 'C', 'max-count=': 'm', 'color=': 'color', colour: 'color', 'colour=': 'color', color: 'color',
    },
  })
  if ('error' in p) return { ...p.error, stderr: p.error.stderr.replace(/Try 'grep --help'[^\n]*\n$/, '') + USAGE.slice(USAGE.indexOf('Usage')), exitCode: 2 }
  const f = p.flags
  const operands = p.operands.slice()
  const patterns = p.all.get('e') ?? []
  if (patterns.length === 0) {
    if (operands.length === 0) return fail(USAGE, 2)
    patterns.push(operands.shift()!)
  }
  const extended = f.has('E')
  const sources = patterns.flatMap((pt) => pt.split('\n')).map((pt) => (f.has('F') ? escapeRe(pt) : posixRegex(pt, extended)))
  let body = sources.map((s) => `(?:${s})`).join('|')
  if (f.has('w')) body = `(?<![A-Za-z0-9_])(?:${body})(?![A-Za-z0-9_])`
  if (f.has('x')) body = `^(?:${body})$`
  let re: RegExp
  try {
    re = new RegExp(body, f.has('i') ? 'gi' : 'g')
  } catch {
    const unmatched = /\(/.test(patterns.join('')) ? 'Unmatched ( or \\(' : /\[/.test(patterns.join('')) ? 'Unmatched [, [^, [:, [., or [=' : 'Invalid regular expression'
    return fail(`grep: ${unmatched}\n`, 2)
  }
  const after = Number(f.get('A') ?? f.get('C') ?? 0)
  const before = Number(f.get('B') ?? f.get('C') ?? 0)
  const max = f.has('m') ? Number(f.get('m')) : Infinity
  const inputs = readInputs(ctx, operands)
  const showName = f.has('H') || (inputs.length > 1 && !f.has('h'))
  let out = ''
  let err = ''
  let matchedAny = false
  for (const input of inputs) {
    const label = input.name === '-' ? '(standard input)' : input.name
    if ('error' in input) {
      if (!f.has('s')) err += `grep: ${input.name}: ${input.error}\n`
      continue
    }
    const ls = lines(input.content)
    let count = 0
    let lastPrinted = -1
    let pendingAfter = 0
    const emit = (i: number, sep: ':' | '-') => {
      if (lastPrinted >= 0 && i > lastPrinted + 1 && (before || after)) out += '--\n'
      out += (showName ? label + sep : '') + (f.has('n') ? String(i + 1) + sep : '') + ls[i] + '\n'
      lastPrinted = i
    }
    for (let i = 0; i < ls.length && count < max; i++) {
      re.lastIndex = 0
      const hit = re.test(ls[i]) !== f.has('v')
      if (!hit) {
        if (pendingAfter > 0 && !f.has('c') && !f.has('q') && !f.has('l')) {
          emit(i, '-')
          pendingAfter--
        }
        continue
      }
      count++
      matchedAny = true
      if (f.has('c') || f.has('q') || f.has('l')) continue
      for (let b = Math.max(lastPrinted + 1, i - before); b < i; b++) emit(b, '-')
      if (f.has('o') && !f.has('v')) {
        re.lastIndex = 0
        for (const m of ls[i].matchAll(re)) {
          if (m[0] === '') continue
          out += (showName ? label + ':' : '') + (f.has('n') ? String(i + 1) + ':' : '') + m[0] + '\n'
        }
        lastPrinted = i
      } else emit(i, ':')
      pendingAfter = after
    }
    if (f.has('c')) out += (showName ? label + ':' : '') + count + '\n'
    if (f.has('l') && count > 0) out += label + '\n'
    if (f.has('q') && matchedAny) return { stdout: '', stderr: '', exitCode: 0 }
  }
  if (f.has('q')) out = ''
  return { stdout: out, stderr: err, exitCode: err ? 2 : matchedAny ? 0 : 1 }
}
