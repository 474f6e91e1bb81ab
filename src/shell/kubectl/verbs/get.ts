// kubectl get: tables (one per kind, `kind/name` names when several kinds print), -o wide, -A, -l,
// --show-labels, --no-headers, and -o yaml|json|name|jsonpath|custom-columns (a List for list requests).

import type { Invocation, Verb } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { KubeObject } from '../../../core/api/types.ts'
import { qualifiedResource, type ResourceType } from '../../../core/api/kinds.ts'
import { newNotFound } from '../../../core/apiserver/errors.ts'
import { arr, bool, str } from '../flags.ts'
import { usageError } from '../errors.ts'
import { errorsText } from '../aggregate.ts'
import { parseResourceArgs, type ResourceSelection } from '../resources.ts'
import { parseSelector, selectorMatches } from '../label-selector.ts'
import { asListObject, formatName, formatObjects, unknownFormatError } from '../printers/index.ts'
import { tableLines } from '../printers/table.ts'
import { tabify, TABLE_TABS } from '../printers/tabwriter.ts'
import { HELP_TEXT, FLAGS } from './get-help.ts'

/** One unit of the resource builder's result: a whole list (table) for a type, or one named object. */
interface Info {
  type: ResourceType
  objects: KubeObject[]
}

export class GetError extends Error {}

