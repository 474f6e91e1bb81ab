// kubectl create -f FILE (objects from manifests, `<kind>/<name> created`) and the sub-commands that build objects.

import type { KubeObject } from '../../../core/api/types.ts'
import type { CommandResult } from '../../types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr, bool, str } from '../flags.ts'
import { usageError } from '../errors.ts'
import { readManifests } from '../manifest.ts'
import { checkKustomize } from '../kustomize.ts'
import { addSourceToErr, errorsText, CliError } from '../aggregate.ts'
import { dryRunOf, outputOf, resultLine, resourceName, validationOf, DRY_RUN_FLAG, OUTPUT_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG,
  SAVE_CONFIG_FLAG, SHOW_MANAGED_FIELDS_FLAG, TEMPLATE_FLAG, ALLOW_MISSING_TEMPLATE_KEYS_FLAG } from '../dryrun.ts'
import { withLastApplied } from '../lastapplied.ts'
import { formatObjects } from '../printers/index.ts'
import { strictCheck } from '../strict.ts'
import { pruneUnknownFields } from '../../../core/api/prune.ts'
import { createDeployment } from './create-deployment.ts'
import { createService } from './create-service.ts'
import { createConfigMap } from './create-configmap.ts'
import { createSecret } from './create-secret.ts'
import { createNamespace } from './create-namespace.ts'
import { createIngress } from './create-ingress.ts'
import { createServiceAccount } from './create-serviceaccount.ts'

const HELP = `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Examples:
  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json
  
  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -
  
  # Edit the data in registry.yaml in JSON then create the resource using the edited data
  kubectl create -f registry.yaml --edit -o json

Available Commands:
  configmap             Create a config map from a local file, directory or literal value
  deployment            Create a deployment with the specified name
  ingress               Create an ingress with the specified name
  namespace             Create a namespace with the specified name
  secret                Create a secret using a specified subcommand
  service               Create a service using a specified subcommand
  serviceaccount        Create a service account with the specified name

Usage:
  kubectl create -f FILENAME [options]`

function run(inv: Invocation): CommandResult {
  const { ctx, flags } = inv
  const filenames = arr(flags, 'filename')
  if (inv.args.length) return { stdout: '', stderr: usageError(inv.commandPath, `Unexpected args: [${inv.args.join(' ')}]`), exitCode: 1 }
  if (filenames.length === 0 && !str(flags, 'kustomize')) return { stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 }
  checkKustomize(ctx, str(flags, 'kustomize'), filenames)
  const dryRun = dryRunOf(flags)
  const output = outputOf(flags)
  const validation = validationOf(flags)
  if (bool(flags, 'edit')) throw new CliError('kubelab: --edit opens an editor; edit the file in the editor first, then run kubectl create -f FILE')
  const read = readManifests(ctx, { filenames, recursive: bool(flags, 'recursive'), namespace: inv.namespace, enforceNamespace: inv.namespaceSet })
  const errs: unknown[] = [...read.errors]
  let stdout = '', warnings = ''
  const printed: KubeObject[] = []
  let wrote = false
  for (const item of read.items) {
    try {
      let obj = bool(flags, 'save-config') ? withLastApplied(item.obj) : item.obj
      let warn = ''
      if (dryRun !== 'client') {
        try {
          warn = strictCheck(obj, validation)
          obj = ctx.cluster.store.create(pruneUnknownFields(obj), { cause: 'kubectl', dryRun: dryRun === 'server' })
        } catch (e) {
          throw addSourceToErr('creating', item.source, e)
        }
        if (dryRun === 'none') wrote = true
      }
      warnings += warn
      if (output === '') stdout += resultLine(obj, 'created', dryRun)
      else if (output === 'name') stdout += resourceName(obj) + '\n'
      else printed.push(obj)
    } catch (e) {
      errs.push(e)
    }
  }
  if (read.items.length === 0 && errs.length === 0) throw new CliError('no objects passed to create')
  if (wrote) ctx.cluster.settle()
  if (printed.length) stdout += formatObjects(printed, output)
  const stderr = warnings + errorsText(errs)
  return { stdout, stderr, exitCode: errs.length ? 1 : 0 }
}

export const create: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  group: 'Basic Commands (Beginner)',
  help: HELP,
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files to use to create the resource' },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'kustomize', short: 'k', type: 'string', default: '', usage: 'Process the kustomization directory. This flag can\'t be used together with -f or -R.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'edit', type: 'bool', default: false, usage: 'Edit the API resource before creating' },
    { name: 'raw', type: 'string', default: '', usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' },
    { name: 'windows-line-endings', type: 'bool', default: false, usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
    DRY_RUN_FLAG, OUTPUT_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG('kubectl-create'), SAVE_CONFIG_FLAG, SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG, ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  ],
  subcommands: [createConfigMap, createDeployment, createIngress, createNamespace, createSecret, createService, createServiceAccount],
  run,
}
