// The API server's PATCH handler (apiserver endpoints/handlers/patch.go) over the lab's store: decode the body
// as the server does (field validation Warn, as kubectl patch leaves it unset), apply a JSON, merge or strategic
// merge patch to the current object, then the update path (strategy, validation, allocation) or the status/scale
// subresource. Errors carry the server's Status as kubectl prints it.

import { deepClone } from '../../../core/util/clone.ts'
import type { KubeObject } from '../../../core/api/types.ts'
import { qualifiedResource, type ResourceType } from '../../../core/api/kinds.ts'
import type { Cluster } from '../../../core/cluster/types.ts'
import { StatusError, newBadRequest, newInvalid, newNotFound } from '../../../core/apiserver/errors.ts'
import { decodeCheck } from '../../../core/api/schema.ts'
import { pruneUnknownFields } from '../../../core/api/prune.ts'
import { ServerError } from '../aggregate.ts'
import { goJson, jsonEqual } from '../lastapplied.ts'
import { applyJsonPatch, decodePatch, JsonPatchError, jsonTypeName, mergePatch } from './jsonpatch.ts'
import { strategicMergePatch, StrategicPatchError } from './strategic.ts'
import { schemaFor } from './patchmeta.ts'
import { goValue } from './gofmt.ts'
import type { PatchBody } from './input.ts'
import type { PatchType } from './local.ts'
import { scaleOf, SCALABLE } from './scale.ts'

export interface ServerPatchRequest {
  type: ResourceType
  namespace: string | undefined
  name: string
  patchType: PatchType
  body: PatchBody
  dryRun: boolean
  /** '' for the object itself; anything but status/scale is a 404 */
  subresource: string
}

