// Printers for objects as data (cli-runtime pkg/printers): -o yaml | json | name | jsonpath=... |
// jsonpath-as-json=... | custom-columns=... . Verbs hand over the objects to print (a List for list requests).

import type { KubeObject } from '../../../core/api/types.ts'
import { toYaml } from './yaml.ts'
import { jsonpath, jsonpathValues, JSONPathError } from './jsonpath.ts'
import { goJson, goJsonIndent } from './json.ts'
import { typedObject } from './typed.ts'
import { tabify, TABLE_TABS } from './tabwriter.ts'

export class PrinterError extends Error {}

export const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'

/** kubectl's error for an unknown -o value. */
export function unknownFormatError(output: string): PrinterError {
  return new PrinterError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}`)
}

/** The `-o` format name: `jsonpath={.x}` -> `jsonpath`. */
export function formatName(output: string): string {
  const i = output.indexOf('=')
  return i < 0 ? output : output.slice(0, i)
}

/** Formats formatObjects prints (the rest are tables or unsupported). */
export function isDataFormat(output: string): boolean {
  return ['yaml', 'json', 'name', 'jsonpath', 'jsonpath-as-json', 'custom-columns'].includes(formatName(output))
}

/** `deployment.apps`, `service`: the GroupKind as the name printer writes it. */
function groupKind(o: KubeObject): string {
  const slash = o.apiVersion?.indexOf('/') ?? -1
  const group = slash > 0 ? o.apiVersion.slice(0, slash) : ''
  const kind = (o.kind ?? '').toLowerCase()
  return group ? `${kind}.${group}` : kind
}

const itemsOf = (o: KubeObject): KubeObject[] => (o.kind === 'List' || Array.isArray(o.items) ? ((o.items as KubeObject[]) ?? []) : [o])

/** The name printer: `service/web`, `deployment.apps/web`, one per line (List items expanded). */
export function nameLine(o: KubeObject): string {
  return `${groupKind(o)}/${o.metadata?.name ?? ''}\n`
}

function stripManagedFields(o: unknown): unknown {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return o
  const obj = o as KubeObject
  if (Array.isArray(obj.items)) return { ...obj, items: (obj.items as unknown[]).map(stripManagedFields) }
  if (obj.metadata && 'managedFields' in obj.metadata) {
    const md = { ...obj.metadata } as Record<string, unknown>
    delete md.managedFields
    return { ...obj, metadata: md }
  }
  return o
}

function customColumns(spec: string, objs: KubeObject[], noHeaders: boolean): string {
  if (!spec) throw new PrinterError('custom-columns format specified but no custom columns given')
  const cols = spec.split(',').map((part) => {
    const i = part.indexOf(':')
    if (i < 0) throw new PrinterError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`)
    let expr = part.slice(i + 1)
    if (!expr.startsWith('{')) expr = `{${expr.startsWith('.') ? '' : '.'}${expr}}`
    return { header: part.slice(0, i), expr }
  })
  const lines: string[] = []
  if (!noHeaders) lines.push(cols.map((c) => c.header).join('\t'))
  for (const o of objs) {
    lines.push(cols.map((c) => {
      const vals = jsonpathValues(c.expr, o)
      return vals.length ? vals.map((v) => (v && typeof v === 'object' ? goJson(v) : String(v))).join(',') : '<none>'
    }).join('\t'))
  }
  return tabify(lines.join('\n') + '\n', TABLE_TABS)
}

export interface FormatOptions {
  noHeaders?: boolean
  /** typed objects (built by kubectl itself: create <kind>, run, expose with --dry-run=client): -o json keeps the Go field order */
  typed?: boolean
}

/**
 * Render objects as `kubectl ... -o <output>` does. Several objects print one after another (yaml documents
 * separated by `---`); pass one List object to print a list. Throws PrinterError for a bad format or template.
 */
export function formatObjects(objs: KubeObject[], output: string, opts: FormatOptions = {}): string {
  const name = formatName(output)
  const arg = output.slice(name.length + 1)
  const clean = objs.map(stripManagedFields)
  switch (name) {
    case 'yaml':
      return clean.map((o, i) => (i > 0 ? '---\n' : '') + toYaml(o)).join('')
    case 'json':
      return clean.map((o) => goJsonIndent(opts.typed ? typedObject(o as KubeObject) : o) + '\n').join('')
    case 'name':
      return objs.flatMap(itemsOf).map(nameLine).join('')
    case 'jsonpath':
    case 'jsonpath-as-json': {
      if (!output.includes('=') || arg === '') throw new PrinterError('template format specified but no template given')
      const tpl = arg
      try {
        if (name === 'jsonpath-as-json') {
          const results = clean.flatMap((o) => jsonpathValues(tpl, o))
          return goJsonIndent(results) + '\n'
        }
        return clean.map((o) => jsonpath(tpl, o)).join('')
      } catch (e) {
        if (e instanceof JSONPathError) throw new PrinterError(`error parsing jsonpath ${tpl}, ${e.message}`)
        throw e
      }
    }
    case 'custom-columns':
      return customColumns(arg, clean.flatMap((o) => itemsOf(o as KubeObject)), !!opts.noHeaders)
  }
  throw unknownFormatError(output)
}

/** The List wrapper `kubectl get -o yaml|json` prints for list requests. */
export function asListObject(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } } as unknown as KubeObject
}
