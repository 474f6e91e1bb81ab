// RFC 6902 JSON patch and RFC 7386 JSON merge patch with the behaviour and error texts of
// gopkg.in/evanphx/json-patch.v4 (what kubectl v1.32 and the API server use): pkg/errors wrapping
// (`...: missing value`), a `replace` of a missing object key acts as `add`, negative array indices.

import { deepClone } from '../../../core/util/clone.ts'
/** An error of the json-patch library, with its exact Error() text. */
export class JsonPatchError extends Error {
  /** `decode`: the patch is not a list of operations (the server answers BadRequest); `apply`: an operation failed */
  constructor(message: string, readonly stage: 'decode' | 'apply') {
    super(message)
  }
}

type Json = unknown
type Obj = Record<string, Json>
type Op = Record<string, Json> | null

const MISSING = 'missing value'
const INVALID_INDEX = 'invalid index referenced'
const TEST_FAILED = 'test failed'

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Go's json type names in UnmarshalTypeError: `object`, `array`, `string`, `number`, `bool`. */
export function jsonTypeName(v: Json): string {
  if (Array.isArray(v)) return 'array'
  if (v === null) return 'null'
  if (typeof v === 'object') return 'object'
  if (typeof v === 'boolean') return 'bool'
  return typeof v
}

/** strconv.Atoi: the index, or the error text. */
function atoi(key: string): number | string {
  if (!/^[+-]?\d+$/.test(key)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`
  const n = parseInt(key, 10)
  if (!Number.isSafeInteger(n)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`
  return n
}

const decodeKey = (k: string): string => k.replace(/~1/g, '/').replace(/~0/g, '~')

class Fail extends Error {}
const fail = (msg: string): never => {
  throw new Fail(msg)
}

type Container = Obj | Json[]

/** container.get: an object's member (undefined when absent), or an array element (error text when out of range). */
function get(c: Container, key: string): Json {
  if (!Array.isArray(c)) return Object.prototype.hasOwnProperty.call(c, key) ? c[key] : undefined
  const i = atoi(key)
  if (typeof i === 'string') fail(i)
  if ((i as number) >= c.length || (i as number) < 0) fail(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`)
  return c[i as number]
}

function add(c: Container, key: string, val: Json): void {
  if (!Array.isArray(c)) {
    c[key] = val
    return
  }
  if (key === '-') {
    c.push(val)
    return
  }
  const r = atoi(key)
  if (typeof r === 'string') fail(`value was not a proper array index: '${key}': ${r}`)
  let i = r as number
  const size = c.length + 1
  if (i >= size || i < -size) fail(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`)
  if (i < 0) i += size
  c.splice(i, 0, val)
}

function remove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!Object.prototype.hasOwnProperty.call(c, key)) fail(`Unable to remove nonexistent key: ${key}: ${MISSING}`)
    delete c[key]
    return
  }
  const r = atoi(key)
  if (typeof r === 'string') fail(r)
  let i = r as number
  if (i >= c.length || i < -c.length) fail(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`)
  if (i < 0) i += c.length
  c.splice(i, 1)
}

function set(c: Container, key: string, val: Json): void {
  if (Array.isArray(c)) c[atoi(key) as number] = val
  else c[key] = val
}

/** findObject: the container holding the last path segment, or undefined (a missing or scalar parent). */
function findObject(doc: Obj, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/')
  if (split.length < 2) return undefined
  let con: Container = doc
  for (const part of split.slice(1, -1)) {
    let next: Json
    try {
      next = get(con, decodeKey(part))
    } catch {
      return undefined
    }
    if (next === null || next === undefined || typeof next !== 'object') return undefined
    con = next as Container
  }
  return { con, key: decodeKey(split[split.length - 1]) }
}

/** Operation.Path()/From(): the string, or the error text. */
function field(op: Obj, name: 'path' | 'from'): string | { err: string } {
  const v = op[name]
  if (v === undefined || v === null) return { err: name === 'path' ? `operation missing path field: ${MISSING}` : `operation, missing from field: ${MISSING}` }
  if (typeof v !== 'string') return { err: `json: cannot unmarshal ${jsonTypeName(v)} into Go value of type string` }
  return v
}

const value = (op: Obj): Json => (op.value === undefined ? null : deepClone(op.value))

/** lazyNode.equal as the library has it: an object only checks its own keys against the other's. */
function equal(n: Json, o: Json): boolean {
  if (isObj(n)) {
    if (!isObj(o)) return false
    return Object.keys(n).every((k) => Object.prototype.hasOwnProperty.call(o, k) && ((n[k] === null && o[k] === null) || (n[k] !== null && o[k] !== null && equal(n[k], o[k]))))
  }
  if (Array.isArray(n)) return Array.isArray(o) && n.length === o.length && n.every((x, i) => equal(x, o[i]))
  return !isObj(o) && !Array.isArray(o) && JSON.stringify(n) === JSON.stringify(o)
}

function applyOp(doc: Obj, op: Obj, kind: string): void {
  const path = field(op, 'path')
  switch (kind) {
    case 'add': {
      if (typeof path !== 'string') fail(`add operation failed to decode path: ${MISSING}`)
      const f = findObject(doc, path as string) ?? fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`)
      try { add(f.con, f.key, value(op)) } catch (e) { fail(`error in add for path: '${path}': ${(e as Error).message}`) }
      return
    }
    case 'remove': {
      if (typeof path !== 'string') fail(`remove operation failed to decode path: ${MISSING}`)
      const f = findObject(doc, path as string) ?? fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`)
      try { remove(f.con, f.key) } catch (e) { fail(`error in remove for path: '${path}': ${(e as Error).message}`) }
      return
    }
    case 'replace': {
      if (typeof path !== 'string') fail(`replace operation failed to decode path: ${path.err}`)
      const f = findObject(doc, path as string) ?? fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`)
      try { get(f.con, f.key) } catch { fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`) }
      set(f.con, f.key, value(op))
      return
    }
    case 'move': {
      const from = field(op, 'from')
      if (typeof from !== 'string') fail(`move operation failed to decode from: ${from.err}`)
      const src = findObject(doc, from as string) ?? fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`)
      let val: Json
      try {
        val = get(src.con, src.key)
        remove(src.con, src.key)
      } catch (e) { return fail(`error in move for path: '${src.key}': ${(e as Error).message}`) }
      if (typeof path !== 'string') fail(`move operation failed to decode path: ${path.err}`)
      const dst = findObject(doc, path as string) ?? fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`)
      try { add(dst.con, dst.key, val ?? null) } catch (e) { fail(`error in move for path: '${path}': ${(e as Error).message}`) }
      return
    }
    case 'test': {
      if (typeof path !== 'string') fail(`test operation failed to decode path: ${path.err}`)
      const f = findObject(doc, path as string) ?? fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`)
      let val: Json
      try { val = get(f.con, f.key) } catch (e) { return fail(`error in test for path: '${path}': ${(e as Error).message}`) }
      const want = op.value
      if (val === undefined || val === null) {
        if (want === null) return
      } else if (want !== undefined && want !== null && equal(val, want)) return
      fail(`testing value ${path} failed: ${TEST_FAILED}`)
      return
    }
    case 'copy': {
      const from = field(op, 'from')
      if (typeof from !== 'string') fail(`copy operation failed to decode from: ${from.err}`)
      const src = findObject(doc, from as string) ?? fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`)
      let val: Json
      try { val = get(src.con, src.key) } catch (e) { return fail(`error in copy for from: '${from}': ${(e as Error).message}`) }
      if (typeof path !== 'string') fail(`copy operation failed to decode path: ${MISSING}`)
      const dst = findObject(doc, path as string) ?? fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`)
      try { add(dst.con, dst.key, val === undefined ? null : deepClone(val)) } catch (e) { fail(`error while adding value during copy: ${(e as Error).message}`) }
      return
    }
    default:
      fail(`Unexpected kind: ${kind}`)
  }
}

