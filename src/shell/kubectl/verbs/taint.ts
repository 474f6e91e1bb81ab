// kubectl taint: add (`key=value:Effect`, `key:Effect`), change (--overwrite) or remove (`key-`, `key:Effect-`)
// taints on nodes named, selected with -l or --all (kubectl pkg/cmd/taint: parseTaints, reorganizeTaints).

import { deepClone } from '../../../core/util/clone.ts'
import type { Node, Taint } from '../../../core/api/types.ts'
import { isQualifiedName, isValidLabelValue } from '../../../core/apiserver/validation/names.ts'
import type { CommandResult } from '../../types.ts'
import type { Invocation, Verb } from '../verb.ts'
import type { FlagSpec } from '../flags.ts'
import { bool, str } from '../flags.ts'
import { examples, longDesc, renderHelp } from '../help-format.ts'
import { dryRunFlag, dryRunMode, fieldManagerFlag, printFlags } from '../help-flags.ts'
import { errorText, usageError } from '../errors.ts'
import { parseSelector, selectorMatches } from '../label-selector.ts'
import { lookupType } from '../resources.ts'
import { newNotFound } from '../../../core/apiserver/errors.ts'
import { nodeLine } from './cordon.ts'

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

class TaintError extends Error {}

/** corev1.Taint ToString: `key=value:effect`, `key:effect`, `key=value:`, `key` */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>` */
export function parseTaint(st: string): Taint {
  const parts = st.split(':')
  let key: string, value = '', effect = ''
  if (parts.length === 1) key = parts[0]
  else if (parts.length === 2) {
    effect = parts[1]
    if (!EFFECTS.includes(effect)) throw new TaintError(`invalid taint effect: ${effect}, unsupported taint effect`)
    const kv = parts[0].split('=')
    if (kv.length > 2) throw new TaintError(`invalid taint spec: ${st}`)
    key = kv[0]
    if (kv.length === 2) {
      value = kv[1]
      const errs = isValidLabelValue(value)
      if (errs.length) throw new TaintError(`invalid taint spec: ${st}, ${errs.join('; ')}`)
    }
  } else throw new TaintError(`invalid taint spec: ${st}`)
  const errs = isQualifiedName(key)
  if (errs.length) throw new TaintError(`invalid taint spec: ${st}, ${errs.join('; ')}`)
  return { key, ...(value ? { value } : {}), effect } as Taint
}

/** parseTaints: the taints to add and to remove */
export function parseTaints(spec: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [], remove: Taint[] = []
  const unique = new Map<string, Set<string>>()
  for (const s of spec) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1))
      remove.push({ key: t.key, effect: t.effect } as Taint)
      continue
    }
    const t = parseTaint(s)
    if (!t.effect) throw new TaintError(`invalid taint spec: ${s}`)
    const seen = unique.get(t.effect) ?? new Set<string>()
    if (seen.has(t.key)) throw new TaintError(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`)
    seen.add(t.key)
    unique.set(t.effect, seen)
    add.push(t)
  }
  return { add, remove }
}

const matches = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect

/** reorganizeTaints: the node's new taint list, the operation printed, and the removal errors */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { op: string; taints: Taint[]; errors: string[] } {
  let taints = [...add]
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o)
  const added = old.length !== taints.length
  const errors: string[] = []
  let deleted = false
  for (const r of remove) {
    const before = taints.length
    taints = taints.filter((t) => (r.effect ? !matches(r, t) : t.key !== r.key))
    deleted = taints.length !== before
    if (!deleted) errors.push(`taint "${taintString(r)}" not found`)
  }
  const op = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted'
  return { op, taints, errors }
}

