// Strategic merge patch (apimachinery pkg/util/strategicpatch StrategicMergeMapPatch, as the API server and
// `kubectl patch --local` apply it): maps merge, null deletes, lists merge by their patchMergeKey or are replaced,
// the directives $patch (replace/delete/merge), $retainKeys, $deleteFromPrimitiveList/ and $setElementOrder/,
// the resulting list order, and the library's error texts.

import { deepClone } from '../../../core/util/clone.ts'
import type { FieldMeta, Schema } from './patchmeta.ts'
import { goValue } from './gofmt.ts'

type Json = unknown
type Obj = Record<string, Json>

/** An error of the strategicpatch library; `badRequest` marks the ones the API server answers with 400. */
export class StrategicPatchError extends Error {
  constructor(message: string, readonly badRequest = false) {
    super(message)
  }
}

const DIRECTIVE = '$patch'
const RETAIN_KEYS = '$retainKeys'
const DELETE_PREFIX = '$deleteFromPrimitiveList/'
const ORDER_PREFIX = '$setElementOrder/'

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const noMergeKey = (m: Obj, key: string) => new StrategicPatchError(`map: ${goValue(m)} does not contain declared merge key: ${key}`)
const badPatchType = (t: Json, m: Obj) => new StrategicPatchError(`unknown patch type: ${goValue(t)} in map: ${goValue(m)}`)

function discardNulls(v: Json): void {
  if (isObj(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k]
      else discardNulls(v[k])
    }
  } else if (Array.isArray(v)) v.forEach(discardNulls)
}

function sameValue(a: Json, b: Json): boolean {
  if (isObj(a) || Array.isArray(a) || isObj(b) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b)
  return a === b
}

/** index(): the position of an item in a list (by merge key for maps), or -1. */
function indexOf(list: Json[], item: Json, key: string | undefined): number {
  if (key && isObj(item)) return list.findIndex((x) => isObj(x) && sameValue(x[key], item[key]))
  return list.findIndex((x) => sameValue(x, item))
}

function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!(RETAIN_KEYS in patch)) return
  const list = patch[RETAIN_KEYS]
  delete patch[RETAIN_KEYS]
  if (!Array.isArray(list)) throw new StrategicPatchError('invalid patch format of retainKeys', true)
  const keep = new Set(list.map((x) => String(x)))
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PREFIX) || k.startsWith(ORDER_PREFIX)) continue
    if (!keep.has(k)) throw new StrategicPatchError('invalid patch format of retainKeys', true)
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k]
}

/** mergeMap: the patched map (the original is changed in place). */
export function mergeMap(original: Obj | undefined, patch: Obj, schema: Schema): Obj {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE]
    if (d === 'replace') {
      const out = { ...patch }
      delete out[DIRECTIVE]
      return out
    }
    if (d === 'delete') return {}
    throw badPatchType(d, patch)
  }
  const orig = original ?? {}
  applyRetainKeys(orig, patch)
  const orders = new Map<string, Json[]>()
  for (const k of Object.keys(patch)) {
    if (!k.startsWith(ORDER_PREFIX)) continue
    const v = patch[k]
    if (Array.isArray(v)) orders.set(k.slice(ORDER_PREFIX.length), v)
    delete patch[k]
  }
  for (const [rawKey, patchV] of Object.entries(patch)) {
    let k = rawKey
    const isDeleteList = k.startsWith(DELETE_PREFIX)
    if (isDeleteList) k = k.slice(DELETE_PREFIX.length)
    if (patchV === null) {
      delete orig[k]
      continue
    }
    if (!(k in orig)) {
      if (!isDeleteList) {
        discardNulls(patchV)
        orig[k] = patchV
      }
      continue
    }
    const cur = orig[k]
    const kindOf = (v: Json) => (Array.isArray(v) ? 'slice' : isObj(v) ? 'map' : v === null ? 'nil' : typeof v)
    if (kindOf(cur) !== kindOf(patchV)) {
      if (!isDeleteList) {
        discardNulls(patchV)
        orig[k] = patchV
      }
      continue
    }
    const meta: FieldMeta = schema[k] ?? {}
    const strategy = meta.strategy?.split(',').filter((s) => s !== 'retainKeys')[0]
    if (isObj(cur)) orig[k] = mergeMap(cur, patchV as Obj, meta.sub ?? {})
    else if (Array.isArray(cur)) {
      orig[k] = strategy === 'merge' || isDeleteList
        ? mergeSlice(cur, patchV as Json[], meta, isDeleteList)
        : patchV
    } else orig[k] = patchV
  }
  for (const [k, order] of orders) {
    const list = orig[k]
    if (Array.isArray(list)) orig[k] = applyOrder(list, order, schema[k]?.key)
  }
  return orig
}

