// The patch text as kubectl sends it (apimachinery util/yaml.ToJSON: text starting with `{` passes as is, anything
// else is YAML converted to JSON) and as the receiving side decodes it (encoding/json's errors, without offsets).

import { parseYamlValue } from '../manifest.ts'
import { decodeJsonStream, looksLikeJson } from '../json-stream.ts'

/** The decoded patch body, or the JSON syntax error its receiver reports (`invalid character 'x' ...`). */
export type PatchBody = { value: unknown } | { syntaxError: string }

/** yaml.ToJSON: the body, or the conversion error (kubectl prints `unable to parse "<-p>": <error>`). */
export function patchToJson(text: string): PatchBody | { yamlError: string } {
  if (looksLikeJson(text)) return decodeJson(text)
  const r = parseYamlValue(text)
  if ('error' in r) return { yamlError: r.error }
  return { value: r.value }
}

/** json.Unmarshal of one value: its error texts are the scanner's, without the Decoder's offset. */
export function decodeJson(text: string): PatchBody {
  const r = decodeJsonStream(text)
  if (r.error) {
    if (r.error === 'unexpected EOF') return { syntaxError: 'unexpected end of JSON input' }
    return { syntaxError: r.error.replace(/^json: offset \d+: /, '') }
  }
  if (r.values.length === 0) return { syntaxError: 'unexpected end of JSON input' }
  if (r.values.length > 1) {
    return { syntaxError: `invalid character '${afterFirstValue(text)}' after top-level value` }
  }
  return { value: r.values[0] }
}

/** The first character after the first complete JSON value of the text (the longest prefix that parses). */
function afterFirstValue(text: string): string {
  for (let i = text.length; i >= 1; i--) {
    try {
      JSON.parse(text.slice(0, i))
    } catch {
      continue
    }
    const rest = text.slice(i).trim()
    if (rest) return rest[0]
  }
  return ''
}
