// kubectl patch (pkg/cmd/patch): strategic merge, JSON merge or JSON patch of objects named by TYPE NAME or -f,
// on the server (the API server's PATCH: update path, subresources), on the file with --local, or locally for
// --dry-run=client. Result lines `service/web patched` / `patched (no change)` (kubectl drops the dry-run suffix
// here: its ToPrinter overwrites the operation), -o printing after the patch.

import { deepClone } from '../../../core/util/clone.ts'
import type { Verb, Invocation } from '../verb.ts'
import { ok } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { KubeObject } from '../../../core/api/types.ts'
import type { ResourceType } from '../../../core/api/kinds.ts'
import type { FlagSpec } from '../flags.ts'
import { str, bool, arr } from '../flags.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { dryRunFlag, printFlags, filenameFlags, fieldManagerFlag, recordFlag } from '../help-flags.ts'
import { dryRunOf, outputOf } from '../dryrun.ts'
import { CliError, CliErrors } from '../aggregate.ts'
import { errorText } from '../errors.ts'
import { readManifests } from '../manifest.ts'
import { parseResourceArgs, ResourceArgError } from '../resources.ts'
import { NO_RESOURCES, objectRef } from '../label-shared.ts'
import { formatObjects } from '../printers/index.ts'
import { jsonEqual } from '../lastapplied.ts'
import { newNotFound, StatusError } from '../../../core/apiserver/errors.ts'
import { qualifiedResource } from '../../../core/api/kinds.ts'
import { patchToJson, type PatchBody } from '../patch/input.ts'
import { localPatch, type PatchType } from '../patch/local.ts'
import { serverPatch, subresourceServed } from '../patch/server.ts'
import { scaleOf } from '../patch/scale.ts'

const TYPES = ['json', 'merge', 'strategic']
const SUBRESOURCES = ['status', 'scale']

