// Deep copy of JSON-like data (API objects). Faster than a structured clone for plain trees. Both helpers
// also flatten the strings they meet: V8 keeps a concatenated string (`${name}-${suffix}`, an event message)
// as a tree of its parts until something reads it by index, and a stored object keeps its strings for long.

/** The same string, flattened in place (reading one character makes V8 join a concatenation's parts). */
export function flat(s: string): string {
  s.charCodeAt(0)
  return s
}

export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return (typeof v === 'string' ? flat(v) : v) as T
  if (Array.isArray(v)) return v.map(deepClone) as T
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v as object)) {
    const x = (v as Record<string, unknown>)[k]
    if (x !== undefined) out[k] = deepClone(x)
  }
  return out as T
}

/** What deepClone would give, in place: removes undefined-valued properties at every depth. Returns v. */
export function dropUndefined<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === 'string') flat(x); else dropUndefined(x)
    return v
  }
  const o = v as Record<string, unknown>
  for (const k in o) {
    const x = o[k]
    if (x === undefined) delete o[k]
    else if (typeof x === 'string') flat(x)
    else if (typeof x === 'object' && x !== null) dropUndefined(x)
  }
  return v
}
