// Decoding drops what the Go types do not have: the API server stores an object without its unknown fields
// (after rejecting them with --validate=strict, or warning with --validate=warn). Uses the kinds' schemas.

import { KIND_FIELDS, type Field } from './schema.ts'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function prune(v: unknown, f: Field): unknown {
  if (v === null || v === undefined) return v
  switch (f.k) {
    case 'obj': {
      if (!isObject(v)) return v
      let out: Json | undefined
      for (const k of Object.keys(v)) {
        const child = f.props[k]
        const next = child ? prune(v[k], child) : undefined
        if (child && next === v[k]) continue
        out ??= { ...v }
        if (child) out[k] = next
        else delete out[k]
      }
      return out ?? v
    }
    case 'arr': {
      if (!Array.isArray(v)) return v
      const items = v.map((x) => prune(x, f.items))
      return items.some((x, i) => x !== v[i]) ? items : v
    }
    case 'map': {
      if (!isObject(v)) return v
      let out: Json | undefined
      for (const k of Object.keys(v)) {
        const next = prune(v[k], f.values)
        if (next !== v[k]) (out ??= { ...v })[k] = next
      }
      return out ?? v
    }
    default:
      return v
  }
}

/** The object as the API server decodes it: unknown fields removed (a copy; the same object when there are none). */
export function pruneUnknownFields<T>(obj: T): T {
  if (!isObject(obj) || typeof obj.kind !== 'string') return obj
  const f = KIND_FIELDS[obj.kind]
  return f ? (prune(obj, f) as T) : obj
}
