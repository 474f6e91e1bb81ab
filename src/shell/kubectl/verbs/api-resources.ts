// kubectl api-resources: the served resource types (NAME SHORTNAMES APIVERSION NAMESPACED KIND), core first,
// then by group and name; -o wide adds VERBS and CATEGORIES; -o name; --namespaced, --api-group filters.

import type { Verb, Invocation } from '../verb.ts'
import { ok, fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { FlagSpec } from '../flags.ts'
import { str, bool } from '../flags.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { RESOURCE_TYPES, apiVersionOf, type ResourceType } from '../../../core/api/kinds.ts'

const FLAGS: FlagSpec[] = [
  { name: 'api-group', type: 'string', default: '', usage: 'Limit to resources in the specified API group.' },
  { name: 'cached', type: 'bool', default: false, usage: 'Use the cached list of resources if available.' },
  { name: 'categories', type: 'stringArray', default: [], usage: 'Limit to resources that belong to the specified categories.' },
  { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
  { name: 'no-headers', type: 'bool', default: false, usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
  { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (wide, name).' },
  { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
  { name: 'verbs', type: 'stringArray', default: [], usage: 'Limit to resources that support the specified verbs.' },
]

const HELP = renderHelp({
  name: 'api-resources', commandPath: 'kubectl api-resources', flags: FLAGS,
  long: longDesc('Print the supported API resources on the server.'),
  example: examples(`
    # Print the supported API resources
    kubectl api-resources

    # Print the supported API resources with more information
    kubectl api-resources -o wide

    # Print the supported API resources sorted by a column
    kubectl api-resources --sort-by=name

    # Print the supported namespaced resources
    kubectl api-resources --namespaced=true

    # Print the supported non-namespaced resources
    kubectl api-resources --namespaced=false

    # Print the supported API resources with a specific APIGroup
    kubectl api-resources --api-group=rbac.authorization.k8s.io`),
  use: 'kubectl api-resources [flags]',
})

/** kubectl's tabwriter: columns padded to the widest cell + 3 (at least 6), the last column unpadded. */
export function tabulate(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(6, ...rows.map((r) => r[i].length + 3)))
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]))).join('')).join('\n') + '\n'
}

function run(inv: Invocation): CommandResult {
  const output = str(inv.flags, 'output')
  if (output && output !== 'wide' && output !== 'name') return fail(`error: --output ${output} is not available`)
  const sortBy = str(inv.flags, 'sort-by')
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') return fail(`error: --sort-by accepts only name or kind`)
  let types: ResourceType[] = [...RESOURCE_TYPES].sort((a, b) => {
    if (a.group !== b.group) return a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1
    return a.plural < b.plural ? -1 : 1
  })
  if (inv.flags.set.has('namespaced')) types = types.filter((t) => t.namespaced === bool(inv.flags, 'namespaced'))
  if (inv.flags.set.has('api-group')) types = types.filter((t) => t.group === str(inv.flags, 'api-group'))
  const verbs = inv.flags.values.verbs as string[]
  if (verbs.length) types = types.filter((t) => verbs.every((v) => t.verbs.includes(v)))
  const cats = inv.flags.values.categories as string[]
  if (cats.length) types = types.filter((t) => cats.every((c) => t.categories?.includes(c)))
  if (sortBy === 'name') types.sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0))
  if (sortBy === 'kind') types.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
  if (output === 'name') return ok(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + '\n').join(''))
  const wide = output === 'wide'
  const head = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]
  const rows = types.map((t) => [
    t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind,
    ...(wide ? [`[${[...t.verbs].sort().join(' ')}]`, (t.categories ?? []).join(',')] : []),
  ])
  return ok(tabulate(bool(inv.flags, 'no-headers') ? rows : [head, ...rows]))
}

export const apiResources: Verb = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  group: 'Other Commands',
  flags: FLAGS,
  help: HELP,
  run,
}
