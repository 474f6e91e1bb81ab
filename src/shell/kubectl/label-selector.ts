// Label selectors as `-l` takes them, parsed as apimachinery pkg/labels.Parse does (lexer, parser, the
// Requirement checks and their error texts): k=v, k==v, k!=v, k, !k, k in (a,b), k notin (a), k>1, k<1.

import type { Labels } from '../../core/api/types.ts'
import { apiVersionOf, type ResourceType } from '../../core/api/kinds.ts'
import { StatusError } from '../../core/apiserver/errors.ts'
import { isQualifiedName, isValidLabelValue } from '../../core/apiserver/validation/names.ts'

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!'

export interface Requirement { key: string; op: Operator; values: string[] }

/** A selector that labels.Parse rejects; the message is its error text (`unable to parse requirement: ...`). */
export class SelectorParseError extends Error {}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt']

type Tok = 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '('
const KEYWORDS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' }
const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<'])
const SPACE = new Set([' ', '\t', '\r', '\n'])

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = []
  let i = 0
  for (;;) {
    while (i < s.length && SPACE.has(s[i])) i++
    if (i >= s.length) {
      out.push({ tok: 'end', lit: '' })
      return out
    }
    if (SPECIAL.has(s[i])) {
      // longest run of special symbols that is still a token
      let buf = '', last: { tok: Tok; lit: string } | undefined
      while (i < s.length && SPECIAL.has(s[i])) {
        buf += s[i]
        if (KEYWORDS[buf]) {
          last = { tok: KEYWORDS[buf], lit: buf }
          i++
        } else if (last) break
        else i++
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` })
      continue
    }
    let buf = ''
    while (i < s.length && !SPECIAL.has(s[i]) && !SPACE.has(s[i])) buf += s[i++]
    out.push(KEYWORDS[buf] ? { tok: KEYWORDS[buf], lit: buf } : { tok: 'id', lit: buf })
  }
}

/** `<nil>: Invalid value: "x": ...` (a field error with no path) */
function invalid(path: string, value: string, errs: string[]): string {
  return `${path}: Invalid value: ${JSON.stringify(value)}: ${errs.join('; ')}`
}

/** labels.Parse: the requirements, or a SelectorParseError with apimachinery's text. An empty string selects everything. */
export function parseSelector(selector: string, list?: ResourceType): Requirement[] {
  try {
    return parse(selector)
  } catch (e) {
    if (list && e instanceof SelectorParseError) throw listSelectorError(list, selector, e.message)
    throw e
  }
}

/** The API server rejects a list's labelSelector (400) and cli-runtime's selector visitor rewords it. */
export function listSelectorError(t: ResourceType, selector: string, message: string): StatusError {
  const gvr = `${apiVersionOf(t)}, Resource=${t.plural}`
  return new StatusError('BadRequest', `Unable to find "${t.group ? gvr : '/' + gvr}" that match label selector "${selector}", field selector "": ${message}`)
}

function parse(selector: string): Requirement[] {
  const items = lex(selector)
  let pos = 0
  const values = (t: Tok): Tok => (t === 'in' || t === 'notin' ? 'id' : t)
  const look = (ctxValues = true) => ({ tok: ctxValues ? values(items[pos].tok) : items[pos].tok, lit: items[pos].lit })
  const take = (ctxValues = true) => { const x = look(ctxValues); pos++; return x }
  const fail = (msg: string): never => { throw new SelectorParseError(msg) }
  const reqs: Requirement[] = []

  const requirement = (): Requirement => {
    let op: Operator | undefined
    let { tok, lit } = take()
    if (tok === '!') {
      op = '!'
      ;({ tok, lit } = take())
    }
    if (tok !== 'id') fail(`found '${lit}', expected: identifier`)
    const key = lit
    const keyErrs = isQualifiedName(key)
    if (keyErrs.length) fail(invalid('<nil>', key, keyErrs))
    const next = look().tok
    if (next === 'end' || next === ',') return { key, op: op ?? 'exists', values: [] }
    // `!key` takes no operator: what follows is the outer loop's business
    if (op === '!') return { key, op, values: [] }
    const o = take(false)
    const binary: Partial<Record<Tok, Operator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' }
    const bop = binary[o.tok] ?? fail(`found '${o.lit}', expected: ${BINARY_OPERATORS.join(', ')}`)
    const vals = bop === 'in' || bop === 'notin' ? setValues() : exactValue()
    const errs: string[] = []
    if (bop === 'gt' || bop === 'lt') {
      vals.forEach((v, i) => { if (!/^[-+]?\d+$/.test(v)) errs.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`) })
    }
    vals.forEach((v, i) => {
      const ve = isValidLabelValue(v)
      if (ve.length) errs.push(invalid(`values[${i}][${key}]`, v, ve))
    })
    if (errs.length) fail(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`)
    return { key, op: bop, values: vals }
  }

  const exactValue = (): string[] => {
    const t = look().tok
    if (t === 'end' || t === ',') return ['']
    const { tok, lit } = take()
    if (tok === 'id') return [lit]
    return fail(`found '${lit}', expected: identifier`)
  }

  const setValues = (): string[] => {
    const open = take()
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`)
    const first = look()
    if (first.tok === ')') {
      take()
      return ['']
    }
    if (first.tok !== 'id' && first.tok !== ',') fail(`found '${first.lit}', expected: ',', ')' or identifier`)
    const set = new Set<string>()
    for (;;) {
      const { tok, lit } = take()
      if (tok === 'id') {
        set.add(lit)
        const n = look()
        if (n.tok === ',') continue
        if (n.tok === ')') break
        fail(`found '${n.lit}', expected: ',' or ')'`)
      } else if (tok === ',') {
        if (!set.size) set.add('')
        const n = look().tok
        if (n === ')') {
          set.add('')
          break
        }
        if (n === ',') {
          take()
          set.add('')
        }
      } else fail(`found '${lit}', expected: ',', or identifier`)
    }
    if (take().tok !== ')') fail(`found '${first.lit}', expected: ')'`)
    return [...set].sort()
  }

  for (;;) {
    const { tok, lit } = look()
    if (tok === 'end') return sortByKey(reqs)
    if (tok !== 'id' && tok !== '!') fail(`found '${lit}', expected: !, identifier, or 'end of string'`)
    try {
      reqs.push(requirement())
    } catch (e) {
      if (e instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${e.message}`)
      throw e
    }
    const after = take()
    if (after.tok === 'end') return sortByKey(reqs)
    if (after.tok !== ',') fail(`found '${after.lit}', expected: ',' or 'end of string'`)
    const n = look()
    if (n.tok !== 'id' && n.tok !== '!') fail(`found '${n.lit}', expected: identifier after ','`)
  }
}

function sortByKey(r: Requirement[]): Requirement[] {
  return r.map((x, i) => [x, i] as const).sort((a, b) => (a[0].key < b[0].key ? -1 : a[0].key > b[0].key ? 1 : a[1] - b[1])).map(([x]) => x)
}

/** Requirement.Matches for every requirement (an empty list matches everything). */
export function selectorMatches(reqs: readonly Requirement[], labels: Labels | undefined): boolean {
  const l = labels ?? {}
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key)
    switch (r.op) {
      case 'in': case '=': case '==': return has && r.values.includes(l[r.key])
      case 'notin': case '!=': return !has || !r.values.includes(l[r.key])
      case 'exists': return has
      case '!': return !has
      case 'gt': case 'lt': {
        if (!has || !/^[-+]?\d+$/.test(l[r.key])) return false
        const v = Number(l[r.key]), want = Number(r.values[0])
        return r.op === 'gt' ? v > want : v < want
      }
    }
  })
}
