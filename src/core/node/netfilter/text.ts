// A RuleSpec back to text: the iptables-save form (`-A CHAIN ! -s ... -j X`) and the -L match/target columns.

import type { Rule, RuleSpec } from '../types.ts'
import type { ExtDef } from './extension.ts'
import { NfRule } from './tables.ts'
import { MATCHES } from './matches.ts'
import { TARGETS } from './targets.ts'

function extSave(out: string[], def: ExtDef | undefined, opts: RuleSpec['matches'][number]['options']): void {
  for (const o of opts) {
    if (o.negate) out.push(' !')
    out.push(' --', o.name)
    if (o.value !== undefined) out.push(def?.saveValue ? def.saveValue(o.name, o.value) : ' ' + o.value)
  }
}

/**
 * everything after `-A CHAIN` as iptables-save prints it, with its leading space ('' for an empty rule).
 * Built with join so the result is one flat string (a cached `+=` chain would keep every piece alive).
 */
export function renderBody(spec: RuleSpec): string {
  const out: string[] = []
  if (spec.source) out.push(spec.source.negate ? ' ! -s ' : ' -s ', spec.source.cidr)
  if (spec.destination) out.push(spec.destination.negate ? ' ! -d ' : ' -d ', spec.destination.cidr)
  if (spec.inInterface) out.push(spec.inInterface.negate ? ' ! -i ' : ' -i ', spec.inInterface.name)
  if (spec.outInterface) out.push(spec.outInterface.negate ? ' ! -o ' : ' -o ', spec.outInterface.name)
  if (spec.protocol) out.push(spec.protocol.negate ? ' ! -p ' : ' -p ', spec.protocol.name)
  for (const m of spec.matches) {
    out.push(' -m ', m.module)
    extSave(out, MATCHES[m.module], m.options)
  }
  if (spec.target) {
    out.push(spec.goto ? ' -g ' : ' -j ', spec.target.name)
    if (spec.target.options.length) extSave(out, TARGETS[spec.target.name], spec.target.options)
  }
  return out.join('')
}

const bySpec = new WeakMap<RuleSpec, string>()

/** the saved body of a rule, computed once and cached (on the rule for restored rules, else by spec) */
export function ruleBody(rule: Rule): string {
  if (rule instanceof NfRule) return (rule.body ??= renderBody(rule.spec))
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
export function listExtensions(spec: RuleSpec, numeric: boolean): string {
  let s = ''
  for (const m of spec.matches) s += MATCHES[m.module]?.print(m.options, numeric) ?? ''
  if (spec.target) s += TARGETS[spec.target.name]?.print(spec.target.options, numeric) ?? ''
  return s
}
