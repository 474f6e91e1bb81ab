// Resource arguments as kubectl's resource builder reads them: `pods`, `pods web api`, `svc/web`,
// `pods,services`, `deploy/web svc/web`, `all`. Errors carry kubectl's texts.

import { RESOURCE_TYPES, resolveResource, type ResourceType } from '../../core/api/kinds.ts'

export interface ResourceSelection {
  type: ResourceType
  /** empty: every object of the type (subject to -l / --all) */
  names: string[]
}

export class ResourceArgError extends Error {}

export function lookupType(typed: string): ResourceType {
  const t = resolveResource(typed)
  if (!t) throw new ResourceArgError(`the server doesn't have a resource type "${typed}"`)
  return t
}

/** `all` is the category: the served kinds in it, in kubectl's order. */
export function expandTypes(typed: string): ResourceType[] {
  if (typed.toLowerCase() === 'all') {
    const order = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'Job']
    return order.map((k) => RESOURCE_TYPES.find((t) => t.kind === k)!).filter((t) => t.categories?.includes('all'))
  }
  return typed.split(',').filter(Boolean).map(lookupType)
}

export function parseResourceArgs(args: readonly string[]): ResourceSelection[] {
  if (args.length === 0) return []
  const slashForm = args.filter((a) => a.includes('/'))
  if (slashForm.length) {
    if (slashForm.length !== args.length) {
      throw new ResourceArgError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      )
    }
    const out: ResourceSelection[] = []
    for (const a of args) {
      const i = a.indexOf('/')
      const typed = a.slice(0, i), name = a.slice(i + 1)
      if (!name) throw new ResourceArgError(`arguments in resource/name form must have a single resource and name`)
      const type = lookupType(typed)
      const prev = out.find((s) => s.type === type)
      if (prev) prev.names.push(name)
      else out.push({ type, names: [name] })
    }
    return out
  }
  const [first, ...names] = args
  const types = expandTypes(first)
  if (names.length && types.length > 1) {
    // kubectl: names with several types apply to each type
  }
  return types.map((type) => ({ type, names: [...names] }))
}
