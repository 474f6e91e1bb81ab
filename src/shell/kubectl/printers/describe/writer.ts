// kubectl describe's PrefixWriter and shared blocks (pkg/describe/describe.go): levels of two spaces,
// tab-separated cells aligned by a tabwriter (minwidth 0, padding 2), labels/annotations/tolerations/taints
// printed multi-line, and the Events table.

import type { KubeEvent, KubeObject, Taint, Toleration } from '../../../../core/api/types.ts'
import type { Store } from '../../../../core/apiserver/store.ts'
import { translateTimestampSince } from '../../age.ts'
import { tabify, DESCRIBE_TABS } from '../tabwriter.ts'

export class PrefixWriter {
  private buf = ''
  write(level: number, text: string): void {
    this.buf += '  '.repeat(level) + text
  }
  line(text: string): void {
    this.buf += text + '\n'
  }
  toString(): string {
    return tabify(this.buf, DESCRIBE_TABS)
  }
}

export interface DescribeContext {
  store: Store
  now: number
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const p2 = (n: number): string => String(n).padStart(2, '0')

/** Go time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`; the zero time for a missing timestamp. */
export function rfc1123z(ts: string | undefined | null): string {
  const ms = ts ? Date.parse(ts) : NaN
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000'
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`
}

/** printLabelsMultilineWithIndent */
export function labelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`)
  const keys = Object.keys(labels ?? {}).sort()
  if (keys.length === 0) return w.line('<none>')
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent)
    w.write(0, `${k}=${labels![k]}\n`)
  })
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration'])
const MAX_ANNOTATION = 140

/** printAnnotationsMultiline: last-applied-configuration skipped, long or multi-line values on their own lines. */
export function annotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort()
  if (keys.length === 0) return w.line('<none>')
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t')
    const value = annotations![k].replace(/\n$/, '')
    if (value.length + k.length + 2 > MAX_ANNOTATION || value.includes('\n')) {
      w.write(0, `${k}:\n`)
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION - 2 ? s.slice(0, MAX_ANNOTATION - 2) + '...' : s}\n`)
    } else w.write(0, `${k}: ${value}\n`)
  })
}

export function tolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`)
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0))
  if (list.length === 0) return w.line('<none>')
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, initialIndent + '\t')
    let s = t.key ?? ''
    if (t.value) s += `=${t.value}`
    if (t.effect) s += `:${t.effect}`
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists'
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`
    w.write(0, s + '\n')
  })
}

export function taintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(0, `${title}:\t`)
  const key = (t: Taint): string => `${t.effect},${t.key}`
  const list = [...(taints ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  if (list.length === 0) return w.line('<none>')
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t')
    w.write(0, `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}\n`)
  })
}

/** Events whose involvedObject is this object (searchEvents), oldest first as SortableEvents orders them. */
export function eventsFor(ctx: DescribeContext, obj: KubeObject): KubeEvent[] {
  const ns = obj.metadata.namespace
  const all = ctx.store.list('Event', ns) as KubeEvent[]
  const out = all.filter((e) => {
    const io = e.involvedObject
    if (io.name !== obj.metadata.name || io.kind !== obj.kind) return false
    if ((io.namespace ?? '') !== (ns ?? '') && !(obj.kind === 'Node')) return false
    return !io.uid || !obj.metadata.uid || io.uid === obj.metadata.uid || obj.kind === 'Node'
  })
  const t = (e: KubeEvent): number => Date.parse(e.lastTimestamp ?? e.firstTimestamp ?? '') || 0
  return out.sort((a, b) => t(a) - t(b))
}

/** DescribeEvents */
export function describeEvents(w: PrefixWriter, events: KubeEvent[], now: number): void {
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n')
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(1, '----\t------\t----\t----\t-------\n')
  for (const e of events) {
    const first = translateTimestampSince(e.firstTimestamp ?? (e as { eventTime?: string }).eventTime, now)
    const interval = (e.count ?? 1) > 1 ? `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})` : first
    const from = e.source?.component || ((e as { reportingComponent?: string }).reportingComponent ?? '')
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${from}\t${e.message.trim()}\n`)
  }
}