const FLAGS: FlagSpec[] = [
  ...printFlags, dryRunFlag, ...filenameFlags('identifying the resource to update'), fieldManagerFlag('kubectl-patch'),
  { name: 'local', type: 'bool', default: false, usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
  { name: 'patch', short: 'p', type: 'string', default: '', usage: 'The patch to be applied to the resource JSON file.' },
  { name: 'patch-file', type: 'string', default: '', usage: 'A file containing a patch to be applied to the resource.' },
  { name: 'subresource', type: 'string', default: '', usage: `If specified, patch will operate on the subresource of the requested object. Must be one of [${SUBRESOURCES.join(' ')}]. This flag is alpha and may change in the future.` },
  { name: 'type', type: 'string', default: 'strategic', usage: `The type of patch being provided; one of [${TYPES.join(' ')}]` },
]

const HELP = renderHelp({
  name: 'patch', commandPath: 'kubectl patch', flags: FLAGS,
  long: longDesc(`
    Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

    JSON and YAML formats are accepted.

    Note: Strategic merge patch is not supported for custom resources.`),
  example: examples(`
    # Partially update a node using a strategic merge patch, specifying the patch as JSON
    kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

    # Partially update a node using a strategic merge patch, specifying the patch as YAML
    kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

    # Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
    kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'

    # Update a container's image; spec.containers[*].name is required because it's a merge key
    kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

    # Update a container's image using a JSON patch with positional arrays
    kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

    # Update a deployment's replicas through the 'scale' subresource using a merge patch
    kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`),
  use: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
})

/** One object the builder found: from the server (TYPE NAME, -f) or from the file (--local). */
interface Info { type: ResourceType; namespace: string | undefined; name: string; local?: KubeObject }

/** PatchOptions.Validate */
function validate(inv: Invocation, dry: string): void {
  const patch = str(inv.flags, 'patch'), file = str(inv.flags, 'patch-file')
  const local = bool(inv.flags, 'local')
  if (patch && file) throw new CliError('cannot specify --patch and --patch-file together')
  if (!patch && !file) throw new CliError('must specify --patch or --patch-file containing the contents of the patch')
  if (local && inv.args.length) throw new CliError('cannot specify --local and server resources')
  if (local && dry === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?')
  const t = str(inv.flags, 'type')
  if (t && !TYPES.includes(t.toLowerCase())) throw new CliError(`--type must be one of [${TYPES.join(' ')}], not ${JSON.stringify(t)}`)
}

/** The patch body: -p, or the --patch-file contents, through yaml.ToJSON. */
function readBody(inv: Invocation): PatchBody {
  const patch = str(inv.flags, 'patch'), file = str(inv.flags, 'patch-file')
  let text = patch
  if (file) {
    const content = inv.ctx.fs?.exists(file) && !inv.ctx.fs.isDir(file) ? inv.ctx.fs.read(file) : undefined
    if (content === undefined) {
      const why = inv.ctx.fs?.isDir(file) ? 'is a directory' : 'no such file or directory'
      throw new CliError(`unable to read patch file: ${inv.ctx.fs?.isDir(file) ? 'read' : 'open'} ${file}: ${why}`)
    }
    text = content
  }
  const r = patchToJson(text)
  if ('yamlError' in r) throw new CliError(`unable to parse ${JSON.stringify(patch)}: ${r.yamlError}`)
  return r
}

/** The resource builder: -f sources or TYPE NAME arguments (builder errors stop before any request). */
function collect(inv: Invocation, errs: unknown[]): Info[] {
  const filenames = arr(inv.flags, 'filename')
  const local = bool(inv.flags, 'local')
  if (filenames.length) {
    if (inv.args.length) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well')
    const read = readManifests(inv.ctx, { filenames, recursive: bool(inv.flags, 'recursive'), namespace: local ? '' : inv.namespace, enforceNamespace: inv.namespaceSet })
    errs.push(...read.errors)
    return read.items.map((i) => {
      if (local && i.obj.metadata.namespace === '') delete i.obj.metadata.namespace
      return { type: i.type, namespace: i.type.namespaced ? i.namespace || inv.namespace : undefined, name: i.obj.metadata.name, ...(local ? { local: i.obj } : {}) }
    })
  }
  if (inv.args.length === 0) throw new CliError(NO_RESOURCES)
  let sels
  try {
    sels = parseResourceArgs(inv.args)
  } catch (e) {
    if (e instanceof ResourceArgError) throw new CliError(e.message)
    throw e
  }
  const out: Info[] = []
  for (const s of sels) {
    if (!s.names.length) throw new CliError('resource(s) were provided, but no name was specified')
    for (const name of s.names) out.push({ type: s.type, namespace: s.type.namespaced ? inv.namespace : undefined, name })
  }
  return out
}

/** `service/web patched`, or the object in the -o format (checked only now, after the patch, as kubectl does). */
function print(inv: Invocation, o: KubeObject, changed: boolean): string {
  const output = outputOf(inv.flags)
  const ref = o.kind === 'Scale' ? `scale.autoscaling/${o.metadata.name}` : objectRef(o)
  if (output === 'name') return ref + '\n'
  if (output) return formatObjects([o], output)
  return `${ref} ${changed ? 'patched' : 'patched (no change)'}\n`
}

function patchOne(inv: Invocation, info: Info, type: PatchType, body: PatchBody, dry: string): { out: string; warnings: string } {
  // v1.32 checks --subresource nowhere on the client: an unknown one is a 404 of the builder's GET
  const sub = str(inv.flags, 'subresource')
  if (info.local) {
    const patched = localPatch(info.local, type, body)
    return { out: print(inv, patched, !jsonEqual(patched, info.local)), warnings: '' }
  }
  if (dry === 'client') {
    // the builder's GET, then the patch applied by kubectl itself
    const live = inv.ctx.cluster.store.get(info.type.kind, info.namespace, info.name)
    if (!live) throw newNotFound(qualifiedResource(info.type), info.name)
    if (!subresourceServed(live.kind, sub)) throw new StatusError('NotFound', 'the server could not find the requested resource')
    const current = sub === 'scale' ? scaleOf(live) : live
    const patched = localPatch(deepClone(current), type, body)
    return { out: print(inv, patched, !jsonEqual(patched, current)), warnings: '' }
  }
  const r = serverPatch(inv.ctx.cluster, {
    type: info.type, namespace: info.namespace, name: info.name, patchType: type, body, dryRun: dry === 'server', subresource: sub as '' | 'status' | 'scale',
  })
  if (dry === 'none' && r.object !== r.before) inv.ctx.cluster.settle()
  return { out: print(inv, r.object, !jsonEqual(r.object, r.before)), warnings: r.warnings }
}

function run(inv: Invocation): CommandResult {
  const dry = dryRunOf(inv.flags)
  validate(inv, dry)
  const type = (str(inv.flags, 'type') || 'strategic').toLowerCase() as PatchType
  const body = readBody(inv)
  const errs: unknown[] = []
  const infos = collect(inv, errs)
  let stdout = '', warnings = ''
  for (const info of infos) {
    try {
      const r = patchOne(inv, info, type, body, dry)
      stdout += r.out
      warnings += r.warnings
    } catch (e) {
      errs.push(e)
    }
  }
  if (!errs.length && infos.length === 0) errs.push(new CliError('no objects passed to patch'))
  if (!errs.length) return warnings ? { stdout, stderr: warnings, exitCode: 0 } : ok(stdout)
  return { stdout, stderr: warnings + errorText(errs.length === 1 ? errs[0] : new CliErrors(errs)), exitCode: 1 }
}

export const patch: Verb = {
  name: 'patch',
  short: 'Update fields of a resource',
  group: 'Advanced Commands',
  flags: [...FLAGS, recordFlag],
  help: HELP,
  run,
}
