// kubectl rollout restart: stamp kubectl.kubernetes.io/restartedAt on the pod template so the Deployment
// controller rolls out new pods.

import type { Verb, Invocation } from './verb.ts'
import { ok, fail } from './verb.ts'
import type { CommandResult } from '../types.ts'
import type { Deployment } from '../../core/api/types.ts'
import type { FlagSpec } from './flags.ts'
import { str } from './flags.ts'
import { longDesc, examples, renderHelp } from './help-format.ts'
import { printFlags, filenameFlags, fieldManagerFlag, selectorFlag } from './help-flags.ts'
import { resolveTargets, printChange } from './label-shared.ts'
import { qualifiedResource } from '../../core/api/kinds.ts'
import { rfc3339 } from '../../core/util/clock.ts'
import { deepClone } from '../../core/util/clone.ts'

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'

const FLAGS: FlagSpec[] = [
  ...printFlags, ...filenameFlags('identifying the resource to get from a server.'), fieldManagerFlag('kubectl-rollout'), selectorFlag,
]

const HELP = renderHelp({
  name: 'restart', commandPath: 'kubectl rollout restart', flags: FLAGS,
  long: longDesc(`
    Restart a resource.

    Resource rollout will be restarted.`),
  example: examples(`
    # Restart all deployments in the test-namespace namespace
    kubectl rollout restart deployment -n test-namespace

    # Restart a deployment
    kubectl rollout restart deployment/nginx

    # Restart a daemon set
    kubectl rollout restart daemonset/abc

    # Restart deployments with the app=nginx label
    kubectl rollout restart deployment --selector=app=nginx`),
  use: 'kubectl rollout restart RESOURCE',
})

function run(inv: Invocation): CommandResult {
  const selector = str(inv.flags, 'selector')
  const targets = resolveTargets(inv, inv.args, { selector, all: !selector })
  let out = ''
  for (const { type, obj } of targets) {
    if (obj.kind !== 'Deployment') return fail(`error: ${qualifiedResource(type)} "${obj.metadata.name}" restarting is not supported`, out)
    const d = deepClone(obj) as Deployment
    if (d.spec.paused) return fail(`error: can't restart paused deployment (run rollout resume first)`, out)
    const now = rfc3339(inv.ctx.cluster.clock.now())
    const tmpl = d.spec.template
    tmpl.metadata = tmpl.metadata ?? {}
    if (tmpl.metadata.annotations?.[RESTARTED_AT] === now) {
      return fail(`error: failed to create patch for ${d.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`, out)
    }
    tmpl.metadata.annotations = { ...(tmpl.metadata.annotations ?? {}), [RESTARTED_AT]: now }
    const saved = inv.ctx.cluster.store.update(d, { cause: 'kubectl' })
    inv.ctx.cluster.settle()
    out += printChange(inv, saved, 'restarted')
  }
  return ok(out)
}

export const rolloutRestart: Verb = { name: 'restart', short: 'Restart a resource', group: '', flags: FLAGS, help: HELP, run }
