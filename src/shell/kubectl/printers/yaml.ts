// YAML as kubectl -o yaml prints it: sigs.k8s.io/yaml (JSON -> go-yaml v2). Keys in go-yaml's order,
// sequences not indented under their key, strings plain when go-yaml would read them back as strings,
// double-quoted when they would resolve to another type, single-quoted when plain style is not allowed,
// literal blocks for multi-line text. Long lines are not folded.

import { byteCompare } from './json.ts'

const isLetter = (c: string): boolean => /\p{L}/u.test(c)
const isDigit = (c: string): boolean => c >= '0' && c <= '9'

/** go-yaml v2 keyList.Less: letters after non-letters, digit runs compared as numbers. */
export function goYamlKeyCompare(a: string, b: string): number {
  const ar = [...a], br = [...b]
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue
    const al = isLetter(ar[i]), bl = isLetter(br[i])
    if (al && bl) return byteCompare(ar[i], br[i])
    if (al || bl) return bl ? -1 : 1
    let an = 0, bn = 0
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1
          bn = 1
          break
        }
      }
    }
    let ai = i, bi = i
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai])
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi])
    if (an !== bn) return an < bn ? -1 : 1
    if (ai !== bi) return ai < bi ? -1 : 1
    return byteCompare(ar[i], br[i])
  }
  return ar.length - br.length
}

const NON_STRING_WORDS = new Set([
  '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE',
  'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF',
  '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
])
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
const INT = /^[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$/
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/

/** Would go-yaml v2 resolve this plain scalar to something other than a string? */
export function resolvesToNonString(s: string): boolean {
  if (s === '' || NON_STRING_WORDS.has(s)) return true
  if (!/^[-+.0-9]/.test(s)) return false
  const plain = s.replace(/_/g, '')
  return INT.test(plain) || FLOAT.test(plain) || BASE60.test(s) || TIMESTAMP.test(s) || /^-0b[01]+$/.test(plain)
}

/** libyaml's analysis: may this scalar be written plain in block context (as a value or a simple key)? */
function plainAllowed(s: string, isKey: boolean): boolean {
  if (s === '') return false
  if (s.startsWith('---') || s.startsWith('...')) return false
  if (/^[\s]/.test(s) || /\s$/.test(s)) return false
  if (/[\n\r]/.test(s)) return false
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(s)) return false
  const first = s[0]
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false
  if ((first === '?' || first === ':' || first === '-') && (s.length === 1 || /\s/.test(s[1]))) return false
  if (/: /.test(s) || s.endsWith(':')) return false
  if (/ #/.test(s)) return false
  if (isKey && s.length > 128) return false
  return true
}

function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

function doubleQuoted(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0')
    else out += ch
  }
  return out + '"'
}

const SPECIAL = /[\x00-\x09\x0b-\x1f\x7f]/

function scalarText(s: string, isKey: boolean): string {
  if (resolvesToNonString(s) || SPECIAL.test(s)) return doubleQuoted(s)
  if (plainAllowed(s, isKey)) return s
  if (s.includes('\n')) return doubleQuoted(s)
  return singleQuoted(s)
}

/** libyaml refuses block scalars with a space before a line break, a trailing space or special characters. */
function literalAllowed(s: string): boolean {
  return !/ \n/.test(s) && !/ $/.test(s) && !SPECIAL.test(s)
}

function literalBlock(s: string, indent: number): string {
  const trailing = s.match(/\n*$/)![0].length
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+'
  const hint = s.startsWith(' ') ? '2' : ''
  const body = trailing ? s.slice(0, s.length - (trailing === 1 ? 1 : 0)) : s
  const pad = ' '.repeat(indent)
  const lines = body.split('\n')
  if (trailing > 1) lines.pop()
  return `|${hint}${chomp}\n` + lines.map((l) => (l === '' ? '' : pad + l)).join('\n') + '\n'
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v)
  return scalarText(String(v), false)
}

function goFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf'
  const abs = Math.abs(v)
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')
  return String(v)
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

function entries(m: Record<string, unknown>): [string, unknown][] {
  return Object.keys(m).filter((k) => m[k] !== undefined).sort(goYamlKeyCompare).map((k) => [k, m[k]])
}

/** A value after `key:` or `- `: inline scalars/empties, or a nested block on the next lines. */
function emitMap(m: Record<string, unknown>, indent: number): string {
  let out = ''
  const pad = ' '.repeat(indent)
  for (const [k, v] of entries(m)) {
    const key = scalarText(k, true)
    out += pad + key + ':' + valueAfter(v, indent, true)
  }
  return out
}

function emitSeq(a: unknown[], indent: number): string {
  let out = ''
  const pad = ' '.repeat(indent)
  for (const v of a) {
    if (isMap(v) && entries(v).length) {
      const inner = emitMap(v, indent + 2)
      out += pad + '- ' + inner.slice(indent + 2)
    } else if (Array.isArray(v) && v.length) {
      const inner = emitSeq(v, indent + 2)
      out += pad + '- ' + inner.slice(indent + 2)
    } else out += pad + '-' + valueAfter(v, indent, false)
  }
  return out
}

function valueAfter(v: unknown, indent: number, inMap: boolean): string {
  if (isMap(v)) return entries(v).length ? '\n' + emitMap(v, indent + 2) : ' {}\n'
  if (Array.isArray(v)) return v.length ? '\n' + emitSeq(v, inMap ? indent : indent + 2) : ' []\n'
  if (typeof v === 'string' && v.includes('\n') && !resolvesToNonString(v) && literalAllowed(v)) {
    return ' ' + literalBlock(v, indent + 2)
  }
  return ' ' + scalar(v) + '\n'
}

/** yaml.Marshal of a JSON-like value (objects, arrays, scalars). */
export function toYaml(v: unknown): string {
  if (isMap(v)) return entries(v).length ? emitMap(v, 0) : '{}\n'
  if (Array.isArray(v)) return v.length ? emitSeq(v, 0) : '[]\n'
  return scalar(v) + '\n'
}
