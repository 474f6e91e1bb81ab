// What every object-building `kubectl create <kind>` sub-command shares: NAME argument, --dry-run, -o,
// --save-config, the create call and kubectl's `failed to create <kind>: <err>` wrapping.

import type { KubeObject } from '../../../core/api/types.ts'
import { StatusError } from '../../../core/apiserver/errors.ts'
import { typeForKind } from '../../../core/api/kinds.ts'
import { deepClone } from '../../../core/util/clone.ts'
import type { CommandResult } from '../../types.ts'
import type { Invocation } from '../verb.ts'
import { bool } from '../flags.ts'
import { usageError } from '../errors.ts'
import { CliError } from '../aggregate.ts'
import { dryRunOf, outputOf, resultLine, resourceName } from '../dryrun.ts'
import { withLastApplied } from '../lastapplied.ts'
import { formatObjects } from '../printers/index.ts'

/** Thrown for cobra/cmdutil usage errors: printed with `See '<cmd> -h' for help and examples`. */
export class UsageError extends Error {}

/** NameFromCommandArgs: exactly one NAME (before any `--`). */
export function nameArg(inv: Invocation): string {
  if (inv.args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${inv.args.length}`)
  return inv.args[0]
}

/** Run a create sub-command body, turning UsageError into kubectl's usage text. */
export function guarded(inv: Invocation, body: () => CommandResult): CommandResult {
  try {
    return body()
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: usageError(inv.commandPath, e.message), exitCode: 1 }
    throw e
  }
}

/** The namespace a generated object carries: only with an explicit -n (kubectl's EnforceNamespace). */
export function metaNamespace(inv: Invocation): { namespace?: string } {
  return inv.namespaceSet ? { namespace: inv.namespace } : {}
}

/**
 * Create the generated object (unless --dry-run=client) and print the result line or the object.
 * `failPrefix` is kubectl's wrapping (`failed to create deployment`); without it the API error prints as is.
 * `saveConfig: false` for the sub-commands whose options never read --save-config (create service: its
 * Complete does not set CreateAnnotation, so the flag is accepted and ignored).
 */
export function createGenerated(inv: Invocation, built: KubeObject, failPrefix?: string, saveConfig = true): CommandResult {
  const dryRun = dryRunOf(inv.flags)
  const output = outputOf(inv.flags)
  // the annotation is computed on the typed object, before it is sent (CreateOrUpdateAnnotation)
  let obj = saveConfig && bool(inv.flags, 'save-config') ? withLastApplied(built, true) : built
  if (dryRun !== 'client') {
    const send = deepClone(obj)
    const t = typeForKind(send.kind)
    if (t?.namespaced) send.metadata.namespace = inv.namespace
    try {
      obj = inv.ctx.cluster.store.create(send, { cause: 'kubectl', dryRun: dryRun === 'server' })
    } catch (e) {
      if (failPrefix && e instanceof StatusError) throw new CliError(`${failPrefix}: ${e.message}`)
      throw e
    }
    if (dryRun === 'none') inv.ctx.cluster.settle()
  }
  // --dry-run=client prints the typed object; otherwise the server's answer, read through the dynamic client (a map)
  const stdout = output === 'name' ? resourceName(obj) + '\n'
    : output ? formatObjects([obj], output, { typed: dryRun === 'client' }) : resultLine(obj, 'created', dryRun)
  return { stdout, stderr: '', exitCode: 0 }
}
