// Shared pieces of the writing verbs: --dry-run and -o parsing, result lines (`service/web created (dry run)`),
// and the flags kubectl adds with AddDryRunFlag / PrintFlags / AddValidateFlags.

import type { KubeObject } from '../../core/api/types.ts'
import { qualifiedKind, typeForKind } from '../../core/api/kinds.ts'
import type { FlagSpec, ParsedFlags } from './flags.ts'
import { str } from './flags.ts'
import { CliError } from './aggregate.ts'

export type DryRun = 'none' | 'client' | 'server'

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
}
export const OUTPUT_FLAG: FlagSpec = {
  name: 'output', short: 'o', type: 'string', default: '',
  usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
}
export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict',
  usage: 'Must be one of: strict (or true), warn, ignore (or false).',
}
export const FIELD_MANAGER_FLAG = (dflt: string): FlagSpec => ({ name: 'field-manager', type: 'string', default: dflt, usage: 'Name of the manager used to track field ownership.' })
export const SAVE_CONFIG_FLAG: FlagSpec = {
  name: 'save-config', type: 'bool', default: false,
  usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.",
}
export const SHOW_MANAGED_FIELDS_FLAG: FlagSpec = { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' }
export const TEMPLATE_FLAG: FlagSpec = { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file.' }
export const ALLOW_MISSING_TEMPLATE_KEYS_FLAG: FlagSpec = { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template.' }

/** The flags every object-building create sub-command has. */
export const GENERATOR_FLAGS: FlagSpec[] = [
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG, DRY_RUN_FLAG, FIELD_MANAGER_FLAG('kubectl-create'), OUTPUT_FLAG, SAVE_CONFIG_FLAG,
  SHOW_MANAGED_FIELDS_FLAG, TEMPLATE_FLAG, VALIDATE_FLAG,
]

/** cmdutil.GetDryRunStrategy */
export function dryRunOf(flags: ParsedFlags): DryRun {
  const v = str(flags, 'dry-run')
  switch (v) {
    // `--dry-run` alone: client, with klog's deprecation warning (printed by the dispatcher, see index.ts)
    case 'unchanged': return 'client'
    case 'client': case 'server': case 'none': return v
    case '': return 'none'
    default: throw new CliError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`)
  }
}

const FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml']

/** -o value checked as PrintFlags.ToPrinter does: '' means the `<kind>/<name> <operation>` line. */
export function outputOf(flags: ParsedFlags): string {
  const o = str(flags, 'output')
  if (o === '') return ''
  const base = o.split('=')[0]
  if (!FORMATS.includes(base)) {
    throw new CliError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS.join(',')}`)
  }
  return o
}

/** --validate: strict|true|warn|ignore|false */
export function validationOf(flags: ParsedFlags): 'Strict' | 'Warn' | 'Ignore' {
  const v = str(flags, 'validate').toLowerCase()
  if (v === 'strict' || v === 'true' || v === '') return 'Strict'
  if (v === 'warn') return 'Warn'
  if (v === 'ignore' || v === 'false') return 'Ignore'
  throw new CliError(`invalid - validate option "${str(flags, 'validate')}"; must be one of: strict (or true), warn, ignore (or false)`)
}

/** `deployment.apps/web` */
export function resourceName(obj: KubeObject): string {
  const t = typeForKind(obj.kind)
  const k = t ? qualifiedKind(t) : obj.kind.toLowerCase()
  return `${k}/${obj.metadata?.name ?? ''}`
}

/** `deployment.apps/web created (dry run)` (cli-runtime NamePrinter with the operation and the dry-run suffix) */
export function resultLine(obj: KubeObject, operation: string, dryRun: DryRun): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  return `${resourceName(obj)} ${operation}${suffix}\n`
}
