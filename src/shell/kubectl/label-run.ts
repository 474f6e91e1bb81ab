// The body of kubectl label and kubectl annotate (pkg/cmd/label, pkg/cmd/annotate): KEY=VAL / KEY- pairs,
// --overwrite, --list, -l / --all, and their result lines (labeled, not labeled, unlabeled, annotated).

import type { Invocation } from './verb.ts'
import { ok, fail } from './verb.ts'
import type { CommandResult } from '../types.ts'
import type { KubeObject } from '../../core/api/types.ts'
import { str, bool } from './flags.ts'
import { dryRunMode } from './help-flags.ts'
import { resolveTargets, printChange } from './label-shared.ts'
import { deepClone } from '../../core/util/clone.ts'

type Mode = 'label' | 'annotation'

/** cmdutil.GetResourcesAndPairs */
export function splitResourcesAndPairs(args: string[], pairType: Mode): { resources: string[]; pairs: string[] } {
  const resources: string[] = [], pairs: string[] = []
  let found = false
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-')
    if (nonResource) {
      found = true
      pairs.push(s)
    } else if (!found) resources.push(s)
    else throw new Error(`all resources must be specified before ${pairType} changes: ${s}`)
  }
  return { resources, pairs }
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

function parsePairs(pairs: string[], mode: Mode): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>(), remove: string[] = []
  for (const p of pairs) {
    if (p.includes('=')) {
      const parts = p.split('=')
      if (mode === 'label') {
        if (parts.length !== 2) throw new Error(`invalid label spec: ${p}`)
        const v = parts[1]
        const errs: string[] = []
        if (v.length > 63) errs.push('must be no more than 63 characters')
        if (!LABEL_VALUE.test(v)) errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
        if (errs.length) throw new Error(`invalid label value: "${p}": ${errs.join(';')}`)
        set.set(parts[0], v)
      } else {
        const i = p.indexOf('=')
        if (i === 0) throw new Error(`invalid annotation format: ${p}`)
        set.set(p.slice(0, i), p.slice(i + 1))
      }
    } else if (p.endsWith('-')) remove.push(p.slice(0, -1))
    else throw new Error(mode === 'label' ? `unknown label spec: ${p}` : `invalid annotation format: ${p}`)
  }
  const both = remove.filter((r) => set.has(r))
  if (both.length) {
    throw new Error(mode === 'label'
      ? 'can not both modify and remove a label in the same command'
      : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`)
  }
  return { set, remove }
}

function field(o: KubeObject, mode: Mode): Record<string, string> | undefined {
  return mode === 'label' ? o.metadata.labels : o.metadata.annotations
}

function overwriteError(existing: Record<string, string>, set: Map<string, string>, mode: Mode): string | undefined {
  const keys = [...set.keys()].filter((k) => k in existing).sort()
  if (mode === 'annotation') {
    const hits = keys.filter((k) => k !== 'kubernetes.io/change-cause').map((k) => `'${k}' already has a value (${existing[k]})`)
    return hits.length ? `--overwrite is false but found the following declared annotation(s): ${hits.join('; ')}` : undefined
  }
  const errs = keys.map((k) => `'${k}' already has a value (${existing[k]}), and --overwrite is false`)
  return errs.length === 0 ? undefined : errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`
}

export function runLabelOrAnnotate(inv: Invocation, mode: Mode): CommandResult {
  const { resources, pairs } = splitResourcesAndPairs(inv.args, mode)
  const { set, remove } = parsePairs(pairs, mode)
  const list = bool(inv.flags, 'list')
  if (list && str(inv.flags, 'output')) return fail('error: --list and --output may not be specified together')
  const all = bool(inv.flags, 'all'), selector = str(inv.flags, 'selector')
  if (all && selector) return fail('error: cannot set --all and --selector at the same time')
  if (resources.length < 1 && !inv.flags.set.has('filename')) {
    return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>')
  }
  if (!set.size && !remove.length && !list) return fail(`error: at least one ${mode} update is required`)
  const dry = dryRunMode(str(inv.flags, 'dry-run'))
  const targets = resolveTargets(inv, resources, { selector, all, allNamespaces: bool(inv.flags, 'all-namespaces') })
  const rv = str(inv.flags, 'resource-version')
  const single = targets.length === 1 && !all && !selector
  if (rv && !single) return fail(`error: --resource-version may only be used with a single resource`)
  const overwrite = bool(inv.flags, 'overwrite')
  let out = ''
  for (const { obj } of targets) {
    const before = field(obj, mode) ?? {}
    if (mode === 'label' && !list && dry === 'none') {
      for (const r of remove) if (!(r in before)) out += `label "${r}" not found.\n`
    }
    if (!overwrite) {
      const err = overwriteError(before, set, mode)
      if (err) return fail(`error: ${err}`, out)
    }
    const next = deepClone(obj)
    const m: Record<string, string> = { ...(field(next, mode) ?? {}) }
    for (const [k, v] of set) m[k] = v
    for (const r of remove) delete m[r]
    if (mode === 'label') next.metadata.labels = m
    else next.metadata.annotations = m
    if (rv) next.metadata.resourceVersion = rv
    if (list) {
      const shown = Object.keys(m).sort()
      if (!single) out += `Listing ${mode === 'label' ? 'labels' : 'annotations'} for ${obj.kind}.${obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''}/${obj.metadata.name}:\n`
      for (const k of shown) out += `${single ? '' : ' '}${k}=${m[k]}\n`
      continue
    }
    const changed = JSON.stringify(before) !== JSON.stringify(m)
    let op = mode === 'label' ? 'labeled' : 'annotated'
    if (mode === 'label') {
      if (!changed) op = 'not labeled'
      else if (!overwrite && JSON.stringify(m).length < JSON.stringify(before).length) op = 'unlabeled'
    }
    if (dry === 'client') {
      out += printChange(inv, next, op, 'client')
      continue
    }
    const saved: KubeObject = inv.ctx.cluster.store.update(next, { cause: 'kubectl', dryRun: dry === 'server' })
    if (dry === 'none') inv.ctx.cluster.settle()
    out += printChange(inv, saved, op, dry)
  }
  return ok(out)
}
