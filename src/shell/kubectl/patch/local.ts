// kubectl patch's client-side application (pkg/cmd/patch getPatchedJSON), used by --local and --dry-run=client:
// the same libraries as the server, with kubectl's own error texts (`error: ...`, `Object to be patched is
// missing field (...)`, `invalid JSON document`).

import type { KubeObject } from '../../../core/api/types.ts'
import { CliError } from '../aggregate.ts'
import { applyJsonPatch, decodePatch, JsonPatchError, jsonTypeName, mergePatch } from './jsonpatch.ts'
import { strategicMergePatch, StrategicPatchError } from './strategic.ts'
import { schemaFor } from './patchmeta.ts'
import type { PatchBody } from './input.ts'

export type PatchType = 'json' | 'merge' | 'strategic'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** runtime.Decode with the unstructured scheme: only an object decodes. */
function asObject(v: unknown): KubeObject {
  if (!isObj(v)) throw new CliError(`json: cannot unmarshal ${jsonTypeName(v)} into Go value of type unstructured.detector`)
  return v as unknown as KubeObject
}

/** The object with the patch applied as kubectl applies it locally; CliError with kubectl's text on failure. */
export function localPatch(obj: KubeObject, type: PatchType, body: PatchBody): KubeObject {
  const doc = obj as unknown as Obj
  switch (type) {
    case 'json': {
      if ('syntaxError' in body) throw new CliError(body.syntaxError)
      try {
        return asObject(applyJsonPatch(doc, decodePatch(body.value)))
      } catch (e) {
        if (!(e instanceof JsonPatchError)) throw e
        const i = e.message.indexOf('doc is missing key')
        if (i >= 0) {
          const k = e.message.indexOf('key:', i)
          throw new CliError(`Object to be patched is missing field (${e.message.slice(k + 5)})`)
        }
        throw new CliError(e.message)
      }
    }
    case 'merge': {
      if ('syntaxError' in body) throw new CliError('Invalid JSON Patch')
      try {
        return asObject(mergePatch(doc, body.value))
      } catch (e) {
        if (e instanceof JsonPatchError) throw new CliError(e.message)
        throw e
      }
    }
    case 'strategic': {
      if ('syntaxError' in body || (body.value !== null && !isObj(body.value))) throw new CliError('invalid JSON document')
      try {
        return asObject(strategicMergePatch(doc, (body.value ?? {}) as Obj, schemaFor(obj.kind)))
      } catch (e) {
        if (e instanceof StrategicPatchError) throw new CliError(e.message)
        throw e
      }
    }
  }
}
