// A RuleSpec back to text: the iptables-save form (`-A CHAIN ! -s ... -j X`) and the -L match/target columns.

import type { Rule, RuleSpec } from '../types.ts'
import type { ExtDef } from './extension.ts'
import { NfRule } from './intern.ts'
import { MATCHES } from './matches.ts'
import { TARGETS } from './targets.ts'
import { isShared } from './atoms.ts'
import type { ServicesDb } from './services.ts'

function extSave(def: ExtDef | undefined, opts: RuleSpec['matches'][number]['options']): string {
  let s = ''
  for (const o of opts) {
    if (o.negate) s += ' !'
    s += ' --' + o.name
    if (o.value !== undefined) s += def?.saveValue ? def.saveValue(o.name, o.value) : ' ' + o.value
  }
  return s
}

/** saved text of shared (interned) matches and targets, rendered once */
const partText = new WeakMap<object, string>()

/**
 * everything after `-A CHAIN` as iptables-save prints it, with its leading space ('' for an empty rule),
 * flattened (a cached concatenation would keep every piece alive).
 */
export function renderBody(spec: RuleSpec): string {
  let s = ''
  if (spec.source) s += (spec.source.negate ? ' ! -s ' : ' -s ') + spec.source.cidr
  if (spec.destination) s += (spec.destination.negate ? ' ! -d ' : ' -d ') + spec.destination.cidr
  if (spec.inInterface) s += (spec.inInterface.negate ? ' ! -i ' : ' -i ') + spec.inInterface.name
  if (spec.outInterface) s += (spec.outInterface.negate ? ' ! -o ' : ' -o ') + spec.outInterface.name
  if (spec.protocol) s += (spec.protocol.negate ? ' ! -p ' : ' -p ') + spec.protocol.name
  for (const m of spec.matches) {
    const shared = isShared(m)
    let t = shared ? partText.get(m) : undefined
    if (t === undefined) {
      t = ' -m ' + m.module + extSave(MATCHES[m.module], m.options)
      if (shared) partText.set(m, t)
    }
    s += t
  }
  const target = spec.target
  if (target) {
    s += (spec.goto ? ' -g ' : ' -j ') + target.name
    if (target.options.length) s += extSave(TARGETS[target.name], target.options)
  }
  s.charCodeAt(0)
  return s
}

const bySpec = new WeakMap<RuleSpec, string>()

/** the saved body of a rule, computed once and cached (on the rule for restored rules, else by spec) */
export function ruleBody(rule: Rule): string {
  if (rule instanceof NfRule) {
    const p = rule.parsed
    return (p.body ??= renderBody(p.spec))
  }
  let body = bySpec.get(rule.spec)
  if (body === undefined) {
    body = renderBody(rule.spec)
    bySpec.set(rule.spec, body)
  }
  return body
}

/** `-A CHAIN ...` exactly as iptables-save prints the rule (the trace engine's hop text) */
export function ruleText(chain: string, rule: Rule): string {
  return '-A ' + chain + ruleBody(rule)
}

/** the `--comment` of a rule, if any */
export function ruleComment(spec: RuleSpec): string | undefined {
  for (const m of spec.matches) if (m.module === 'comment') return m.options[0]?.value
  return undefined
}

/** the -L text after the address columns: matches then the target's own options */
export function listExtensions(spec: RuleSpec, numeric: boolean, services?: ServicesDb): string {
  let s = ''
  const ctx = { proto: spec.protocol?.name, services }
  for (const m of spec.matches) s += MATCHES[m.module]?.print(m.options, numeric, ctx) ?? ''
  if (spec.target) s += TARGETS[spec.target.name]?.print(spec.target.options, numeric) ?? ''
  return s
}
