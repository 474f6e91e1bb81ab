// kubectl's client-side apply bookkeeping: the kubectl.kubernetes.io/last-applied-configuration annotation
// (k8s.io/kubectl pkg/util/apply.go) and a three-way merge in the spirit of the strategic merge patch.

import type { KubeObject } from '../../core/api/types.ts'
import { deepClone } from '../../core/util/clone.ts'
import { goJson as goMarshal } from './printers/json.ts'
import { typedObject } from './printers/typed.ts'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** Go's encoding/json of map[string]interface{}: keys sorted, compact, no HTML escaping concerns for our data. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort()
    return `{${keys.map((k) => `${goString(k)}:${goJson(o[k])}`).join(',')}}`
  }
  if (typeof v === 'string') return goString(v)
  return JSON.stringify(v)
}

/** Go escapes <, >, & and U+2028/2029 in JSON strings. */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

/**
 * GetModifiedConfiguration: the object without the annotation, as compact JSON plus the encoder's newline.
 * A missing annotations map becomes `{}` (kubectl sets it before deleting the key), as seen on unstructured
 * objects. A typed object (the create sub-commands) is encoded in Go field order, where omitempty drops the empty map.
 */
export function lastAppliedValue(obj: KubeObject, typed = false): string {
  const c = deepClone(obj)
  const ann = { ...(c.metadata.annotations ?? {}) }
  delete ann[LAST_APPLIED]
  c.metadata.annotations = ann
  return (typed ? goMarshal(typedObject(c)) : goJson(c)) + '\n'
}

/** The object with its last-applied annotation set (CreateApplyAnnotation / the annotate step of apply). */
export function withLastApplied(obj: KubeObject, typed = false): KubeObject {
  const c = deepClone(obj)
  const v = lastAppliedValue(obj, typed)
  c.metadata.annotations = { ...(c.metadata.annotations ?? {}), [LAST_APPLIED]: v }
  return c
}

export function readLastApplied(obj: KubeObject): Record<string, unknown> | undefined {
  const s = obj.metadata.annotations?.[LAST_APPLIED]
  if (!s) return undefined
  try {
    const v = JSON.parse(s)
    return typeof v === 'object' && v !== null ? v : undefined
  } catch {
    return undefined
  }
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** patchMergeKey of the lists the lab's kinds carry (k8s.io/api struct tags); other lists are replaced whole. */
function mergeKey(field: string, items: unknown[]): string | undefined {
  switch (field) {
    case 'containers': case 'initContainers': case 'ephemeralContainers': case 'env': case 'volumes': case 'imagePullSecrets':
      return 'name'
    case 'volumeMounts': return 'mountPath'
    case 'ports':
      return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port'
    default: return undefined
  }
}

/**
 * Three-way merge: `desired` (the manifest) over `live`, removing what `last` (the previous manifest) set and
 * `desired` no longer sets. Fields only the server or controllers set (clusterIP, nodePort, status) survive.
 */
export function threeWayMerge(live: unknown, last: unknown, desired: unknown, field = ''): unknown {
  if (isObj(desired)) {
    const out: Obj = isObj(live) ? { ...live } : {}
    const l = isObj(last) ? last : {}
    for (const [k, v] of Object.entries(desired)) {
      if (v === null) {
        delete out[k]
        continue
      }
      out[k] = threeWayMerge(out[k], l[k], v, k)
    }
    for (const k of Object.keys(l)) if (!(k in desired)) delete out[k]
    return out
  }
  if (Array.isArray(desired)) {
    const key = mergeKey(field, desired)
    if (!key || !Array.isArray(live) || !desired.every((d) => isObj(d) && d[key] !== undefined)) return deepClone(desired)
    const lastArr = Array.isArray(last) ? last : []
    const find = (arr: unknown[], k: unknown) => arr.find((x) => isObj(x) && String(x[key]) === String(k))
    const out: unknown[] = desired.map((d) => threeWayMerge(find(live, (d as Obj)[key]), find(lastArr, (d as Obj)[key]), d, ''))
    for (const item of live) {
      if (!isObj(item)) continue
      const k = item[key]
      if (find(desired, k) || find(lastArr, k)) continue
      out.push(deepClone(item))
    }
    return out
  }
  return desired
}

/** Deep equality of JSON-like data (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return goJson(a) === goJson(b)
}
