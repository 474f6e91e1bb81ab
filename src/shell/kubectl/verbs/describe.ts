// kubectl describe: by type, type + names (a name that is not found is tried as a prefix), -l, -A;
// descriptions separated by blank lines, errors per missing name, `No resources found` on stderr.

import type { Invocation, Verb } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { FlagSpec } from '../flags.ts'
import type { KubeObject } from '../../../core/api/types.ts'
import { qualifiedResource } from '../../../core/api/kinds.ts'
import { newNotFound } from '../../../core/apiserver/errors.ts'
import { arr, bool, str } from '../flags.ts'
import { errorsText } from '../aggregate.ts'
import { parseResourceArgs } from '../resources.ts'
import { parseSelector, selectorMatches } from '../label-selector.ts'
import { filenameFlags } from '../help-flags.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { describeObject } from '../printers/describe/index.ts'

const FLAGS: FlagSpec[] = [
  ...filenameFlags('containing the resource to describe'),
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
  { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
  { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
  { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
]

const HELP = renderHelp({
  name: 'describe', commandPath: 'kubectl describe', flags: FLAGS,
  long: longDesc(`
    Show details of a specific resource or group of resources.

    Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX

    will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

    Use "kubectl api-resources" for a complete list of supported resources.`),
  example: examples(`
    # Describe a node
    kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

    # Describe a pod
    kubectl describe pods/nginx

    # Describe a pod identified by type and name in "pod.json"
    kubectl describe -f pod.json

    # Describe all pods
    kubectl describe pods

    # Describe pods by label name=myLabel
    kubectl describe pods -l name=myLabel

    # Describe all pods managed by the 'frontend' replication controller
    # (rc-created pods get the name of the rc as a prefix in the pod name)
    kubectl describe pods frontend`),
  use: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
})

function stripEvents(text: string): string {
  return text.replace(/^Events:[\s\S]*$/m, '')
}

function run(inv: Invocation): CommandResult {
  if (inv.args.length === 0 && arr(inv.flags, 'filename').length === 0) {
    return { stdout: '', stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n', exitCode: 1 }
  }
  if (arr(inv.flags, 'filename').length) throw new Error('kubelab: `kubectl describe -f` is not available in this lab; name the resources instead')
  const store = inv.ctx.cluster.store
  const allNs = bool(inv.flags, 'all-namespaces')
  const sel = str(inv.flags, 'selector')
  // the selector goes to the API server with the list request, which parses it
  const reqs = sel ? parseSelector(sel, parseResourceArgs(inv.args).find((x) => !x.names.length)?.type) : []
  const ctx = { store, now: inv.ctx.cluster.clock.now() }
  const render = (o: KubeObject): string => (bool(inv.flags, 'show-events') ? describeObject(o, ctx) : stripEvents(describeObject(o, ctx)))
  const sels = parseResourceArgs(inv.args)
  const errs: unknown[] = []
  const outputs: string[] = []
  let found = 0
  for (const s of sels) {
    const ns = s.type.namespaced ? (allNs ? undefined : inv.namespace) : undefined
    if (s.names.length === 0) {
      for (const o of store.list(s.type.kind, ns)) {
        if (reqs.length && !selectorMatches(reqs, o.metadata.labels)) continue
        outputs.push(render(o))
        found++
      }
      continue
    }
    for (const name of s.names) {
      const o = store.get(s.type.kind, ns, name)
      if (o) {
        outputs.push(render(o))
        found++
        continue
      }
      const err = newNotFound(qualifiedResource(s.type), name)
      // DescribeMatchingResources: `kubectl describe TYPE PREFIX` (exactly two args) tries the name as a prefix
      const matches = inv.args.length === 2 && !inv.args[1].includes('/') ? store.list(s.type.kind, ns).filter((x) => x.metadata.name.startsWith(name)) : []
      if (matches.length === 0) errs.push(err)
      else return { stdout: matches.map((m) => render(m) + '\n').join(''), stderr: '', exitCode: 0 }
    }
  }
  let stderr = errorsText(errs)
  if (found === 0 && errs.length === 0) stderr = allNs || sels.every((s) => !s.type.namespaced) ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`
  return { stdout: outputs.join('\n\n'), stderr, exitCode: errs.length ? 1 : 0 }
}

export const describe: Verb = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  group: 'Troubleshooting and Debugging Commands',
  flags: FLAGS,
  help: HELP,
  run,
}
