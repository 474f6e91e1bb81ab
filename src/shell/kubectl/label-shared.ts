// Shared plumbing for the mutating verbs here (label, annotate, scale, expose, rollout): find the objects the
// arguments name, print kubectl's result lines (`pod/web labeled`) or -o name|yaml|json.

import type { KubeObject } from '../../core/api/types.ts'
import { qualifiedKind, qualifiedResource, typeForKind, type ResourceType } from '../../core/api/kinds.ts'
import { newNotFound } from '../../core/apiserver/errors.ts'
import type { Invocation } from './verb.ts'
import { parseResourceArgs, ResourceArgError, lookupType } from './resources.ts'
import { parseSelector, selectorMatches } from './label-selector.ts'
import { formatObjects } from './printers/index.ts'
import { str, bool } from './flags.ts'

export interface Target { type: ResourceType; obj: KubeObject }

/** A usage error (printed with `See 'kubectl VERB -h' for help and examples`). */
export class UsageError extends Error {}

export const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`

export function nsFor(t: ResourceType, inv: Invocation): string | undefined {
  return t.namespaced ? inv.namespace : undefined
}

export function getOrNotFound(inv: Invocation, t: ResourceType, name: string): KubeObject {
  const o = inv.ctx.cluster.store.get(t.kind, nsFor(t, inv), name)
  if (!o) throw newNotFound(qualifiedResource(t), name)
  return o
}

/**
 * Resolve `TYPE NAME...`, `TYPE/NAME...`, or `TYPE` with -l / --all, as the resource builder does.
 * Throws UsageError/ResourceArgError/StatusError with kubectl's messages.
 */
export function resolveTargets(inv: Invocation, args: string[], opts: { selector?: string; all?: boolean; allNamespaces?: boolean } = {}): Target[] {
  if (args.length === 0) throw new UsageError(NO_RESOURCES)
  const sels = parseResourceArgs(args)
  const out: Target[] = []
  for (const s of sels) {
    if (s.names.length) {
      for (const n of s.names) out.push({ type: s.type, obj: getOrNotFound(inv, s.type, n) })
      continue
    }
    if (!opts.selector && !opts.all) throw new ResourceArgError('resource(s) were provided, but no name was specified')
    const reqs = opts.selector ? parseSelector(opts.selector, s.type) : []
    const ns = opts.allNamespaces ? undefined : nsFor(s.type, inv)
    for (const o of inv.ctx.cluster.store.list(s.type.kind, ns)) {
      if (selectorMatches(reqs, o.metadata.labels)) out.push({ type: s.type, obj: o })
    }
  }
  return out
}

export { lookupType }

export function objectRef(o: KubeObject): string {
  const t = typeForKind(o.kind)
  return `${t ? qualifiedKind(t) : o.kind.toLowerCase()}/${o.metadata.name}`
}

/** What kubectl prints after a change: `deployment.apps/web scaled`, `-o name`, or the object as yaml/json. */
export function printChange(inv: Invocation, o: KubeObject, op: string, dry: 'none' | 'client' | 'server' = 'none', typed = false): string {
  const output = str(inv.flags, 'output')
  if (output === 'name') return objectRef(o) + '\n'
  if (output) return formatObjects([o], output, { typed })
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''
  return `${objectRef(o)} ${op}${suffix}\n`
}

export function flagBool(inv: Invocation, name: string): boolean {
  return bool(inv.flags, name)
}
