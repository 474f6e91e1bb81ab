// kubectl delete: by TYPE NAME..., TYPE/NAME, -f FILE|-, -l selector, --all (-A); v1.32 result lines
// `service "web" deleted`, `force deleted`, dry-run suffixes, `No resources found`, and kubectl's argument errors.

import { qualifiedKind, qualifiedResource, type ResourceType } from '../../../core/api/kinds.ts'
import { StatusError, newNotFound } from '../../../core/apiserver/errors.ts'
import { deleteObject as apiDelete, type PropagationPolicy } from '../../../core/apiserver/delete.ts'
import type { Cluster } from '../../../core/cluster/types.ts'
import type { CommandResult } from '../../types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr, bool, int, str } from '../flags.ts'
import { parseResourceArgs, ResourceArgError } from '../resources.ts'
import { readManifests } from '../manifest.ts'
import { addSourceToErr, errorsText, CliError } from '../aggregate.ts'
import { dryRunOf, DRY_RUN_FLAG, type DryRun } from '../dryrun.ts'
import { parseSelector, selectorMatches, SelectorParseError } from '../label-selector.ts'
import { waitForDeletion, type Awaited } from '../wait-deleted.ts'
import { parseDuration } from './logs.ts'

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`

interface Target { type: ResourceType; namespace: string | undefined; name: string; source: string }

function cascadeOf(v: string): { mode: 'background' | 'foreground' | 'orphan'; warning: string } {
  switch (v) {
    case 'background': case 'foreground': case 'orphan': return { mode: v, warning: '' }
    case 'true': return { mode: 'background', warning: 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n' }
    case 'false': return { mode: 'orphan', warning: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n' }
    default: throw new CliError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`)
  }
}

/** DELETE through the API server (graceful for pods, Terminating for namespaces); what is still there is awaited. */
function deleteObject(cluster: Cluster, t: Target, mode: string, dryRun: DryRun, grace: number): Awaited | undefined {
  const store = cluster.store
  if (dryRun === 'client') {
    if (!store.get(t.type.kind, t.namespace, t.name)) throw newNotFound(qualifiedResource(t.type), t.name)
    return undefined
  }
  const policy = (mode[0].toUpperCase() + mode.slice(1)) as PropagationPolicy
  const r = apiDelete(store, t.type.kind, t.namespace, t.name, {
    cause: 'kubectl', propagationPolicy: policy, dryRun: dryRun === 'server', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
  })
  return r.gone ? undefined : { type: t.type, namespace: t.namespace, name: t.name, uid: r.object.metadata.uid }
}

function collectTargets(inv: Invocation, errs: unknown[]): Target[] | CommandResult {
  const { ctx, flags } = inv
  const filenames = arr(flags, 'filename')
  const selector = str(flags, 'selector')
  const all = bool(flags, 'all'), allNs = bool(flags, 'all-namespaces')
  if (filenames.length) {
    if (inv.args.length) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well')
    const read = readManifests(ctx, { filenames, recursive: bool(flags, 'recursive'), namespace: inv.namespace, enforceNamespace: inv.namespaceSet })
    errs.push(...read.errors)
    let reqs
    try {
      reqs = selector ? parseSelector(selector) : undefined
    } catch (e) {
      if (e instanceof SelectorParseError) throw new CliError(`the provided selector "${selector}" is not valid: ${e.message}`)
      throw e
    }
    return read.items
      .filter((i) => !reqs || selectorMatches(reqs, i.obj.metadata.labels))
      .map((i) => ({ type: i.type, namespace: i.type.namespaced ? i.namespace : undefined, name: i.obj.metadata.name, source: i.source }))
  }
  if (inv.args.length === 0) throw new CliError(NO_RESOURCES)
  let sels
  try {
    sels = parseResourceArgs(inv.args)
  } catch (e) {
    if (e instanceof ResourceArgError) throw new CliError(e.message)
    throw e
  }
  const out: Target[] = []
  for (const s of sels) {
    if (s.names.length) {
      if (selector || all) throw new CliError('name cannot be provided when a selector is specified')
      if (allNs) throw new CliError('a resource cannot be retrieved by name across all namespaces')
      for (const name of s.names) out.push({ type: s.type, namespace: s.type.namespaced ? inv.namespace : undefined, name, source: '' })
      continue
    }
    if (!selector && !all) throw new CliError('resource(s) were provided, but no name was specified')
    // the selector goes to the API server with the list request, which parses it
    const reqs = selector ? parseSelector(selector, s.type) : undefined
    const listNs = !s.type.namespaced || allNs ? undefined : inv.namespace
    for (const o of ctx.cluster.store.list(s.type.kind, listNs)) {
      if (reqs && !selectorMatches(reqs, o.metadata.labels)) continue
      out.push({ type: s.type, namespace: s.type.namespaced ? o.metadata.namespace : undefined, name: o.metadata.name, source: '' })
    }
  }
  return out
}