function run(inv: Invocation): CommandResult {
  const cluster = inv.ctx.cluster
  let stdout = ''
  try {
    const dry = dryRunMode(str(inv.flags, 'dry-run'))
    const resources: string[] = [], specs: string[] = []
    for (const s of inv.args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-')
      if (isTaint) specs.push(s)
      else if (specs.length) throw new TaintError(`all resources must be specified before taint changes: ${s}`)
      else resources.push(s)
    }
    if (!resources.length) throw new TaintError('one or more resources must be specified as <resource> <name>')
    if (!specs.length) throw new TaintError('at least one taint update is required')
    let parsed
    try {
      parsed = parseTaints(specs)
    } catch (e) {
      return { stdout: '', stderr: usageError(inv.commandPath, (e as Error).message), exitCode: 1 }
    }
    const type = lookupType(resources[0].toLowerCase())
    if (type.kind !== 'Node') throw new TaintError(`invalid resource type ${resources[0].toLowerCase()}, only node types are supported`)
    const conflicts: string[] = []
    for (const a of parsed.add) for (const r of parsed.remove) if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`{"${r.key}":"${r.effect ?? ''}"}`)
    if (conflicts.length) throw new TaintError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`)
    const all = bool(inv.flags, 'all'), selector = str(inv.flags, 'selector')
    if (all && selector) throw new TaintError("setting 'all' parameter with a non empty selector is prohibited")
    if (!all && !selector && resources.length < 2) throw new TaintError("at least one resource name must be specified since 'all' parameter is not set")
    let nodes: Node[]
    if (all || selector) {
      const reqs = selector ? parseSelector(selector, type) : []
      nodes = (cluster.store.list('Node') as Node[]).filter((n) => selectorMatches(reqs, n.metadata.labels))
    } else {
      nodes = resources.slice(1).map((name) => {
        const n = cluster.store.get('Node', undefined, name) as Node | undefined
        if (!n) throw newNotFound('nodes', name)
        return n
      })
    }
    const overwrite = bool(inv.flags, 'overwrite')
    const errors: string[] = []
    for (const n of nodes) {
      const old = n.spec?.taints ?? []
      if (!overwrite) {
        const exists = parsed.add.filter((t) => old.some((o) => matches(t, o))).map((t) => t.key)
        if (exists.length) { errors.push(`error: node ${n.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`); continue }
      }
      const r = reorganizeTaints(old, overwrite, parsed.add, parsed.remove)
      if (r.errors.length) { errors.push(...r.errors); continue }
      if (dry !== 'client') {
        const next = deepClone(n)
        next.spec = { ...next.spec, taints: r.taints }
        if (!r.taints.length) delete next.spec.taints
        cluster.store.update(next, { cause: 'kubectl', dryRun: dry === 'server' })
      }
      stdout += nodeLine(n.metadata.name, r.op, dry)
    }
    if (dry !== 'client') cluster.settle()
    if (errors.length) return { stdout, stderr: errors.map((e) => e + '\n').join(''), exitCode: 1 }
    return { stdout, stderr: '', exitCode: 0 }
  } catch (e) {
    return { stdout, stderr: errorText(e), exitCode: 1 }
  }
}

const FLAGS: FlagSpec[] = [
  { name: 'all', type: 'bool', default: false, usage: 'Select all nodes in the cluster' },
  ...printFlags, dryRunFlag, fieldManagerFlag('kubectl-taint'),
  { name: 'overwrite', type: 'bool', default: false, usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
  { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', usage: `Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.` },
]

export const taint: Verb = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  group: 'Cluster Management Commands',
  flags: FLAGS,
  help: renderHelp({
    name: 'taint', commandPath: 'kubectl taint', flags: FLAGS, use: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
    long: longDesc(`
      Update the taints on one or more nodes.

      * A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
      * The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
      * Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
      * The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
      * The effect must be NoSchedule, PreferNoSchedule or NoExecute.
      * Currently taint can only apply to node.`),
    example: examples(`
      # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
      # If a taint with that key and effect already exists, its value is replaced as specified
      kubectl taint nodes foo dedicated=special-user:NoSchedule

      # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
      kubectl taint nodes foo dedicated:NoSchedule-

      # Remove from node 'foo' all the taints with key 'dedicated'
      kubectl taint nodes foo dedicated-

      # Add a taint with key 'dedicated' on nodes having label myLabel=X
      kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

      # Add to node 'foo' a taint with key 'bar' and no value
      kubectl taint nodes foo bar:NoSchedule`),
  }),
  run,
}
