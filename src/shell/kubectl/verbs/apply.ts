// kubectl apply -f: client-side apply of every object in the manifests (created / configured / unchanged),
// --dry-run=client|server, -o yaml|json|name; failures are collected and printed after the results, exit 1.

import { checkKustomize } from '../kustomize.ts'
import type { KubeObject } from '../../../core/api/types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr, bool, str } from '../flags.ts'
import { usageError } from '../errors.ts'
import { readManifests } from '../manifest.ts'
import { applyOne } from '../apply-object.ts'
import { errorsText, CliError } from '../aggregate.ts'
import { dryRunOf, outputOf, resultLine, resourceName, validationOf, DRY_RUN_FLAG, OUTPUT_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG,
  SHOW_MANAGED_FIELDS_FLAG, TEMPLATE_FLAG, ALLOW_MISSING_TEMPLATE_KEYS_FLAG } from '../dryrun.ts'
import { asListObject, formatObjects } from '../printers/index.ts'

const HELP = `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.

Examples:
  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json
  
  # Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl apply -k dir/
  
  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -

Usage:
  kubectl apply (-f FILENAME | -k DIRECTORY) [options]`

/** The List kubectl prints for `apply -o yaml|json` with several objects. */
export function asList(objs: KubeObject[]): KubeObject[] {
  if (objs.length <= 1) return objs
  return [asListObject(objs)]
}

function run(inv: Invocation) {
  const { ctx, flags } = inv
  if (inv.args.length) return { stdout: '', stderr: usageError(inv.commandPath, `Unexpected args: [${inv.args.join(' ')}]`), exitCode: 1 }
  const dryRun = dryRunOf(flags)
  const output = outputOf(flags)
  const validation = validationOf(flags)
  const filenames = arr(flags, 'filename')
  checkKustomize(ctx, str(flags, 'kustomize'), filenames)
  if (filenames.length === 0) throw new CliError('must specify one of -f and -k')
  if (bool(flags, 'server-side') && dryRun === 'client') {
    throw new CliError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)")
  }
  const read = readManifests(ctx, { filenames, recursive: bool(flags, 'recursive'), namespace: inv.namespace, enforceNamespace: inv.namespaceSet })
  const errs: unknown[] = [...read.errors]
  if (read.items.length === 0 && errs.length === 0) throw new CliError('no objects passed to apply')
  let stdout = '', stderr = ''
  const printed: KubeObject[] = []
  let wrote = false
  for (const item of read.items) {
    try {
      const r = applyOne(ctx.cluster, item, dryRun, validation)
      stderr += r.warnings
      if (r.operation !== 'unchanged' && dryRun === 'none') wrote = true
      if (output === '') stdout += resultLine(r.object, bool(flags, 'server-side') ? 'serverside-applied' : r.operation, dryRun)
      else if (output === 'name') stdout += resourceName(r.object) + '\n'
      else printed.push(r.object)
    } catch (e) {
      errs.push(e)
    }
  }
  if (wrote) ctx.cluster.settle()
  if (printed.length && errs.length === 0) stdout += formatObjects(asList(printed), output)
  stderr += errorsText(errs)
  return { stdout, stderr, exitCode: errs.length ? 1 : 0 }
}

export const apply: Verb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  group: 'Advanced Commands',
  help: HELP,
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'The files that contain the configurations to apply.' },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'kustomize', short: 'k', type: 'string', default: '', usage: 'Process a kustomization directory. This flag can\'t be used together with -f or -R.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types.' },
    { name: 'prune', type: 'bool', default: false, usage: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.' },
    { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration' },
    { name: 'server-side', type: 'bool', default: false, usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'force-conflicts', type: 'bool', default: false, usage: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'record', type: 'bool', default: false, usage: 'Record current kubectl command in the resource annotation.' },
    { name: 'wait', type: 'bool', default: false, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a delete.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground".' },
    { name: 'openapi-patch', type: 'bool', default: true, usage: 'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec.' },
    DRY_RUN_FLAG, OUTPUT_FLAG, VALIDATE_FLAG, FIELD_MANAGER_FLAG('kubectl-client-side-apply'), SHOW_MANAGED_FIELDS_FLAG, TEMPLATE_FLAG,
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  ],
  run,
}
