// kubectl edit TYPE NAME: real kubectl opens $EDITOR on the object's YAML. The lab writes that YAML (with kubectl's
// header) to /tmp/kubectl-edit-<kind>-<name>.yaml, asks the page to open it, and the learner applies it.

import type { KubeObject } from '../../../core/api/types.ts'
import { newNotFound } from '../../../core/apiserver/errors.ts'
import { qualifiedResource } from '../../../core/api/kinds.ts'
import type { CommandResult } from '../../types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr, str } from '../flags.ts'
import { parseResourceArgs, ResourceArgError } from '../resources.ts'
import { readManifests } from '../manifest.ts'
import { CliError } from '../aggregate.ts'
import { formatObjects } from '../printers/index.ts'
import { asList } from './apply.ts'

/** The comment block kubectl puts above the object in the editor. */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`

export function editPath(objs: KubeObject[]): string {
  if (objs.length === 1) return `/tmp/kubectl-edit-${objs[0].kind.toLowerCase()}-${objs[0].metadata.name}.yaml`
  return '/tmp/kubectl-edit-list.yaml'
}

function targets(inv: Invocation): KubeObject[] {
  const { ctx, flags } = inv
  const filenames = arr(flags, 'filename')
  const out: KubeObject[] = []
  if (filenames.length) {
    const read = readManifests(ctx, { filenames, recursive: false, namespace: inv.namespace, enforceNamespace: inv.namespaceSet })
    if (read.errors.length) throw read.errors[0]
    for (const i of read.items) {
      const live = ctx.cluster.store.get(i.type.kind, i.type.namespaced ? i.namespace : undefined, i.obj.metadata.name)
      if (!live) throw newNotFound(qualifiedResource(i.type), i.obj.metadata.name)
      out.push(live)
    }
    return out
  }
  if (inv.args.length === 0) {
    throw new CliError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`)
  }
  let sels
  try {
    sels = parseResourceArgs(inv.args)
  } catch (e) {
    if (e instanceof ResourceArgError) throw new CliError(e.message)
    throw e
  }
  for (const s of sels) {
    const ns = s.type.namespaced ? inv.namespace : undefined
    if (s.names.length === 0) {
      out.push(...ctx.cluster.store.list(s.type.kind, ns))
      continue
    }
    for (const name of s.names) {
      const live = ctx.cluster.store.get(s.type.kind, ns, name)
      if (!live) throw newNotFound(qualifiedResource(s.type), name)
      out.push(live)
    }
  }
  return out
}

function run(inv: Invocation): CommandResult {
  const output = str(inv.flags, 'output') || 'yaml'
  if (output !== 'yaml' && output !== 'json') throw new CliError(`the flag 'output' must be one of yaml|json`)
  const objs = targets(inv)
  if (objs.length === 0) throw new CliError('edit cancelled, no objects found')
  const body = formatObjects(asList(objs), output)
  const content = (output === 'yaml' ? EDIT_HEADER : '') + body
  const path = editPath(objs)
  inv.ctx.fs.mkdir('/tmp')
  inv.ctx.fs.write(path, content)
  inv.ctx.effect({ kind: 'edit', path, content })
  const note = `kubelab: on a real cluster kubectl edit opens an editor. Here the object is in ${path}, open in the editor:\n` +
    `kubelab: change it and press Apply, or run: kubectl apply -f ${path}\n`
  return { stdout: content, stderr: note, exitCode: 0 }
}

export const edit: Verb = {
  name: 'edit',
  short: 'Edit a resource on the server',
  group: 'Basic Commands (Intermediate)',
  help: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.

Examples:
  # Edit the service named 'registry'
  kubectl edit svc/registry
  
  # Use an alternative editor
  KUBE_EDITOR="nano" kubectl edit svc/registry
  
  # Edit the job 'myjob' in JSON using the v1 API format
  kubectl edit job.v1.batch/myjob -o json
  
  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kubectl edit deployment/mydeployment -o yaml --save-config
  
  # Edit the 'status' subresource for the 'mydeployment' deployment
  kubectl edit deployment mydeployment --subresource='status'

Usage:
  kubectl edit (RESOURCE/NAME | -f FILENAME) [options]`,
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files to use to edit the resource' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'save-config', type: 'bool', default: false, usage: "If true, the configuration of current object will be saved in its annotation." },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
    { name: 'windows-line-endings', type: 'bool', default: false, usage: 'Defaults to the line ending native to your platform.' },
    { name: 'subresource', type: 'string', default: '', usage: 'If specified, edit will operate on the subresource of the requested object.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit', usage: 'Name of the manager used to track field ownership.' },
    { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  ],
  run,
}
