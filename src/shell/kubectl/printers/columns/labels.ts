// labels.FormatLabels: `k=v` pairs sorted by key, comma-joined, `<none>` when empty.

export function formatLabelsMap(l: Record<string, string> | undefined): string {
  const keys = Object.keys(l ?? {}).sort()
  return keys.length ? keys.map((k) => `${k}=${l![k]}`).join(',') : '<none>'
}
