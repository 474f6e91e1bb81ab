// Server-side field validation as kubectl v1.32 requests it (--validate=strict by default): the API server's
// decode check (src/core/api/schema.ts) turns unknown fields into a BadRequest, or warnings with --validate=warn.
// JSON type errors (`json: cannot unmarshal ...`) fail in every mode.

import type { KubeObject } from '../../core/api/types.ts'
import { decodeCheck } from '../../core/api/schema.ts'
import { strictDecodingError } from '../../core/apiserver/validation/decode.ts'

export type Validation = 'Strict' | 'Warn' | 'Ignore'

/** Throws the API server's BadRequest (without kubectl's source wrapping); returns `Warning:` lines for `warn`. */
export function strictCheck(obj: KubeObject, mode: Validation): string {
  const r = decodeCheck(obj)
  if (!r) return ''
  if (r.typeError || (mode === 'Strict' && r.unknown.length)) {
    const e = strictDecodingError(obj)
    if (e) throw e
  }
  if (mode === 'Warn') return r.unknown.map((f) => `Warning: unknown field "${f}"\n`).join('')
  return ''
}