export interface ServerPatchResult {
  /** what kubectl's GET returned before the patch (the object, or its Scale) */
  before: KubeObject
  /** what the PATCH returned */
  object: KubeObject
  /** `Warning: ...` lines (unknown fields dropped by the decoder) */
  warnings: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const GENERIC_422 = 'the server rejected our request due to an error in our request'
const NO_STATUS = new Set(['ConfigMap', 'Secret', 'Endpoints', 'Event', 'EndpointSlice', 'IngressClass'])

/** Does the API serve this subresource of the kind ('' is the object itself)? */
export function subresourceServed(kind: string, sub: string): boolean {
  if (sub === '') return true
  if (sub === 'scale') return SCALABLE.has(kind)
  return sub === 'status' && !NO_STATUS.has(kind)
}

/** kjson.UnmarshalStrict of a JSON patch into []jsonPatchOp (what Warn-mode validation runs first). */
function checkJsonPatchOps(v: unknown): void {
  const bad = (msg: string) => newBadRequest(`error decoding patch: json: cannot unmarshal ${msg}`)
  if (v === null) return
  if (!Array.isArray(v)) throw bad(`${jsonTypeName(v)} into Go value of type []handlers.jsonPatchOp`)
  for (const op of v) {
    if (op === null) continue
    if (!isObj(op)) throw bad(`${jsonTypeName(op)} into Go value of type handlers.jsonPatchOp`)
    for (const f of ['op', 'path', 'from']) {
      const x = op[f]
      if (x !== undefined && x !== null && typeof x !== 'string') throw bad(`${jsonTypeName(x)} into Go struct field jsonPatchOp.${f} of type string`)
    }
  }
}

/** The patched document, or the server's error for the body or the patch. */
function applyBody(current: KubeObject, kind: string, req: ServerPatchRequest): unknown {
  const body = req.body
  const doc = current as unknown as Obj
  switch (req.patchType) {
    case 'json': {
      if ('syntaxError' in body) throw newBadRequest(`error decoding patch: ${body.syntaxError}`)
      checkJsonPatchOps(body.value)
      let ops
      try {
        ops = decodePatch(body.value)
        return applyJsonPatch(doc, ops)
      } catch (e) {
        if (!(e instanceof JsonPatchError)) throw e
        if (e.stage === 'decode') throw newBadRequest(e.message)
        throw new ServerError(GENERIC_422, 'Invalid')
      }
    }
    case 'merge': {
      if ('syntaxError' in body) throw newBadRequest(`error decoding patch: ${body.syntaxError}`)
      const v = body.value
      if (v !== null && !isObj(v)) throw newBadRequest(`error decoding patch: json: cannot unmarshal ${jsonTypeName(v)} into Go value of type map[string]interface {}`)
      try {
        return mergePatch(doc, v)
      } catch (e) {
        if (e instanceof JsonPatchError) throw newBadRequest(e.message)
        throw e
      }
    }
    case 'strategic': {
      if ('syntaxError' in body) throw newBadRequest(body.syntaxError)
      const v = body.value
      if (v !== null && !isObj(v)) throw newBadRequest(`json: cannot unmarshal ${jsonTypeName(v)} into Go value of type map[string]interface {}`)
      try {
        return strategicMergePatch(doc, (v ?? {}) as Obj, schemaFor(kind))
      } catch (e) {
        if (!(e instanceof StrategicPatchError)) throw e
        if (e.badRequest) throw newBadRequest(e.message)
        throw new ServerError(e.message, '')
      }
    }
  }
}

/** The decoder's view of the patched document: type errors fail, unknown fields are dropped with a warning. */
function decodePatched(patched: unknown, req: ServerPatchRequest): { obj: KubeObject; warnings: string } {
  const shown = req.patchType === 'strategic' ? goValue(isObj((req.body as { value?: unknown }).value) ? (req.body as { value: unknown }).value : {}) : goJson(patched)
  if (!isObj(patched)) {
    throw new ServerError(`patch: Invalid value: ${JSON.stringify(shown)}: json: cannot unmarshal ${jsonTypeName(patched)} into Go value of type map[string]interface {}`, 'Invalid')
  }
  const r = decodeCheck(patched)
  if (r?.typeError) throw new ServerError(`patch: Invalid value: ${JSON.stringify(shown)}: ${r.typeError}`, 'Invalid')
  const warnings = (r?.unknown ?? []).map((f) => `Warning: unknown field "${f}"\n`).join('')
  return { obj: pruneUnknownFields(patched as unknown as KubeObject), warnings }
}

/** checkName / EnsureObjectNamespaceMatchesRequestNamespace, and the kind the URL names. */
function checkIdentity(obj: KubeObject, live: KubeObject, req: ServerPatchRequest): void {
  const md = (obj.metadata ??= { name: '' })
  if (md.name !== req.name) throw newBadRequest(`the name of the object (${md.name ?? ''}) does not match the name on the URL (${req.name})`)
  if (req.type.namespaced && md.namespace && md.namespace !== req.namespace) {
    throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request')
  }
  obj.kind = live.kind
  obj.apiVersion = live.apiVersion
}

/** PATCH on an object, its status or its scale. Throws StatusError / ServerError as the API server answers. */
export function serverPatch(cluster: Cluster, req: ServerPatchRequest): ServerPatchResult {
  const store = cluster.store
  const live = store.get(req.type.kind, req.namespace, req.name)
  if (!live) throw newNotFound(qualifiedResource(req.type), req.name)
  if (!subresourceServed(live.kind, req.subresource)) throw new StatusError('NotFound', 'the server could not find the requested resource')
  const opts = { cause: 'kubectl', dryRun: req.dryRun }
  if (req.subresource === 'scale') {
    const before = scaleOf(live)
    const patched = applyBody(before, 'Scale', req)
    const { obj, warnings } = decodePatched(patched, req)
    checkIdentity(obj, before, req)
    const replicas = (obj.spec as { replicas?: unknown } | undefined)?.replicas ?? 0
    if (typeof replicas !== 'number' || replicas < 0) {
      throw newInvalid('Scale', 'autoscaling', req.name, [{ type: 'Invalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }])
    }
    if (replicas === ((live.spec as { replicas?: number } | undefined)?.replicas ?? 1)) return { before, object: before, warnings }
    const next = deepClone(live)
    ;(next.spec as { replicas?: number }).replicas = replicas
    return { before, object: scaleOf(store.update(next, opts)), warnings }
  }
  const patched = applyBody(live, live.kind, req)
  const { obj, warnings } = decodePatched(patched, req)
  checkIdentity(obj, live, req)
  if (req.subresource === 'status') {
    if (jsonEqual(obj.status ?? null, live.status ?? null)) return { before: live, object: live, warnings }
    if (req.dryRun) return { before: live, object: { ...live, status: obj.status }, warnings }
    const saved = store.updateStatus(live.kind, req.namespace, req.name, obj.status, 'kubectl') ?? live
    return { before: live, object: saved, warnings }
  }
  // an update that changes nothing is not written (GuaranteedUpdate's no-op short cut)
  if (jsonEqual(obj, live)) return { before: live, object: live, warnings }
  const saved = store.update(obj, opts)
  return { before: live, object: jsonEqual({ ...saved, metadata: { ...saved.metadata, resourceVersion: live.metadata.resourceVersion } }, live) ? live : saved, warnings }
}
