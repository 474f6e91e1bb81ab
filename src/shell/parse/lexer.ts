// Splits a command text into words and operators the way bash does: quotes, escapes, `$VAR`, `$(...)`, comments.

/** One piece of a word; `quoted` parts are not split on whitespace, globbed or tilde-expanded. */
export type Part =
  | { t: 'lit'; text: string; quoted: boolean }
  | { t: 'var'; name: string; quoted: boolean; fallback?: Part[] }
  | { t: 'sub'; source: string; quoted: boolean }

export interface WordToken {
  kind: 'word'
  parts: Part[]
  /** the word exactly as typed */
  raw: string
  start: number
}

export interface OpToken {
  kind: 'op'
  op: string
  /** an explicit file descriptor before a redirection (`2>`) */
  fd?: number
  start: number
}

export interface NewlineToken {
  kind: 'newline'
  start: number
}

export type Token = WordToken | OpToken | NewlineToken

export interface LexResult {
  tokens: Token[]
  /** input ended inside a quote, after a backslash or inside `$(`: the shell must read another line */
  incomplete?: 'quote' | 'backslash' | 'subst'
}

// longest first
const OPERATORS = ['<<<', '<<-', '&>>', '&&', '||', ';;', '<<', '>>', '<&', '>&', '>|', '&>', '|&', '<>', ';', '&', '|', '(', ')', '<', '>']
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>'])

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' }

class Incomplete {
  constructor(readonly why: 'quote' | 'backslash' | 'subst') {}
}

/** Finds the index just past the `)` closing a `$(` whose body starts at i (quotes and nesting respected). */
function matchParen(s: string, i: number): number {
  let depth = 1
  while (i < s.length) {
    const c = s[i]
    if (c === '\\') i += 2
    else if (c === "'") {
      const j = s.indexOf("'", i + 1)
      if (j < 0) throw new Incomplete('quote')
      i = j + 1
    } else if (c === '"') {
      i++
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1
      if (i >= s.length) throw new Incomplete('quote')
      i++
    } else {
      if (c === '(') depth++
      else if (c === ')' && --depth === 0) return i + 1
      i++
    }
  }
  throw new Incomplete('subst')
}

/** Reads a `$` expansion at s[i] === '$'. Returns the part (or a literal `$`) and the next index. */
function readDollar(s: string, i: number, quoted: boolean): [Part, number] {
  const n = s[i + 1]
  if (n === '(') {
    const end = matchParen(s, i + 2)
    return [{ t: 'sub', source: s.slice(i + 2, end - 1), quoted }, end]
  }
  if (n === '{') {
    const end = s.indexOf('}', i + 2)
    if (end < 0) throw new Incomplete('subst')
    const body = s.slice(i + 2, end)
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$!@*])(?::?-(.*))?$/s.exec(body)
    if (!m) return [{ t: 'lit', text: s.slice(i, end + 1), quoted: true }, end + 1]
    const part: Part = { t: 'var', name: m[1], quoted }
    if (m[2] !== undefined) part.fallback = [{ t: 'lit', text: m[2], quoted }]
    return [part, end + 1]
  }
  if (n !== undefined && /[?#$!@*0-9]/.test(n)) return [{ t: 'var', name: n, quoted }, i + 2]
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1))
  if (m) return [{ t: 'var', name: m[0], quoted }, i + 1 + m[0].length]
  return [{ t: 'lit', text: '$', quoted: true }, i + 1]
}

function pushLit(parts: Part[], text: string, quoted: boolean): void {
  const last = parts[parts.length - 1]
  if (last && last.t === 'lit' && last.quoted === quoted) last.text += text
  else parts.push({ t: 'lit', text, quoted })
}

