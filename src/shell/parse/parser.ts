// Builds the command tree from tokens: lists (`;`, newline), `&&`/`||`, pipelines, simple commands with
// assignments and redirections, heredocs, and `for NAME in ...; do ...; done`. Errors use bash's wording.

import type { OpToken, Part, Token, WordToken } from './lexer.ts'
import { isQuoted, literalText } from './lexer.ts'

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '<<' | '<<-' | '<<<' | '>&' | '<&' | '&>' | '&>>'

export interface Heredoc {
  delimiter: string
  /** unquoted delimiter: `$VAR` and `\` escapes are expanded in the body */
  expand: boolean
  /** `<<-`: leading tabs are stripped from body lines and the delimiter line */
  stripTabs: boolean
  /** filled in by the shell once the body lines have been read */
  body?: string
}

export interface Redirect {
  fd: number
  op: RedirectOp
  target: WordToken
  heredoc?: Heredoc
}

export interface Assignment {
  name: string
  value: Part[]
}

export interface SimpleCommand {
  type: 'simple'
  assigns: Assignment[]
  words: WordToken[]
  redirects: Redirect[]
}

export interface ForCommand {
  type: 'for'
  variable: string
  items: WordToken[]
  body: Script
  redirects: Redirect[]
}

export type CommandNode = SimpleCommand | ForCommand

export interface Pipeline {
  negated: boolean
  commands: CommandNode[]
}

export interface AndOr {
  first: Pipeline
  rest: { op: '&&' | '||'; pipeline: Pipeline }[]
}

export interface Script {
  items: AndOr[]
}

export type ParseResult =
  | { kind: 'ok'; script: Script; heredocs: Heredoc[] }
  /** bash: `syntax error near unexpected token `X'` */
  | { kind: 'error'; token: string; heredocs: Heredoc[] }
  /** the text stops where more must follow (`a |`, `a &&`, `for ... do` without `done`) */
  | { kind: 'incomplete'; heredocs: Heredoc[] }

const REDIRECT_OPS = new Set(['>', '>>', '>|', '<', '<>', '<<', '<<-', '<<<', '>&', '<&', '&>', '&>>'])
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/

class SyntaxError_ {
  constructor(readonly token: string) {}
}
class NeedMore {}

class Parser {
  private i = 0
  readonly heredocs: Heredoc[] = []

  constructor(private readonly toks: Token[], private readonly bodies: readonly string[]) {}

  private peek(): Token | undefined {
    return this.toks[this.i]
  }

  private isOp(t: Token | undefined, ...ops: string[]): t is OpToken {
    return !!t && t.kind === 'op' && (ops.length === 0 || ops.includes(t.op))
  }

  private isReserved(t: Token | undefined, word: string): boolean {
    return !!t && t.kind === 'word' && t.raw === word
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.i++
  }

  private unexpected(t: Token | undefined): never {
    if (!t) throw new NeedMore()
    throw new SyntaxError_(t.kind === 'newline' ? 'newline' : t.kind === 'op' ? t.op : t.raw)
  }

  /** a list of and-or items until EOF or one of the stop words in command position */
  parseList(stop?: string): Script {
    const items: AndOr[] = []
    this.skipNewlines()
    for (;;) {
      const t = this.peek()
      if (!t) {
        if (stop) throw new NeedMore()
        break
      }
      if (stop && this.isReserved(t, stop)) break
      items.push(this.parseAndOr())
      const sep = this.peek()
      if (!sep) continue
      if (sep.kind === 'newline' || this.isOp(sep, ';', '&')) {
        this.i++
        this.skipNewlines()
        continue
      }
      if (stop && this.isReserved(sep, stop)) break
      this.unexpected(sep)
    }
    return { items }
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline()
    const rest: AndOr['rest'] = []
    for (;;) {
      const t = this.peek()
      if (!this.isOp(t, '&&', '||')) break
      this.i++
      this.skipNewlines()
      rest.push({ op: t.op as '&&' | '||', pipeline: this.parsePipeline() })
    }
    return { first, rest }
  }