/** -l and --field-selector filtering, as the API server applies them to a list. */
function filterFor(inv: Invocation, listed?: ResourceType): (o: KubeObject) => boolean {
  const sel = str(inv.flags, 'selector')
  const reqs = sel ? parseSelector(sel, listed) : []
  const fsel = str(inv.flags, 'field-selector')
  const freqs = fsel
    ? fsel.split(',').filter(Boolean).map((r) => {
      const m = r.match(/^([^=!]+)(==|=|!=)(.*)$/)
      if (!m) throw new GetError(`invalid field selector: '${r}'`)
      return { path: m[1].trim().split('.'), neg: m[2] === '!=', value: m[3].trim() }
    })
    : []
  return (o) => {
    if (reqs.length && !selectorMatches(reqs, o.metadata.labels)) return false
    for (const f of freqs) {
      let v: unknown = o
      for (const p of f.path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined
      const s = v === undefined || v === null ? '' : String(v)
      if ((s === f.value) === f.neg) return false
    }
    return true
  }
}

/** Run the resource builder: infos for what was found, errors (NotFound ...) for the rest. */
export function collect(inv: Invocation, sels: ResourceSelection[], allNamespaces: boolean): { infos: Info[]; errs: unknown[] } {
  const store = inv.ctx.cluster.store
  const keep = filterFor(inv, sels.find((s) => s.names.length === 0)?.type)
  const infos: Info[] = []
  const errs: unknown[] = []
  for (const s of sels) {
    const ns = s.type.namespaced ? (allNamespaces ? undefined : inv.namespace) : undefined
    if (s.names.length === 0) {
      infos.push({ type: s.type, objects: store.list(s.type.kind, ns).filter(keep) })
      continue
    }
    for (const name of s.names) {
      const o = store.get(s.type.kind, ns, name)
      if (o) infos.push({ type: s.type, objects: [o] })
      else errs.push(newNotFound(qualifiedResource(s.type), name))
    }
  }
  return { infos, errs }
}

function selections(inv: Invocation): ResourceSelection[] {
  const sels = parseResourceArgs(inv.args)
  const named = sels.some((s) => s.names.length)
  if (named && sels.length > 1 && !inv.args.some((a) => a.includes('/'))) throw new GetError('you must specify only one resource')
  if (named && str(inv.flags, 'selector')) throw new GetError('name cannot be provided when a selector is specified')
  if (named && bool(inv.flags, 'all-namespaces') && sels.some((s) => s.type.namespaced && s.names.length)) {
    throw new GetError('a resource cannot be retrieved by name across all namespaces')
  }
  return sels
}

function printGeneric(inv: Invocation, output: string, infos: Info[], errs: unknown[], singleItemImplied: boolean): CommandResult {
  const objs = infos.flatMap((i) => i.objects)
  if (singleItemImplied && errs.length) return { stdout: '', stderr: errorsText(errs), exitCode: 1 }
  const target = singleItemImplied && objs.length === 1 ? objs[0] : asListObject(objs)
  const stdout = formatObjects([target], output, { noHeaders: bool(inv.flags, 'no-headers') })
  return { stdout, stderr: errorsText(errs), exitCode: errs.length ? 1 : 0 }
}

function printTables(inv: Invocation, infos: Info[], errs: unknown[], allNamespaces: boolean): CommandResult {
  const kinds = new Set(infos.map((i) => i.type.kind))
  const withKind = kinds.size > 1 || bool(inv.flags, 'show-kind')
  const opts = {
    now: inv.ctx.cluster.clock.now(), wide: str(inv.flags, 'output') === 'wide', noHeaders: bool(inv.flags, 'no-headers'),
    withKind, showLabels: bool(inv.flags, 'show-labels'),
    labelColumns: arr(inv.flags, 'label-columns').flatMap((l) => l.split(',')).filter(Boolean),
  }
  // consecutive infos of one type share one table (kubectl keeps its printer until the resource changes)
  const groups: Info[][] = []
  for (const i of infos) {
    const last = groups[groups.length - 1]
    if (last && last[0].type === i.type) last.push(i)
    else groups.push([i])
  }
  let stdout = ''
  for (const g of groups) {
    const type = g[0].type
    const text = tableLines(type.kind, g.flatMap((i) => i.objects), { ...opts, withNamespace: allNamespaces && type.namespaced })
    if (!text) continue
    if (stdout) stdout += '\n'
    stdout += tabify(text, TABLE_TABS)
  }
  let stderr = ''
  if (!stdout && errs.length === 0 && !bool(inv.flags, 'ignore-not-found')) {
    const allNamespaced = !allNamespaces && infos.every((i) => i.type.namespaced)
    stderr = allNamespaced ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n'
  }
  return { stdout, stderr: stderr + errorsText(errs), exitCode: errs.length ? 1 : 0 }
}

const HUMAN = new Set(['', 'wide'])
const DATA = new Set(['yaml', 'json', 'name', 'jsonpath', 'jsonpath-as-json', 'custom-columns'])

function run(inv: Invocation): CommandResult {
  const output = str(inv.flags, 'output')
  if (inv.args.length === 0 && arr(inv.flags, 'filename').length === 0) {
    return {
      stdout: '',
      stderr: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        usageError(inv.commandPath, 'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).'),
      exitCode: 1,
    }
  }
  if (!HUMAN.has(output) && !DATA.has(formatName(output))) throw unknownFormatError(output)
  if (bool(inv.flags, 'show-labels') && !HUMAN.has(output)) throw new GetError(`--show-labels option cannot be used with ${output} printer`)
  if (arr(inv.flags, 'filename').length) throw new GetError('kubelab: `kubectl get -f` is not available in this lab; name the resources instead')
  const allNamespaces = bool(inv.flags, 'all-namespaces')
  const sels = selections(inv)
  const { infos, errs } = collect(inv, sels, allNamespaces)
  if (bool(inv.flags, 'ignore-not-found')) errs.length = 0
  if (!HUMAN.has(output)) {
    const pairs = sels.reduce((n, s) => n + s.names.length, 0)
    return printGeneric(inv, output, infos, errs, pairs === 1)
  }
  return printTables(inv, infos, errs, allNamespaces)
}

export const get: Verb = {
  name: 'get',
  short: 'Display one or many resources',
  group: 'Basic Commands (Intermediate)',
  flags: FLAGS,
  help: HELP_TEXT,
  run,
}
