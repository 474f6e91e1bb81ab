// DNS records in the layouts the tools print: bind's master-file columns (dig: owner, TTL, class, type and
// data indented to columns 24/32/40/48 as bind's masterdump does), the one-liners of host and
// nslookup (bind with absolute names, busybox without the trailing dot), reverse names, dig's WHEN date.

import type { DnsQuestion, ResourceRecord } from '../../core/dns/types.ts'

/**
 * Appends fields, each followed by bind's indent to the next field's column (masterdump.c): the target is at
 * least one past the current column; tabs to reach it (tab stops every 8), else spaces.
 */
function columns(fields: string[], stops: number[]): string {
  let out = ''
  let col = 0
  fields.forEach((f, i) => {
    out += f
    col += f.length
    if (i === fields.length - 1) return
    const to = Math.max(stops[i], col + 1)
    const tabs = Math.floor(to / 8) - Math.floor(col / 8)
    out += tabs > 0 ? '\t'.repeat(tabs) + ' '.repeat(to % 8) : ' '.repeat(to - col)
    col = to
  })
  return out
}

/** `web.default.svc.cluster.local. 30 IN\tA\t10.96.0.5` as dig prints a record */
export function digRecord(r: ResourceRecord): string {
  return columns([r.name, String(r.ttl), 'IN', r.type, r.data], [24, 32, 40, 48])
}

/** `;web.default.svc.cluster.local.\tIN\tA` as dig prints the question */
export function digQuestion(q: DnsQuestion): string {
  return columns([';' + q.name, 'IN', q.type], [32, 40])
}

/** `d.c.b.a.in-addr.arpa.` for an IPv4 address */
export function reverseName(ip: string): string {
  return ip.split('.').reverse().join('.') + '.in-addr.arpa.'
}

export const noDot = (n: string) => (n.length > 1 ? n.replace(/\.$/, '') : n)

/** The text after the owner name in nslookup's lines: `canonical name = x.`, `service = 0 100 80 x.`, `name = x.` */
export function nslookupData(r: ResourceRecord, dots: boolean): string | undefined {
  const d = dots ? r.data : r.data.split(' ').map(noDot).join(' ')
  switch (r.type) {
    case 'CNAME': return `canonical name = ${d}`
    case 'SRV': return `service = ${d}`
    case 'PTR': return `name = ${d}`
    case 'MX': return `mail exchanger = ${d}`
    case 'NS': return `nameserver = ${d}`
    case 'TXT': return `text = ${d}`
    default: return undefined
  }
}

/** host's sentence for a record (`has address`, `is an alias for`, `has SRV record` ...) */
export function hostLine(r: ResourceRecord): string {
  const owner = noDot(r.name)
  switch (r.type) {
    case 'A': return `${owner} has address ${r.data}`
    case 'AAAA': return `${owner} has IPv6 address ${r.data}`
    case 'CNAME': return `${owner} is an alias for ${r.data}`
    case 'PTR': return `${r.name.replace(/\.$/, '')} domain name pointer ${r.data}`
    case 'MX': return `${owner} mail is handled by ${r.data}`
    case 'NS': return `${owner} name server ${r.data}`
    case 'TXT': return `${owner} descriptive text ${r.data}`
    default: return `${owner} has ${r.type} record ${r.data}`
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const p2 = (n: number) => String(n).padStart(2, '0')

/** dig's `;; WHEN:` date: `Sun Dec 06 04:08:44 UTC 2026` */
export function digWhen(ms: number): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
}
