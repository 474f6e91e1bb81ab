// The API server's decode errors for a submitted object (apimachinery runtime/serializer, strict field
// validation as kubectl requests it by default): JSON type errors and `strict decoding error: unknown field`.

import type { KubeObject } from '../../api/types.ts'
import { decodeCheck } from '../../api/schema.ts'
import { StatusError } from '../errors.ts'

export interface DecodeErrorOptions {
  /** kubectl's verb for the wrapping (`creating`, `replacing`, `patching` ...); with `source`, the message gains `error when <op> "<source>": ` as kubectl prints it */
  operation?: string
  /** the file name as kubectl reports it (`x.yaml`, `STDIN`) */
  source?: string
}

/** The decoder's text: `json: cannot unmarshal ...` or `strict decoding error: unknown field "a", unknown field "b"`. */
export function decodeErrorText(obj: unknown): string | undefined {
  const r = decodeCheck(obj)
  if (!r) return undefined
  if (r.typeError) return r.typeError
  if (r.unknown.length) return 'strict decoding error: ' + r.unknown.map((p) => `unknown field "${p}"`).join(', ')
  return undefined
}

/**
 * The BadRequest the API server returns for an object it cannot decode strictly, or undefined when it decodes:
 * `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"`.
 * kubectl then prints `Error from server (BadRequest): error when creating "x.yaml": <message>`.
 */
export function strictDecodingError(obj: KubeObject, opts: DecodeErrorOptions = {}): StatusError | undefined {
  const text = decodeErrorText(obj)
  if (!text) return undefined
  const version = String(obj.apiVersion ?? '').split('/').pop() ?? ''
  let msg = `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${text}`
  if (opts.source !== undefined) msg = `error when ${opts.operation ?? 'creating'} "${opts.source}": ${msg}`
  return new StatusError('BadRequest', msg)
}
