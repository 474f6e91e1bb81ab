// Client-side apply of one object (kubectl pkg/cmd/apply applyOneObject): create with the last-applied
// annotation, or three-way merge into the live object; reports created / configured / unchanged.

import type { KubeObject } from '../../core/api/types.ts'
import { apiVersionOf, type ResourceType } from '../../core/api/kinds.ts'
import type { Cluster } from '../../core/cluster/types.ts'
import { StatusError } from '../../core/apiserver/errors.ts'
import { LAST_APPLIED, withLastApplied, readLastApplied, threeWayMerge, jsonEqual, goJson } from './lastapplied.ts'
import { addSourceToErr, CliError } from './aggregate.ts'
import type { DryRun } from './dryrun.ts'
import { strictCheck, type Validation } from './strict.ts'
import { pruneUnknownFields } from '../../core/api/prune.ts'
import type { ManifestItem } from './manifest.ts'

export interface ApplyOutcome {
  operation: 'created' | 'configured' | 'unchanged'
  /** the object as the server returned it (or would have, for a client dry run) */
  object: KubeObject
  /** kubectl's warnings printed to stderr before the result */
  warnings: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A JSON merge patch from `from` to `to`: what kubectl would send (shown in its patch error text). */
export function mergePatch(from: unknown, to: unknown): unknown {
  if (!isObj(from) || !isObj(to)) return to
  const out: Obj = {}
  for (const k of Object.keys(to)) {
    if (!(k in from)) out[k] = to[k]
    else if (!jsonEqual(from[k], to[k])) out[k] = mergePatch(from[k], to[k])
  }
  for (const k of Object.keys(from)) if (!(k in to)) out[k] = null
  return out
}

/** `apps/v1, Resource=deployments` and `apps/v1, Kind=Deployment` as schema.GroupVersionResource/Kind print. */
function mappingText(t: ResourceType): string {
  const gv = t.group ? apiVersionOf(t) : `/${t.version}`
  return `Resource: "${gv}, Resource=${t.plural}", GroupVersionKind: "${gv}, Kind=${t.kind}"`
}

export function applyOne(cluster: Cluster, item: ManifestItem, dryRun: DryRun, validation: Validation = 'Strict', cause = 'kubectl'): ApplyOutcome {
  const { obj, type, source } = item
  const name = obj.metadata.name
  if (!name) {
    if (obj.metadata.generateName) throw new CliError(`from ${obj.metadata.generateName}: cannot use generate name with apply`)
    throw new CliError(`error when retrieving current configuration of:\n${mappingText(type)}\nName: "", Namespace: "${item.namespace}"\nfrom server for: "${source}": resource name may not be empty`)
  }
  const store = cluster.store
  const live = store.get(type.kind, type.namespaced ? item.namespace : undefined, name)
  const annotated = withLastApplied(obj)
  if (!live) {
    if (dryRun === 'client') return { operation: 'created', object: annotated, warnings: '' }
    try {
      const warnings = strictCheck(annotated, validation)
      const created = store.create(pruneUnknownFields(annotated), { cause, dryRun: dryRun === 'server' })
      return { operation: 'created', object: created, warnings }
    } catch (e) {
      throw addSourceToErr('creating', source, e)
    }
  }
  let warnings = ''
  const last = readLastApplied(live)
  if (!live.metadata.annotations?.[LAST_APPLIED]) {
    warnings += `Warning: resource ${type.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`
  }
  if (live.metadata.deletionTimestamp) warnings += `Warning: Detected changes to resource ${name} which is currently being deleted.\n`
  const merged = threeWayMerge(live, last ?? {}, annotated) as KubeObject
  if (jsonEqual(merged, live)) return { operation: 'unchanged', object: live, warnings }
  if (dryRun === 'client') return { operation: 'configured', object: merged, warnings }
  try {
    warnings += strictCheck(annotated, validation)
    const updated = store.update(pruneUnknownFields(merged), { cause, dryRun: dryRun === 'server' })
    return { operation: 'configured', object: updated, warnings }
  } catch (e) {
    const patch = goJson(mergePatch(live, merged))
    const inner = e instanceof StatusError ? new StatusError(e.reason, `error when patching "${source}": ${e.message}`, e.details) : e
    const verb = `applying patch:\n${patch}\nto:\n${mappingText(type)}\nName: "${name}", Namespace: "${item.namespace}"\nfor:`
    throw addSourceToErr(verb, source, inner)
  }
}
