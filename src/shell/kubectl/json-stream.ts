// Go's encoding/json Decoder over a stream of JSON values (what apimachinery's YAMLOrJSONDecoder uses for input
// that starts with `{`): the values one by one, and Go's errors (`json: offset 21: invalid character '"' after
// object key:value pair`, `unexpected EOF`) with the scanner's wording and byte offsets.

export interface JsonStreamResult {
  /** the values decoded before any error, in order */
  values: unknown[]
  /** the error text as Go prints it, after the last good value */
  error?: string
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r'
const isDigit = (c: string): boolean => c >= '0' && c <= '9'
const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c)

/** Go's quoteChar: the byte between single quotes, a quote or a control character escaped as strconv.Quote does. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`
  if (c === '"') return `'"'`
  const code = c.codePointAt(0)!
  const named: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r' }
  if (named[code]) return `'\\${named[code]}'`
  if (c === '\\') return `'\\\\'`
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`
  return `'${c}'`
}

class GoSyntaxError extends Error {}

type Ctx = 'objKey' | 'objValue' | 'array'

/**
 * Scans one value starting at `pos` (leading whitespace allowed). Returns the end index (exclusive), or throws
 * GoSyntaxError with Go's message, or returns -1 at an unexpected end of input. Offsets count UTF-16 units; the
 * manifests the lab reads are ASCII where it matters.
 */
function scanValue(s: string, start: number): number {
  let i = start
  const stack: Ctx[] = []
  const err = (at: number, context: string): never => {
    throw new GoSyntaxError(`json: offset ${at + 1}: invalid character ${quoteChar(s[at])} ${context}`)
  }
  /** after a complete value: `,` `:` `]` `}` per the enclosing context; returns true when the top value ends */
  const endValue = (): boolean => {
    for (;;) {
      if (stack.length === 0) return true
      while (i < s.length && isSpace(s[i])) i++
      if (i >= s.length) return false
      const c = s[i], top = stack[stack.length - 1]
      if (top === 'objKey') {
        if (c === ':') { stack[stack.length - 1] = 'objValue'; i++; return false }
        return err(i, 'after object key')
      }
      if (top === 'objValue') {
        if (c === ',') { stack[stack.length - 1] = 'objKey'; i++; beginString(); return false }
        if (c === '}') { stack.pop(); i++; continue }
        return err(i, 'after object key:value pair')
      }
      if (c === ',') { i++; return false }
      if (c === ']') { stack.pop(); i++; continue }
      return err(i, 'after array element')
    }
  }
  /** an object key must follow: whitespace then `"` */
  let needKey = false
  const beginString = (): void => { needKey = true }
  const str = (): boolean => { // at the opening quote; returns false at EOF
    i++
    for (;;) {
      if (i >= s.length) return false
      const c = s[i]
      if (c === '"') { i++; return true }
      if (c === '\\') {
        i++
        if (i >= s.length) return false
        const e = s[i]
        if ('bfnrt\\/"'.includes(e)) { i++; continue }
        if (e !== 'u') err(i, 'in string escape code')
        i++
        for (let k = 0; k < 4; k++, i++) {
          if (i >= s.length) return false
          if (!isHex(s[i])) err(i, 'in \\u hexadecimal character escape')
        }
        continue
      }
      if (c < ' ') err(i, 'in string literal')
      i++
    }
  }
  const literal = (word: string): boolean => {
    i++
    for (let k = 1; k < word.length; k++, i++) {
      if (i >= s.length) return false
      if (s[i] !== word[k]) err(i, `in literal ${word} (expecting ${quoteChar(word[k])})`)
    }
    return true
  }
  /** a number; at end of input the number is complete only at the top level */
  const num = (): boolean => {
    if (s[i] === '-') {
      i++
      if (i >= s.length) return false
      if (!isDigit(s[i])) err(i, 'in numeric literal')
    }
    if (s[i] === '0') i++
    else while (i < s.length && isDigit(s[i])) i++
    if (i < s.length && s[i] === '.') {
      i++
      if (i >= s.length) return false
      if (!isDigit(s[i])) err(i, 'after decimal point in numeric literal')
      while (i < s.length && isDigit(s[i])) i++
    }
    if (i < s.length && (s[i] === 'e' || s[i] === 'E')) {
      i++
      if (i < s.length && (s[i] === '+' || s[i] === '-')) i++
      if (i >= s.length) return false
      if (!isDigit(s[i])) err(i, 'in exponent of numeric literal')
      while (i < s.length && isDigit(s[i])) i++
    }
    return true
  }
  for (;;) {
    while (i < s.length && isSpace(s[i])) i++
    if (i >= s.length) return -1
    const c = s[i]
    if (needKey) {
      if (c !== '"') err(i, 'looking for beginning of object key string')
      needKey = false
      if (!str()) return -1
      if (endValue()) return i
      continue
    }
    if (c === '{') {
      i++
      while (i < s.length && isSpace(s[i])) i++
      if (i >= s.length) return -1
      if (s[i] === '}') { i++; if (endValue()) return i; continue }
      if (s[i] !== '"') err(i, 'looking for beginning of object key string')
      stack.push('objKey')
      if (!str()) return -1
      if (endValue()) return i
      continue
    }
    if (c === '[') {
      i++
      while (i < s.length && isSpace(s[i])) i++
      if (i >= s.length) return -1
      if (s[i] === ']') { i++; if (endValue()) return i; continue }
      stack.push('array')
      continue
    }
    let ok: boolean
    if (c === '"') ok = str()
    else if (c === '-' || isDigit(c)) {
      ok = num()
      if (ok && i >= s.length && stack.length) return -1
    } else if (c === 't') ok = literal('true')
    else if (c === 'f') ok = literal('false')
    else if (c === 'n') ok = literal('null')
    else return err(i, 'looking for beginning of value')
    if (!ok) return -1
    if (endValue()) return i
  }
}

/** json.Decoder.Decode in a loop until io.EOF: every value of the stream, or the first error. */
export function decodeJsonStream(text: string): JsonStreamResult {
  const values: unknown[] = []
  let pos = 0
  for (;;) {
    while (pos < text.length && isSpace(text[pos])) pos++
    if (pos >= text.length) return { values }
    let end: number
    try {
      end = scanValue(text, pos)
    } catch (e) {
      if (e instanceof GoSyntaxError) return { values, error: e.message }
      throw e
    }
    if (end < 0) return { values, error: 'unexpected EOF' }
    values.push(JSON.parse(text.slice(pos, end)))
    pos = end
  }
}

/** apimachinery's IsJSONBuffer: the stream is JSON when its first non-space character is `{`. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text)
}
