// Word expansion as bash does it for what tutorials type: braces `{1..3}`, `~`, `$VAR`, `$(...)`, field
// splitting of unquoted expansions, and `*`/`?` globbing (left as typed when nothing matches).

import type { Part, WordToken } from './lexer.ts'

export interface ExpandEnv {
  getVar(name: string): string | undefined
  /** runs `$(...)` and returns its stdout */
  substitute(source: string): string
  /** file names matching a glob pattern (absolute or relative as typed), sorted; [] when none */
  glob(pattern: string): string[]
  home: string
}

interface Field {
  text: string
  /** the text with quoted glob characters escaped by `\` */
  pattern: string
  glob: boolean
  /** contains a quoted part (so an empty field survives: `""`) */
  quoted: boolean
}

const GLOB_CHARS = /[*?[]/

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&')
}

function partValue(p: Exclude<Part, { t: 'lit' }>, env: ExpandEnv): string {
  if (p.t === 'sub') return env.substitute(p.source).replace(/\n+$/, '')
  const v = env.getVar(p.name)
  if ((v === undefined || v === '') && p.fallback) return p.fallback.map((f) => (f.t === 'lit' ? f.text : '')).join('')
  return v ?? ''
}

/** Expands one word into zero or more fields. */
export function expandWord(word: WordToken, env: ExpandEnv): string[] {
  const out: string[] = []
  for (const parts of braceExpand(word.parts)) out.push(...expandParts(parts, env, true))
  return out
}

/** Expands parts to one string, no splitting or globbing (assignment values, redirection targets, heredocs). */
export function expandToString(parts: Part[], env: ExpandEnv, tilde = true): string {
  let s = ''
  parts.forEach((p, i) => {
    if (p.t === 'lit') s += i === 0 && tilde && !p.quoted ? tildeExpand(p.text, env.home) : p.text
    else s += partValue(p, env)
  })
  return s
}

function tildeExpand(text: string, home: string): string {
  return text === '~' || text.startsWith('~/') ? home + text.slice(1) : text
}

function expandParts(parts: Part[], env: ExpandEnv, glob: boolean): string[] {
  const fields: Field[] = []
  let cur: Field | undefined
  const ensure = () => (cur ??= { text: '', pattern: '', glob: false, quoted: false })
  parts.forEach((p, idx) => {
    if (p.t === 'lit') {
      const f = ensure()
      const text = idx === 0 && !p.quoted ? tildeExpand(p.text, env.home) : p.text
      f.text += text
      if (p.quoted) {
        f.pattern += escapeGlob(text)
        f.quoted = true
      } else {
        f.pattern += text
        if (GLOB_CHARS.test(text)) f.glob = true
      }
      return
    }
    const value = partValue(p, env)
    if (p.quoted) {
      const f = ensure()
      f.text += value
      f.pattern += escapeGlob(value)
      f.quoted = true
      return
    }
    // unquoted expansion: split on blanks and newlines
    const pieces = value.split(/[ \t\n]+/)
    pieces.forEach((piece, k) => {
      if (k > 0 && cur) {
        fields.push(cur)
        cur = undefined
      }
      if (piece === '') return
      const f = ensure()
      f.text += piece
      f.pattern += piece
      if (GLOB_CHARS.test(piece)) f.glob = true
    })
  })
  if (cur) fields.push(cur)
  const out: string[] = []
  for (const f of fields) {
    if (f.text === '' && !f.quoted) continue
    if (glob && f.glob) {
      const matches = env.glob(f.pattern)
      if (matches.length) {
        out.push(...matches)
        continue
      }
    }
    out.push(f.text)
  }
  return out
}

/** `{1..5}`, `{a,b}` in unquoted literal text; other words pass through unchanged. */
function braceExpand(parts: Part[]): Part[][] {
  const idx = parts.findIndex((p) => p.t === 'lit' && !p.quoted && /\{[^{}]*(\.\.|,)[^{}]*\}/.test(p.text))
  if (idx < 0) return [parts]
  const p = parts[idx] as Extract<Part, { t: 'lit' }>
  const m = /^(.*?)\{([^{}]*)\}(.*)$/s.exec(p.text)!
  const [, pre, body, post] = m
  let items: string[] | undefined
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body) ?? /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body)
  if (range) {
    const numeric = /\d/.test(range[1])
    const a = numeric ? Number(range[1]) : range[1].charCodeAt(0)
    const b = numeric ? Number(range[2]) : range[2].charCodeAt(0)
    items = []
    const step = a <= b ? 1 : -1
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) items.push(numeric ? String(v) : String.fromCharCode(v))
  } else if (body.includes(',')) items = body.split(',')
  if (!items) return [parts]
  const out: Part[][] = []
  for (const it of items) {
    const copy = parts.slice()
    copy[idx] = { t: 'lit', text: pre + it + post, quoted: false }
    out.push(...braceExpand(copy))
  }
  return out
}

/** Does a shell glob pattern (with `\` escapes) match a name? Leading dots need an explicit dot. */
export function globMatch(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.') && !pattern.startsWith('\\.')) return false
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    else if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const j = pattern.indexOf(']', i + 2)
      if (j < 0) re += '\\['
      else {
        let cls = pattern.slice(i + 1, j)
        if (cls.startsWith('!')) cls = '^' + cls.slice(1)
        re += `[${cls.replace(/\\/g, '\\\\')}]`
        i = j
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(re + '$').test(name)
}

/** Removes glob escapes from a pattern segment (a literal directory part). */
export function unescapeGlob(s: string): string {
  return s.replace(/\\(.)/g, '$1')
}
