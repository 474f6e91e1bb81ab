// jsonEqual(a, b): the answer of JSON.stringify(a) === JSON.stringify(b) for JSON-like data (API objects),
// without building either string: key order counts, undefined properties are absent, undefined array items
// and non-finite numbers are null. The store and controllers use it for change detection.

function isAbsent(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol'
}

/** an array item or a value as JSON would render it: undefined/function/symbol/NaN/Infinity become null */
function item(v: unknown): unknown {
  if (isAbsent(v)) return null
  if (typeof v === 'number' && !Number.isFinite(v)) return null
  return v
}

function eq(a: unknown, b: unknown): boolean {
  // a and b went through item(): no undefined, no non-finite numbers
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  const aa = Array.isArray(a), ba = Array.isArray(b)
  if (aa !== ba) return false
  if (aa) {
    const x = a as unknown[], y = b as unknown[]
    if (x.length !== y.length) return false
    for (let i = 0; i < x.length; i++) if (!eq(item(x[i]), item(y[i]))) return false
    return true
  }
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>
  const kx = Object.keys(x), ky = Object.keys(y)
  let i = 0, j = 0
  for (;;) {
    while (i < kx.length && isAbsent(x[kx[i]])) i++
    while (j < ky.length && isAbsent(y[ky[j]])) j++
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length
    if (kx[i] !== ky[j] || !eq(item(x[kx[i]]), item(y[ky[j]]))) return false
    i++; j++
  }
}

/** JSON.stringify(a) === JSON.stringify(b), computed structurally (no toJSON support: API data has none). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b)
  return eq(item(a), item(b))
}

/** a value as canonical JSON renders it at a value position: undefined, functions and non-finite numbers are null */
function canon(v: unknown): unknown {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return null
  if (typeof v === 'number' && !Number.isFinite(v)) return null
  return v
}

function ceq(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  const aa = Array.isArray(a)
  if (aa !== Array.isArray(b)) return false
  if (aa) {
    const x = a as unknown[], y = b as unknown[]
    if (x.length !== y.length) return false
    for (let i = 0; i < x.length; i++) if (!ceq(canon(x[i]), canon(y[i]))) return false
    return true
  }
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>
  // for-in, not Object.keys: no key arrays (API data are plain objects, nothing enumerable inherited)
  let n = 0
  for (const k in x) {
    if (x[k] === undefined) continue
    n++
    if (y[k] === undefined || !Object.prototype.hasOwnProperty.call(y, k) || !ceq(canon(x[k]), canon(y[k]))) return false
  }
  for (const k in y) if (y[k] !== undefined) n--
  return n === 0
}

/**
 * canonicalJSON(a) === canonicalJSON(b) (controller/hash.ts: keys sorted, undefined properties left out),
 * computed structurally: key order does not count.
 */
export function canonicalEqual(a: unknown, b: unknown): boolean {
  return ceq(canon(a), canon(b))
}
