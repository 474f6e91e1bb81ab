// The human-readable table printer (cli-runtime printers/tableprinter.go): the server-side table for a kind
// (columns.ts), plus NAMESPACE first with -A, `kind/name` names when several kinds print, LABELS with
// --show-labels, wide-only columns with -o wide, no header line with --no-headers.

import type { KubeObject } from '../../../core/api/types.ts'
import { typeForKind } from '../../../core/api/kinds.ts'
import { tableFor, type RowContext } from './columns/index.ts'

export interface TableOptions {
  now: number
  wide: boolean
  noHeaders: boolean
  withNamespace: boolean
  withKind: boolean
  showLabels: boolean
  /** -L/--label-columns: extra columns with these labels' values */
  labelColumns?: string[]
}

export { formatLabelsMap as formatLabels } from './columns/labels.ts'
import { formatLabelsMap as formatLabels } from './columns/labels.ts'

/** `deployment.apps`, `service`: the prefix of NAME when several kinds print together. */
export function kindPrefix(kind: string): string {
  const t = typeForKind(kind)
  return t?.group ? `${kind.toLowerCase()}.${t.group}` : kind.toLowerCase()
}

/**
 * Tab-separated lines (header + one row per object) for objects of one kind. Empty string for no objects:
 * kubectl prints no header for an empty table. The caller runs all lines of one kind through tabify.
 */
export function tableLines(kind: string, objs: readonly KubeObject[], opts: TableOptions): string {
  if (objs.length === 0) return ''
  const def = tableFor(kind)
  const ctx: RowContext = { now: opts.now, wide: opts.wide }
  const keep = def.columns.map((c) => opts.wide || !c.wide)
  const header: string[] = def.columns.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase())
  if (opts.withNamespace) header.unshift('NAMESPACE')
  const labelCols = opts.labelColumns ?? []
  for (const l of labelCols) header.push(l.split('/').pop()!.toUpperCase())
  if (opts.showLabels) header.push('LABELS')
  const lines: string[] = []
  if (!opts.noHeaders) lines.push(header.join('\t'))
  const nameIdx = def.columns.findIndex((c) => c.name === 'Name')
  for (const o of objs) {
    const all = def.row(o, ctx)
    if (opts.withKind && nameIdx >= 0) all[nameIdx] = `${kindPrefix(o.kind)}/${all[nameIdx]}`
    const cells = all.filter((_, i) => keep[i])
    if (opts.withNamespace) cells.unshift(o.metadata.namespace ?? '')
    for (const l of labelCols) cells.push(o.metadata.labels?.[l] ?? '')
    if (opts.showLabels) cells.push(formatLabels(o.metadata.labels))
    lines.push(cells.join('\t'))
  }
  return lines.join('\n') + '\n'
}
