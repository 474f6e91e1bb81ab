// Typed objects as encoding/json sees them: the value of a k8s.io/api struct (the kubectl code paths that build
// or receive typed objects: create <kind>, run, expose) with its fields in Go declaration order and omitempty
// applied, ready for goJson/goJsonIndent. YAML does not need this: sigs.k8s.io/yaml sorts keys through a map.

import type { KubeObject } from '../../../core/api/types.ts'
import { GoStruct, byteCompare } from './json.ts'
import { structFields, isTypedKind, type FieldSpec } from './go-structs.ts'

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoStruct)

/** Go's isEmptyValue for what omitempty drops: '', 0, false, nil, empty map or slice. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true
  if (Array.isArray(v)) return v.length === 0
  if (isPlainObject(v)) return Object.keys(v).every((k) => v[k] === undefined)
  return false
}

function dropped(f: FieldSpec, v: unknown): boolean {
  if (v === undefined) return true
  if (f.omit === 'nil') return v === null
  // omitempty never drops a (non-pointer) struct: `"strategy": {}`, `"resources": {}`
  const struct = !!f.type && f.type !== 'map' && !f.list
  return f.omit === 'empty' && !struct && isEmpty(v)
}

/** The value of struct `struct` (undefined: a map or an unknown struct, keys sorted) as encoding/json sees it. */
export function structValue(v: unknown, struct?: string): unknown {
  if (Array.isArray(v)) return v.map((x) => structValue(x, struct))
  if (!isPlainObject(v)) return v
  const fields = struct ? structFields(struct) : undefined
  if (!fields) return v
  const out: [string, unknown][] = []
  for (const f of fields) {
    const x = v[f.name]
    if (dropped(f, x)) continue
    out.push([f.name, structValue(x, f.type === 'map' ? undefined : f.type)])
  }
  // fields the table does not know keep their values, after the known ones (sorted)
  const known = new Set(fields.map((f) => f.name))
  for (const k of Object.keys(v).filter((k) => !known.has(k) && v[k] !== undefined).sort(byteCompare)) out.push([k, v[k]])
  return new GoStruct(out)
}

/** A typed object (TypeMeta, ObjectMeta, spec, status...) in Go field order; unknown kinds stay maps. */
export function typedObject(obj: KubeObject): unknown {
  return isTypedKind(obj.kind) ? structValue(obj, obj.kind) : obj
}