/** Reads one word starting at i; returns the parts and the index after it. */
function readWord(s: string, i: number): [Part[], number] {
  const parts: Part[] = []
  while (i < s.length && !WORD_END.has(s[i])) {
    const c = s[i]
    if (c === '\\') {
      if (i + 1 >= s.length) throw new Incomplete('backslash')
      if (s[i + 1] !== '\n') pushLit(parts, s[i + 1], true)
      i += 2
    } else if (c === "'") {
      const j = s.indexOf("'", i + 1)
      if (j < 0) throw new Incomplete('quote')
      pushLit(parts, s.slice(i + 1, j), true)
      if (j === i + 1) pushLit(parts, '', true)
      i = j + 1
    } else if (c === '$' && s[i + 1] === "'") {
      let j = i + 2
      let text = ''
      while (j < s.length && s[j] !== "'") {
        if (s[j] === '\\' && j + 1 < s.length) {
          const e = s[j + 1]
          if (e in C_ESCAPES) text += C_ESCAPES[e]
          else if (e === 'x' && /^[0-9a-fA-F]{1,2}/.test(s.slice(j + 2))) {
            const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(j + 2))![0]
            text += String.fromCharCode(parseInt(hex, 16))
            j += hex.length
          } else text += '\\' + e
          j += 2
        } else text += s[j++]
      }
      if (j >= s.length) throw new Incomplete('quote')
      pushLit(parts, text, true)
      i = j + 1
    } else if (c === '"') {
      i++
      let any = false
      while (i < s.length && s[i] !== '"') {
        any = true
        const d = s[i]
        if (d === '\\' && i + 1 < s.length && '$`"\\\n'.includes(s[i + 1])) {
          if (s[i + 1] !== '\n') pushLit(parts, s[i + 1], true)
          i += 2
        } else if (d === '$') {
          const [p, next] = readDollar(s, i, true)
          if (p.t === 'lit') pushLit(parts, p.text, true)
          else parts.push(p)
          i = next
        } else if (d === '`') {
          const j = s.indexOf('`', i + 1)
          if (j < 0) throw new Incomplete('quote')
          parts.push({ t: 'sub', source: s.slice(i + 1, j), quoted: true })
          i = j + 1
        } else {
          pushLit(parts, d, true)
          i++
        }
      }
      if (i >= s.length) throw new Incomplete('quote')
      if (!any) pushLit(parts, '', true)
      i++
    } else if (c === '`') {
      const j = s.indexOf('`', i + 1)
      if (j < 0) throw new Incomplete('quote')
      parts.push({ t: 'sub', source: s.slice(i + 1, j), quoted: false })
      i = j + 1
    } else if (c === '$') {
      const [p, next] = readDollar(s, i, false)
      if (p.t === 'lit') pushLit(parts, p.text, p.quoted)
      else parts.push(p)
      i = next
    } else {
      pushLit(parts, c, false)
      i++
    }
  }
  return [parts, i]
}

export function lex(s: string): LexResult {
  const tokens: Token[] = []
  let i = 0
  try {
    while (i < s.length) {
      const c = s[i]
      if (c === ' ' || c === '\t') {
        i++
        continue
      }
      if (c === '\\' && s[i + 1] === '\n') {
        i += 2
        continue
      }
      if (c === '\n') {
        tokens.push({ kind: 'newline', start: i })
        i++
        continue
      }
      if (c === '#') {
        while (i < s.length && s[i] !== '\n') i++
        continue
      }
      const op = OPERATORS.find((o) => s.startsWith(o, i))
      if (op) {
        tokens.push({ kind: 'op', op, start: i })
        i += op.length
        continue
      }
      const start = i
      const [parts, next] = readWord(s, i)
      i = next
      const raw = s.slice(start, i)
      // an all-digit word right before `<` or `>` is a file descriptor (IO_NUMBER)
      if (/^[0-9]+$/.test(raw) && (s[i] === '<' || s[i] === '>')) {
        const rop = OPERATORS.find((o) => s.startsWith(o, i))!
        tokens.push({ kind: 'op', op: rop, fd: Number(raw), start })
        i += rop.length
        continue
      }
      tokens.push({ kind: 'word', parts, raw, start })
    }
  } catch (e) {
    if (e instanceof Incomplete) return { tokens, incomplete: e.why }
    throw e
  }
  return { tokens }
}

/** The text of a word with quotes removed and no expansion (heredoc delimiters, `for` variable names). */
export function literalText(w: WordToken): string {
  return w.parts.map((p) => (p.t === 'lit' ? p.text : p.t === 'var' ? `$${p.name}` : `$(${p.source})`)).join('')
}

/** Whether any part of a word was quoted or escaped (a quoted heredoc delimiter disables expansion). */
export function isQuoted(w: WordToken): boolean {
  return /['"\\]/.test(w.raw)
}

/** The parts of an unquoted-delimiter heredoc body: `$` expansions and `\$ \\ \`` escapes, as inside double quotes. */
export function heredocParts(body: string): Part[] {
  const parts: Part[] = []
  let i = 0
  while (i < body.length) {
    const c = body[i]
    if (c === '\\' && i + 1 < body.length && '$`\\\n'.includes(body[i + 1])) {
      if (body[i + 1] !== '\n') pushLit(parts, body[i + 1], true)
      i += 2
    } else if (c === '$') {
      try {
        const [p, next] = readDollar(body, i, true)
        if (p.t === 'lit') pushLit(parts, p.text, true)
        else parts.push(p)
        i = next
      } catch {
        pushLit(parts, c, true)
        i++
      }
    } else {
      pushLit(parts, c, true)
      i++
    }
  }
  return parts
}
