// Label selector matching (apimachinery pkg/labels): matchLabels plus matchExpressions, and the map form
// Services use. An empty LabelSelector matches everything; a missing one matches nothing.

import type { LabelSelector, Labels } from '../api/types.ts'

export function matchesLabels(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (!selector) return false
  const l = labels ?? {}
  for (const k in selector) if (l[k] !== selector[k]) return false
  return true
}

export function matchesSelector(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (!selector) return false
  const l = labels ?? {}
  if (selector.matchLabels && !matchesLabels(selector.matchLabels, l)) return false
  for (const r of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key)
    const v = l[r.key]
    switch (r.operator) {
      case 'In': if (!has || !(r.values ?? []).includes(v)) return false; break
      case 'NotIn': if (has && (r.values ?? []).includes(v)) return false; break
      case 'Exists': if (!has) return false; break
      case 'DoesNotExist': if (has) return false; break
      default: return false
    }
  }
  return true
}

/** One `k=v` pair every matching object must carry, for index lookups (undefined if the selector has none). */
export function anchorPair(selector: Labels | LabelSelector | undefined): string | undefined {
  if (!selector) return undefined
  const m = ('matchLabels' in selector || 'matchExpressions' in selector)
    ? (selector as LabelSelector).matchLabels ?? {}
    : (selector as Labels)
  const keys = Object.keys(m).sort()
  return keys.length ? `${keys[0]}=${m[keys[0]]}` : undefined
}
