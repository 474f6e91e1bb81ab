// JSON as kubectl -o json prints it: Go json.MarshalIndent with 4 spaces, HTML characters escaped (\u003c,
// \u003e, \u0026), a trailing newline. Plain objects are Go maps (unstructured objects): keys sorted byte-wise.
// GoStruct values (typed objects, see typed.ts) keep their fields in declaration order.

/** A Go struct value: its JSON fields in declaration order (already filtered by omitempty). */
export class GoStruct {
  constructor(readonly fields: readonly [string, unknown][]) {}
}

/** Deep copy with object keys sorted byte-wise (Go's encoding/json order for maps); drops undefined. */
export function sortKeys(v: unknown): unknown {
  if (v instanceof GoStruct) return Object.fromEntries(v.fields.map(([k, x]) => [k, sortKeys(x)]))
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

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

function entriesOf(v: object): [string, unknown][] {
  if (v instanceof GoStruct) return v.fields.filter(([, x]) => x !== undefined) as [string, unknown][]
  const o = v as Record<string, unknown>
  return Object.keys(o).filter((k) => o[k] !== undefined).sort(byteCompare).map((k) => [k, o[k]])
}

/** encoding/json of a JSON-like value; `indent` null for compact output. */
function marshal(v: unknown, indent: string | null, prefix: string): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return goString(v)
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  const inner = indent === null ? '' : prefix + indent
  const nl = indent === null ? '' : '\n'
  const sep = indent === null ? ':' : ': '
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    return '[' + nl + v.map((x) => inner + marshal(x, indent, inner)).join(',' + nl) + nl + (indent === null ? '' : prefix) + ']'
  }
  if (typeof v !== 'object') return 'null'
  const es = entriesOf(v)
  if (es.length === 0) return '{}'
  return '{' + nl + es.map(([k, x]) => inner + goString(k) + sep + marshal(x, indent, inner)).join(',' + nl) + nl +
    (indent === null ? '' : prefix) + '}'
}

/** json.MarshalIndent(v, "", "    ") */
export function goJsonIndent(v: unknown): string {
  return marshal(v, '    ', '')
}

/** json.Marshal(v): compact */
export function goJson(v: unknown): string {
  return marshal(v, null, '')
}
