// JSON as kubectl -o json prints it: Go json.MarshalIndent with 4 spaces, map keys sorted (unstructured
// objects are Go maps), HTML characters escaped (\u003c, \u003e, \u0026), a trailing newline.

/** Deep copy with object keys sorted byte-wise (Go's encoding/json order for maps); drops undefined. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sortKeys(x)))
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v as object).sort(byteCompare)) {
      const x = (v as Record<string, unknown>)[k]
      if (x !== undefined) out[k] = sortKeys(x)
    }
    return out
  }
  return v
}

export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function goEscape(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

/** json.MarshalIndent(v, "", "    ") */
export function goJsonIndent(v: unknown): string {
  return goEscape(JSON.stringify(sortKeys(v), null, 4) ?? 'null')
}

/** json.Marshal(v): compact */
export function goJson(v: unknown): string {
  return goEscape(JSON.stringify(sortKeys(v)) ?? 'null')
}
