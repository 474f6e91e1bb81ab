// STUB (owned by the printers work): -o yaml|json|name|jsonpath=... output of objects.
import type { KubeObject } from '../../../core/api/types.ts'

/** Render objects as `kubectl get -o <output>` would (yaml, json, name, jsonpath=..., wide/table excluded). */
export function formatObjects(objs: KubeObject[], output: string): string {
  return objs.map((o) => JSON.stringify(o, null, 4)).join('\n') + (output ? '\n' : '\n')
}