function run(inv: Invocation): CommandResult {
  const { ctx, flags } = inv
  const output = str(flags, 'output')
  if (output !== '' && output !== 'name') throw new CliError(`unexpected -o output mode: ${output}. We only support '-o name'`)
  if (bool(flags, 'all') && str(flags, 'selector')) throw new CliError('cannot set --all and --selector at the same time')
  const dryRun = dryRunOf(flags)
  const force = bool(flags, 'force')
  let grace = int(flags, 'grace-period')
  let stderr = ''
  if (bool(flags, 'now')) {
    if (grace !== -1) throw new CliError('--now and --grace-period cannot be specified together')
    grace = 1
  }
  if (grace === 0 && !force) grace = 1
  if (force && grace < 0) grace = 0
  if (grace === 0 && force) stderr += 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n'
  else if (grace > 0 && force) throw new CliError('--force and --grace-period greater than 0 cannot be specified together')
  const cascade = cascadeOf(str(flags, 'cascade'))
  stderr = cascade.warning + stderr
  const errs: unknown[] = []
  const targets = collectTargets(inv, errs)
  if (!Array.isArray(targets)) return targets
  const ignoreNotFound = flags.set.has('ignore-not-found') ? bool(flags, 'ignore-not-found') : bool(flags, 'all') || !!str(flags, 'selector')
  let stdout = ''
  let wrote = false
  const pending: Awaited[] = []
  for (const t of targets) {
    try {
      const left = deleteObject(ctx.cluster, t, cascade.mode, dryRun, grace)
      if (left) pending.push(left)
      if (dryRun === 'none') wrote = true
      const kind = qualifiedKind(t.type)
      if (output === 'name') stdout += `${kind}/${t.name}\n`
      else {
        const op = (grace === 0 ? 'force deleted' : 'deleted') + (dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '')
        stdout += `${kind} "${t.name}" ${op}\n`
      }
    } catch (e) {
      if (ignoreNotFound && e instanceof StatusError && e.reason === 'NotFound') continue
      errs.push(addSourceToErr('deleting', t.source, e))
    }
  }
  if (wrote) ctx.cluster.settle()
  // --wait (default): virtual time runs on until the objects are gone (grace periods, finalizers)
  if (pending.length && bool(flags, 'wait')) errs.push(...waitForDeletion(ctx.cluster, pending, parseDuration(str(flags, 'timeout'))).map((m) => new CliError(m)))
  if (targets.length === 0 && errs.length === 0) stdout += 'No resources found\n'
  return { stdout, stderr: stderr + errorsText(errs), exitCode: errs.length ? 1 : 0 }
}

export const deleteVerb: Verb = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  group: 'Basic Commands (Intermediate)',
  help: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.

Examples:
  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json
  
  # Delete a pod based on the type and name in the JSON passed into stdin
  cat pod.json | kubectl delete -f -
  
  # Delete pods and services with same names "baz" and "foo"
  kubectl delete pod,service baz foo
  
  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel
  
  # Delete a pod with minimal delay
  kubectl delete pod foo --now
  
  # Force delete a pod on a dead node
  kubectl delete pod foo --force
  
  # Delete all pods
  kubectl delete pods --all

Usage:
  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]`,
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'containing the resource to delete.' },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'kustomize', short: 'k', type: 'string', default: '', usage: 'Process a kustomization directory.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'field-selector', type: 'string', default: '', usage: 'Selector (field query) to filter on.' },
    { name: 'all', type: 'bool', default: false, usage: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Defaults to background.' },
    { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative.' },
    { name: 'now', type: 'bool', default: false, usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a delete.' },
    { name: 'interactive', short: 'i', type: 'bool', default: false, usage: 'If true, delete resource only when user confirms.' },
    { name: 'raw', type: 'string', default: '', usage: 'Raw URI to DELETE to the server.' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    DRY_RUN_FLAG,
  ],
  run,
}
