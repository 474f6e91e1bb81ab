import { describe, it, expect } from 'vitest'
import { decodeJsonStream, looksLikeJson } from './json-stream.ts'

// expected texts captured from kubectl v1.32.4 (`kubectl apply -f X.json`: `error parsing X.json: <this>`)
describe('decodeJsonStream (Go encoding/json Decoder)', () => {
  const cases: [string, string][] = [
    ['{"apiVersion": "v1", "kind": "ConfigMap",\n', 'unexpected EOF'],
    ['{"apiVersion": "v1" "kind": "ConfigMap"}\n', `json: offset 21: invalid character '"' after object key:value pair`],
    ['  {"apiVersion": v1}\n', "json: offset 18: invalid character 'v' looking for beginning of value"],
    ['{"apiVersion": "v1",\n "kind": 3, }\n', "json: offset 34: invalid character '}' looking for beginning of object key string"],
    ['{"a": "\\x"}', "json: offset 9: invalid character 'x' in string escape code"],
    ['{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a"}}\n---\n', "json: offset 65: invalid character '-' in numeric literal"],
    ['{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": tru}}', "json: offset 87: invalid character '}' in literal true (expecting 'e')"],
    ['{"a":1,}', "json: offset 8: invalid character '}' looking for beginning of object key string"],
    ['{"a":[1,]}', "json: offset 9: invalid character ']' looking for beginning of value"],
    ['{"a":"b\nc"}', "json: offset 8: invalid character '\\n' in string literal"],
    ['{"a" 1}', "json: offset 6: invalid character '1' after object key"],
    ['{"a":01}', "json: offset 7: invalid character '1' after object key:value pair"],
    ['{"a":-}', "json: offset 7: invalid character '}' in numeric literal"],
    ['{1:2}', "json: offset 2: invalid character '1' looking for beginning of object key string"],
    ['{"a":[1 2]}', "json: offset 9: invalid character '2' after array element"],
    ['{"a":1.}', "json: offset 8: invalid character '}' after decimal point in numeric literal"],
    ['{"a":1e}', "json: offset 8: invalid character '}' in exponent of numeric literal"],
    ['{"a":"\\u12x4"}', "json: offset 11: invalid character 'x' in \\u hexadecimal character escape"],
    ["{'a':1}", "json: offset 2: invalid character '\\'' looking for beginning of object key string"],
    ['{"a":[1,2', 'unexpected EOF'],
    ['{"a":1', 'unexpected EOF'],
  ]
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => expect(decodeJsonStream(input).error).toBe(want))
  }
  it('decodes every value of a stream, whitespace around them', () => {
    const r = decodeJsonStream(' {"a":1}\n{"b":[true,null,"x",-1.5e3]} \n')
    expect(r).toEqual({ values: [{ a: 1 }, { b: [true, null, 'x', -1500] }] })
  })
  it('keeps the values before an error', () => {
    const r = decodeJsonStream('{"a":1} xx')
    expect(r).toEqual({ values: [{ a: 1 }], error: "json: offset 9: invalid character 'x' looking for beginning of value" })
  })
  it('sniffs JSON by a leading {', () => {
    expect(looksLikeJson('\n  {"a":1}')).toBe(true)
    expect(looksLikeJson('[1]')).toBe(false)
    expect(looksLikeJson('a: {}')).toBe(false)
  })
})