  private parsePipeline(): Pipeline {
    let negated = false
    if (this.isReserved(this.peek(), '!')) {
      negated = true
      this.i++
    }
    const commands = [this.parseCommand()]
    for (;;) {
      const t = this.peek()
      if (!this.isOp(t, '|', '|&')) break
      this.i++
      this.skipNewlines()
      commands.push(this.parseCommand())
    }
    return { negated, commands }
  }

  private parseCommand(): CommandNode {
    if (this.isReserved(this.peek(), 'for')) return this.parseFor()
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] }
    for (;;) {
      const t = this.peek()
      if (!t || t.kind === 'newline') break
      if (t.kind === 'op') {
        if (!REDIRECT_OPS.has(t.op)) break
        cmd.redirects.push(this.parseRedirect(t))
        continue
      }
      this.i++
      const m = cmd.words.length === 0 ? ASSIGNMENT.exec(t.raw) : null
      if (m) cmd.assigns.push({ name: m[1], value: stripPrefix(t.parts, m[0].length) })
      else cmd.words.push(t)
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) this.unexpected(this.peek())
    return cmd
  }

  private parseRedirect(t: OpToken): Redirect {
    this.i++
    const target = this.peek()
    if (!target || target.kind !== 'word') {
      if (!target) throw new SyntaxError_('newline')
      this.unexpected(target)
    }
    this.i++
    const op = t.op as RedirectOp
    const fd = t.fd ?? (op.startsWith('<') ? 0 : 1)
    const r: Redirect = { fd, op, target }
    if (op === '<<' || op === '<<-') {
      const h: Heredoc = { delimiter: literalText(target), expand: !isQuoted(target), stripTabs: op === '<<-' }
      h.body = this.bodies[this.heredocs.length]
      this.heredocs.push(h)
      r.heredoc = h
    }
    return r
  }

  private parseFor(): ForCommand {
    this.i++
    const v = this.peek()
    if (!v) throw new NeedMore()
    if (v.kind !== 'word') this.unexpected(v)
    this.i++
    const items: WordToken[] = []
    this.skipNewlines()
    if (this.isReserved(this.peek(), 'in')) {
      this.i++
      for (;;) {
        const t = this.peek()
        if (!t) throw new NeedMore()
        if (t.kind !== 'word') break
        items.push(t)
        this.i++
      }
    }
    const sep = this.peek()
    if (this.isOp(sep, ';') || sep?.kind === 'newline') this.i++
    this.skipNewlines()
    if (!this.peek()) throw new NeedMore()
    if (!this.isReserved(this.peek(), 'do')) this.unexpected(this.peek())
    this.i++
    const body = this.parseList('done')
    if (!this.isReserved(this.peek(), 'done')) throw new NeedMore()
    if (body.items.length === 0) this.unexpected(this.peek())
    this.i++
    const redirects: Redirect[] = []
    for (let t = this.peek(); t && t.kind === 'op' && REDIRECT_OPS.has(t.op); t = this.peek()) redirects.push(this.parseRedirect(t))
    return { type: 'for', variable: literalText(v), items, body, redirects }
  }
}

function stripPrefix(parts: Part[], n: number): Part[] {
  const out: Part[] = []
  let left = n
  for (const p of parts) {
    if (left > 0 && p.t === 'lit') {
      const take = Math.min(left, p.text.length)
      left -= take
      if (p.text.length > take) out.push({ ...p, text: p.text.slice(take) })
      continue
    }
    out.push(p)
  }
  return out
}

/** Parses a token stream; `bodies` are the heredoc bodies read so far, in order of their `<<`. */
export function parse(tokens: Token[], bodies: readonly string[] = []): ParseResult {
  const p = new Parser(tokens, bodies)
  try {
    const script = p.parseList()
    return { kind: 'ok', script, heredocs: p.heredocs }
  } catch (e) {
    if (e instanceof SyntaxError_) return { kind: 'error', token: e.token, heredocs: p.heredocs }
    if (e instanceof NeedMore) return { kind: 'incomplete', heredocs: p.heredocs }
    throw e
  }
}
