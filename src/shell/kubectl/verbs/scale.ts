// kubectl scale: set spec.replicas of Deployments and ReplicaSets (the scale subresource), with the
// --current-replicas / --resource-version preconditions.

import type { Verb, Invocation } from '../verb.ts'
import { ok, fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { FlagSpec } from '../flags.ts'
import { str, int, bool } from '../flags.ts'
import { usageError } from '../errors.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { dryRunFlag, printFlags, filenameFlags, selectorFlag, recordFlag, dryRunMode } from '../help-flags.ts'
import { resolveTargets, UsageError, printChange } from '../label-shared.ts'
import { qualifiedResource } from '../../../core/api/kinds.ts'
import { StatusError, newConflict } from '../../../core/apiserver/errors.ts'
import { deepClone } from '../../../core/util/clone.ts'

const FLAGS: FlagSpec[] = [
  ...printFlags, dryRunFlag, ...filenameFlags('identifying the resource to set a new size'), selectorFlag,
  { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
  { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
  { name: 'replicas', type: 'int', default: 0, required: true, usage: 'The new desired number of replicas. Required.' },
  { name: 'resource-version', type: 'string', default: '', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
  { name: 'timeout', type: 'duration', default: '0s', usage: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)." },
]

const HELP = renderHelp({
  name: 'scale', commandPath: 'kubectl scale', flags: FLAGS,
  long: longDesc(`
    Set a new size for a deployment, replica set, replication controller, or stateful set.

    Scale also allows users to specify one or more preconditions for the scale action.

    If --current-replicas or --resource-version is specified, it is validated before the
    scale is attempted, and it is guaranteed that the precondition holds true when the
    scale is sent to the server.`),
  example: examples(`
    # Scale a replica set named 'foo' to 3
    kubectl scale --replicas=3 rs/foo

    # Scale a resource identified by type and name specified in "foo.yaml" to 3
    kubectl scale --replicas=3 -f foo.yaml

    # If the deployment named mysql's current size is 2, scale mysql to 3
    kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

    # Scale multiple replication controllers
    kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

    # Scale stateful set named 'web' to 3
    kubectl scale --replicas=3 statefulset/web`),
  use: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
})

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'])

function run(inv: Invocation): CommandResult {
  const replicas = int(inv.flags, 'replicas')
  const current = int(inv.flags, 'current-replicas')
  if (replicas < 0) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')
  if (current < -1) return fail('error: The --current-replicas must specify an integer of -1 or greater')
  try {
    const dry = dryRunMode(str(inv.flags, 'dry-run'))
    const targets = resolveTargets(inv, inv.args, { selector: str(inv.flags, 'selector'), all: bool(inv.flags, 'all') })
    if (!targets.length) return fail('error: no objects passed to scale')
    const rv = str(inv.flags, 'resource-version')
    if (rv && targets.length > 1) return fail('error: cannot use --resource-version with multiple resources')
    let out = ''
    for (const { type, obj } of targets) {
      if (!SCALABLE.has(obj.kind)) {
        throw new StatusError('NotFound', `the server could not find the requested resource`)
      }
      const spec = obj.spec as { replicas?: number }
      const have = spec.replicas ?? 1
      if (current !== -1 && have !== current) {
        return fail(`error: Expected replicas to be ${current}, was ${have}`, out)
      }
      if (rv && obj.metadata.resourceVersion !== rv) {
        throw newConflict(qualifiedResource(type), obj.metadata.name, 'the object has been modified; please apply your changes to the latest version and try again')
      }
      const next = deepClone(obj)
      ;(next.spec as { replicas?: number }).replicas = replicas
      if (dry === 'client') {
        out += printChange(inv, next, 'scaled', 'client')
        continue
      }
      const saved = inv.ctx.cluster.store.update(next, { cause: 'kubectl', dryRun: dry === 'server' })
      if (dry === 'none') inv.ctx.cluster.settle()
      out += printChange(inv, saved, 'scaled', dry)
    }
    return ok(out)
  } catch (e) {
    if (e instanceof UsageError) return fail(usageError(inv.commandPath, e.message))
    throw e
  }
}

export const scale: Verb = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  group: 'Deploy Commands',
  flags: [...FLAGS, recordFlag],
  help: HELP,
  run,
}