/** jsonpatch.DecodePatch: the operations, or a JsonPatchError('decode') with encoding/json's text. */
export function decodePatch(patch: Json): Op[] {
  if (patch === null) return []
  if (!Array.isArray(patch)) throw new JsonPatchError(`json: cannot unmarshal ${jsonTypeName(patch)} into Go value of type jsonpatch.Patch`, 'decode')
  for (const op of patch) {
    if (op !== null && !isObj(op)) throw new JsonPatchError(`json: cannot unmarshal ${jsonTypeName(op)} into Go value of type jsonpatch.Operation`, 'decode')
  }
  return patch as Op[]
}

/** Patch.Apply on a JSON object: a new document, or a JsonPatchError('apply') with the library's text. */
export function applyJsonPatch(doc: Obj, ops: Op[]): Obj {
  const out = deepClone(doc)
  for (const op of ops) {
    const o = op ?? {}
    const kind = typeof o.op === 'string' ? o.op : 'unknown'
    try {
      applyOp(out, o, kind)
    } catch (e) {
      if (e instanceof Fail) throw new JsonPatchError(e.message, 'apply')
      throw e
    }
  }
  return out
}

function pruneNulls(v: Json): Json {
  if (isObj(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k]
      else pruneNulls(v[k])
    }
  } else if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) {
      if (v[i] === null) v.splice(i, 1)
      else pruneNulls(v[i])
    }
  }
  return v
}

function mergeDocs(doc: Obj, patch: Obj): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k]
      continue
    }
    const cur = doc[k]
    if (isObj(cur) && isObj(v)) mergeDocs(cur, v)
    // the library prunes nulls out of the new value, except when it replaces an object by a non-object
    else if (isObj(cur)) doc[k] = deepClone(v)
    else doc[k] = pruneNulls(deepClone(v))
  }
}

/**
 * jsonpatch.MergePatch (RFC 7386): objects merge, null deletes, anything else replaces. A patch that is an array
 * becomes the document; null or a scalar is `Invalid JSON Patch`.
 */
export function mergePatch(doc: Obj, patch: Json): Json {
  if (Array.isArray(patch)) return pruneNulls(deepClone(patch))
  if (!isObj(patch)) throw new JsonPatchError('Invalid JSON Patch', 'decode')
  const out = deepClone(doc)
  mergeDocs(out, patch)
  return out
}
