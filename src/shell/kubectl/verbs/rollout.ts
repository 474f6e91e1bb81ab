// kubectl rollout: the parent of restart, status, history and undo (each in rollout-*.ts).

import type { Verb, Invocation } from '../verb.ts'
import { fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import { usageError } from '../errors.ts'
import { arr } from '../flags.ts'
import { examples, renderHelp } from '../help-format.ts'
import { verbHelp } from '../help.ts'
import { rolloutRestart } from '../rollout-restart.ts'
import { rolloutStatus } from '../rollout-status.ts'
import { rolloutHistory, rolloutUndo } from '../rollout-history.ts'

/** Each sub-command first needs a resource (an argument or -f): `error: required resource not specified`. */
function needsResource(v: Verb): Verb {
  return {
    ...v,
    run: (inv) => (inv.args.length === 0 && arr(inv.flags, 'filename').length === 0 ? fail('error: required resource not specified') : v.run(inv)),
  }
}

const SUBCOMMANDS = [rolloutHistory, rolloutRestart, rolloutStatus, rolloutUndo].map(needsResource)

const HELP = renderHelp({
  name: 'rollout', commandPath: 'kubectl rollout', flags: [],
  long: 'Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
  example: examples(`
    # Rollback to the previous deployment
    kubectl rollout undo deployment/abc

    # Check the rollout status of a daemonset
    kubectl rollout status daemonset/foo

    # Restart a deployment
    kubectl rollout restart deployment/abc

    # Restart deployments with the 'app=nginx' label
    kubectl rollout restart deployment --selector=app=nginx`),
  subcommands: [
    ['history', 'View rollout history'],
    ['pause', 'Mark the provided resource as paused'],
    ['restart', 'Restart a resource'],
    ['resume', 'Resume a paused resource'],
    ['status', 'Show the status of the rollout'],
    ['undo', 'Undo a previous rollout'],
  ].filter(([n]) => SUBCOMMANDS.some((s) => s.name === n)) as [string, string][],
  use: 'kubectl rollout SUBCOMMAND',
})

/** `kubectl rollout` alone prints its help on stdout and fails (cmdutil.DefaultSubCommandRun). */
function run(inv: Invocation): CommandResult {
  if (inv.args.length) return fail(usageError(inv.commandPath, `unknown command "${inv.args.join(' ')}"`))
  return { stdout: verbHelp(rollout, inv.commandPath), stderr: '', exitCode: 1 }
}

export const rollout: Verb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  group: 'Deploy Commands',
  flags: [],
  help: HELP,
  subcommands: SUBCOMMANDS,
  run,
}