/** $setElementOrder: the listed items first, in the given order, then the rest as they were. */
function applyOrder(list: Json[], order: Json[], key: string | undefined): Json[] {
  const pos = (x: Json) => order.findIndex((o) => (key && isObj(o) && isObj(x) ? sameValue(o[key], x[key]) : sameValue(o, x)))
  const inOrder = list.filter((x) => pos(x) >= 0).sort((a, b) => pos(a) - pos(b))
  return [...inOrder, ...list.filter((x) => pos(x) < 0)]
}

function mergeSlice(original: Json[], patch: Json[], meta: FieldMeta, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original
  const key = meta.key
  const mapItems = [...original, ...patch].some(isObj)
  if (!mapItems) {
    if (isDeleteList) return original.filter((x) => !patch.some((p) => sameValue(p, x)))
    const merged: Json[] = []
    for (const x of [...original, ...patch]) if (!merged.some((m) => sameValue(m, x))) merged.push(x)
    return order(merged, patch, original, undefined)
  }
  if (!key) throw new StrategicPatchError('cannot merge lists without merge key')
  let orig = original.slice()
  let rest: Json[] = []
  let replace = false
  for (const v of patch) {
    const item = v as Obj
    if (!isObj(item) || !(DIRECTIVE in item)) {
      rest.push(v)
      continue
    }
    const d = item[DIRECTIVE]
    if (d === 'delete') {
      if (!(key in item)) throw noMergeKey(item, key)
      orig = orig.filter((x) => !(isObj(x) && sameValue(x[key], item[key])))
    } else if (d === 'replace') replace = true
    else if (d === 'merge') throw new StrategicPatchError('merging lists cannot yet be specified in the patch')
    else throw badPatchType(d, item)
  }
  if (replace) {
    orig = rest
    rest = []
  }
  const serverOrder = orig.slice()
  const merged = orig.slice()
  for (const v of rest) {
    const item = v as Obj
    if (!isObj(item) || !(key in item)) throw noMergeKey(isObj(item) ? item : {}, key)
    const i = merged.findIndex((x) => isObj(x) && sameValue(x[key], item[key]))
    if (i < 0) {
      merged.push(v)
      continue
    }
    merged[i] = mergeMap(merged[i] as Obj, item, meta.sub ?? {})
    if (i < serverOrder.length) serverOrder[i] = merged[i]
  }
  for (const x of [...merged, ...rest]) if (!isObj(x) || !(key in x)) throw noMergeKey(isObj(x) ? x : {}, key)
  return order(merged, rest, serverOrder, key)
}

/**
 * normalizeElementOrder + mergeSortedSlice: the patch's items in patch order and the server-only items in server
 * order, merged so that two items both known to the server keep the server's order; otherwise the patch item first.
 */
function order(merged: Json[], patch: Json[], serverOrder: Json[], key: string | undefined): Json[] {
  const inPatch = (x: Json) => indexOf(patch, x, key) >= 0
  const patchItems = merged.filter(inPatch).sort((a, b) => indexOf(patch, a, key) - indexOf(patch, b, key))
  const serverOnly = merged.filter((x) => !inPatch(x)).sort((a, b) => indexOf(serverOrder, a, key) - indexOf(serverOrder, b, key))
  const out: Json[] = []
  let i = 0, j = 0
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) out.push(serverOnly[i++])
    else if (i >= serverOnly.length) out.push(patchItems[j++])
    else {
      const li = indexOf(serverOrder, serverOnly[i], key), ri = indexOf(serverOrder, patchItems[j], key)
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++])
      else out.push(patchItems[j++])
    }
  }
  return out
}

/** StrategicMergePatch of a whole object: a new object; throws StrategicPatchError with the library's text. */
export function strategicMergePatch(original: Obj, patch: Obj, schema: Schema): Obj {
  return mergeMap(deepClone(original), deepClone(patch), schema)
}
