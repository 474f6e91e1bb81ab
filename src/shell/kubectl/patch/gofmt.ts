// Go's fmt %v of decoded JSON values (map[string]interface{}, []interface{}, numbers, strings) as the patch
// libraries print them in their errors: `map[image:nginx name:web]`, `[a b]`, `<nil>`.

/** Go's %v of a float64 or int64 decoded from JSON (strconv 'g' formatting with the shortest representation). */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n)
  const exp = Math.floor(Math.log10(Math.abs(n)))
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e')
    const sign = e.startsWith('-') ? '-' : '+'
    const digits = e.replace(/^[-+]/, '').padStart(2, '0')
    return `${m}e${sign}${digits}`
  }
  return String(n)
}

/** fmt.Sprintf("%v", v) for a value decoded from JSON; map keys sorted as fmt sorts them. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'string') return v
  if (typeof v === 'number') return goNumber(v)
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`
  const o = v as Record<string, unknown>
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `map[${keys.map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`
}
