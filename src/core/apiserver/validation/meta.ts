// ObjectMeta, labels, annotations and label-selector validation (apimachinery metav1/validation,
// k/k pkg/apis/core/validation ValidateObjectMeta), plus Go-syntax renderings of composite bad values.

import type { FieldError } from '../errors.ts'
import type { KubeObject, LabelSelector } from '../../api/types.ts'
import { isQualifiedName, isValidLabelValue } from './names.ts'

export type NameFn = (name: string) => string[]

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Go %q of a string (ASCII-faithful). */
export function goQuote(s: string): string {
  return JSON.stringify(s)
}

/** `map[string]string{"app":"x", "tier":"web"}` (Go %#v sorts map keys); nil map `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)'
  const keys = Object.keys(m).sort()
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`
}

/** `[]string{"a", "b"}`, nil `[]string(nil)` */
export function goStringSlice(v: string[] | undefined | null): string {
  if (!v) return '[]string(nil)'
  return `[]string{${v.map(goQuote).join(', ')}}`
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` */
export function goLabelSelector(s: LabelSelector | undefined | null): string {
  if (!s) return 'null'
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStringSlice(e.values)}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)'
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`
}

export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (!isMap(labels)) return errs
  // the common case, all valid, needs no sorted key list (errors are reported in key order)
  let bad = false
  for (const k in labels) {
    const v = labels[k]
    if (isQualifiedName(k).length || (typeof v === 'string' && isValidLabelValue(v).length)) { bad = true; break }
  }
  if (!bad) return errs
  for (const k of Object.keys(labels).sort()) {
    for (const msg of isQualifiedName(k)) errs.push({ type: 'Invalid', field: path, value: k, detail: msg })
    const v = labels[k]
    if (typeof v === 'string') for (const msg of isValidLabelValue(v)) errs.push({ type: 'Invalid', field: path, value: v, detail: msg })
  }
  return errs
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (!isMap(annotations)) return errs
  let size = 0
  let bad = false
  for (const k in annotations) {
    size += k.length + String(annotations[k] ?? '').length
    if (isQualifiedName(k.toLowerCase()).length) { bad = true; break }
  }
  // the common case, all keys valid, needs no sorted key list (errors are reported in key order)
  if (!bad) {
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.push({ type: 'TooLong', field: path, detail: `may not be longer than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` })
    }
    return errs
  }
  size = 0
  for (const k of Object.keys(annotations).sort()) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push({ type: 'Invalid', field: path, value: k, detail: msg })
    size += k.length + String(annotations[k] ?? '').length
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push({ type: 'TooLong', field: path, detail: `may not be longer than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` })
  }
  return errs
}

/** ValidateObjectMeta: the name format, labels, annotations. */
export function validateObjectMeta(obj: KubeObject, nameFn: NameFn): FieldError[] {
  const md = obj.metadata
  const errs: FieldError[] = []
  if (md.name) for (const msg of nameFn(md.name)) errs.push({ type: 'Invalid', field: 'metadata.name', value: md.name, detail: msg })
  errs.push(...validateLabels(md.labels, 'metadata.labels'))
  errs.push(...validateAnnotations(md.annotations, 'metadata.annotations'))
  return errs
}

/** A pod template's metadata: labels and annotations only. */
export function validateTemplateMeta(md: unknown, path: string): FieldError[] {
  if (!isMap(md)) return []
  return [...validateLabels(md.labels, path + '.labels'), ...validateAnnotations(md.annotations, path + '.annotations')]
}

/** ValidateLabelSelector (matchLabels, matchExpressions). */
export function validateLabelSelector(sel: LabelSelector, path: string): FieldError[] {
  const errs: FieldError[] = validateLabels(sel.matchLabels, path + '.matchLabels')
  ;(sel.matchExpressions ?? []).forEach((r, i) => {
    const p = `${path}.matchExpressions[${i}]`
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (!r.values?.length) errs.push({ type: 'Required', field: p + '.values', detail: "must be specified when `operator` is 'In' or 'NotIn'" })
        break
      case 'Exists':
      case 'DoesNotExist':
        if (r.values?.length) errs.push({ type: 'Forbidden', field: p + '.values', detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" })
        break
      default:
        errs.push({ type: 'Invalid', field: p + '.operator', value: r.operator, detail: 'not a valid selector operator' })
    }
    for (const msg of isQualifiedName(r.key ?? '')) errs.push({ type: 'Invalid', field: p + '.key', value: r.key ?? '', detail: msg })
  })
  return errs
}

/** Does a label selector match a label set (matchLabels AND every expression). */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {}
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key)
    const vals = r.values ?? []
    if (r.operator === 'In' && !(has && vals.includes(l[r.key]))) return false
    if (r.operator === 'NotIn' && has && vals.includes(l[r.key])) return false
    if (r.operator === 'Exists' && !has) return false
    if (r.operator === 'DoesNotExist' && has) return false
  }
  return true
}

export function nonNegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [{ type: 'Invalid', field: path, value: v, detail: 'must be greater than or equal to 0' }] : []
}
