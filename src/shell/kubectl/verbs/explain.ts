// kubectl explain: a resource's or field's documentation in kubectl's plaintext layout (GROUP/KIND/VERSION,
// FIELD, DESCRIPTION, FIELDS), from the lab's copy of the upstream OpenAPI descriptions.

import type { Verb, Invocation } from '../verb.ts'
import { ok, fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { FlagSpec } from '../flags.ts'
import { str, bool } from '../flags.ts'
import { usageError } from '../errors.ts'
import { longDesc, examples, renderHelp, wordWrap } from '../help-format.ts'
import { resolveResource } from '../../../core/api/kinds.ts'
import { TYPES, type FieldDoc, type TypeDoc } from '../explain-docs.ts'
import { WORKLOAD_TYPES } from '../explain-docs-workloads.ts'

const FLAGS: FlagSpec[] = [
  { name: 'api-version', type: 'string', default: '', usage: 'Use given api-version (group/version) of the resource.' },
  { name: 'output', short: 'o', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
  { name: 'recursive', type: 'bool', default: false, usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their brief description.' },
]

const HELP = renderHelp({
  name: 'explain', commandPath: 'kubectl explain', flags: FLAGS,
  long: longDesc(`
    Describe fields and structure of various resources.

    This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:`)
    + '\n\n        <type>.<fieldName>[.<fieldName>]\n\n'
    + longDesc(`
    Information about each field is retrieved from the server in OpenAPI format.

    Use "kubectl api-resources" for a complete list of supported resources.`).replace(/^ ?/, ' '),
  example: examples(`
    # Get the documentation of the resource and its fields
    kubectl explain pods

    # Get all the fields in the resource
    kubectl explain pods --recursive

    # Get the explanation for deployment in supported api versions
    kubectl explain deployments --api-version=apps/v1

    # Get the documentation of a specific field of a resource
    kubectl explain pods.spec.containers

    # Get the documentation of resources in different format
    kubectl explain deployment --output=plaintext-openapiv2`),
  use: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
})

const ALL: Record<string, TypeDoc> = { ...TYPES, ...WORKLOAD_TYPES }

function indentWrap(text: string, indent: string): string {
  return text.split('\n').map((para) => (para.trim() ? wordWrap(para, 80 - indent.length) : '').split('\n').map((l) => indent + l).join('\n')).join('\n')
}

/** `[]ServicePort` -> `ServicePort` */
function baseType(t: string): string {
  return t.replace(/^\[\]/, '')
}

function fieldsBlock(type: TypeDoc, recursive: boolean, depth = 1): string {
  let s = ''
  for (const name of Object.keys(type.fields).sort()) {
    const f = type.fields[name]
    const pad = '  '.repeat(depth)
    if (recursive) {
      s += `${pad}${name}\t<${f.type}>${f.required ? ' -required-' : ''}\n`
      const sub = ALL[baseType(f.type)]
      if (sub && depth < 8) s += fieldsBlock(sub, true, depth + 1)
      continue
    }
    s += `  ${name}\t<${f.type}>${f.required ? ' -required-' : ''}\n`
    if (f.enum) s += `  enum: ${f.enum.join(', ')}\n`
    s += indentWrap(f.description, '    ') + '\n\n'
  }
  return s
}

function run(inv: Invocation): CommandResult {
  if (inv.args.length === 0) {
    return fail('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n')
  }
  if (inv.args.length > 1) return fail(usageError(inv.commandPath, `We accept only this format: explain RESOURCE`))
  const output = str(inv.flags, 'output')
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') return fail(`error: unsupported output format: ${output}`)
  const [typed, ...path] = inv.args[0].split('.').filter((x, i) => i === 0 || x !== '')
  const t = resolveResource(typed)
  if (!t) return fail(`error: the server doesn't have a resource type "${typed}"`)
  const apiVersion = str(inv.flags, 'api-version')
  const gv = t.group ? `${t.group}/${t.version}` : t.version
  if (apiVersion && apiVersion !== gv) return fail(`error: couldn't find resource for "${t.group ? `${t.group}/` : ''}${apiVersion.split('/').pop()}, Kind=${t.kind}"`)
  let type: TypeDoc | undefined = ALL[t.kind]
  let field: { name: string; doc: FieldDoc } | undefined
  for (const p of path) {
    const f: FieldDoc | undefined = type?.fields[p]
    if (!f) return fail(`error: field "${p}" does not exist`)
    field = { name: p, doc: f }
    type = ALL[baseType(f.type)]
  }
  let s = ''
  if (t.group) s += `GROUP:      ${t.group}\n`
  s += `KIND:       ${t.kind}\nVERSION:    ${t.version}\n\n`
  const recursive = bool(inv.flags, 'recursive')
  if (field) {
    s += `FIELD: ${field.name} <${field.doc.type}>\n`
    if (field.doc.enum && !type) s += `ENUM:\n${field.doc.enum.map((e) => `    ${e}\n`).join('')}`
    s += '\n'
  }
  const description = field ? [field.doc.description, type?.description].filter(Boolean).join('\n\n') : type?.description ?? ''
  s += `DESCRIPTION:\n${indentWrap(description, '    ')}\n    \n`
  if (type && Object.keys(type.fields).length) s += `FIELDS:\n${fieldsBlock(type, recursive)}`
  return ok(s + '\n')
}

export const explain: Verb = {
  name: 'explain',
  short: 'Get documentation for a resource',
  group: 'Basic Commands (Intermediate)',
  flags: FLAGS,
  help: HELP,
  run,
}
