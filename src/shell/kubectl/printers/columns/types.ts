// The shape of one kind's server-side table (k/k pkg/printers/internalversion): column definitions and a row.

import type { KubeObject } from '../../../../core/api/types.ts'

export interface Column {
  /** as upstream names it (`Name`, `Cluster-IP`, `Nominated Node`); printed upper case */
  name: string
  /** priority != 0 upstream: shown only with -o wide */
  wide?: boolean
}

export interface RowContext {
  /** virtual now, ms */
  now: number
  wide: boolean
}

export interface TableDef {
  columns: Column[]
  /** one cell per column, wide ones included */
  row(obj: KubeObject, ctx: RowContext): string[]
}

/** `a,b,c + N more...` as the printers cut long lists. */
export function listWithMore(list: string[], count: number, max = 3): string {
  const shown = list.slice(0, max).join(',')
  return count > max ? `${shown} + ${count - max} more...` : shown
}
