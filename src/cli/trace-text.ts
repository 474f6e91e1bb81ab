// `--trace`: a Trace as readable text, one line per hop (where, chain or IPVS entry and rule, the packet before
// -> after, the sentence), then the verdict line. Plain data in, text out; the UI replays the same Trace.

import type { DnsHop, Hop, Packet, Trace } from '../trace/types.ts'

export function packetText(p: Packet): string {
  return p.protocol === 'ICMP' ? `ICMP ${p.src} -> ${p.dst}` : `${p.protocol} ${p.src}:${p.sport} -> ${p.dst}:${p.dport}`
}

function sameAddrs(a: Packet, b: Packet): boolean {
  return a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport && a.protocol === b.protocol
}

/** `web.default.svc.cluster.local. A (id 4242) -> NOERROR: A 10.96.0.5` */
export function dnsText(d: DnsHop): string {
  const q = `${d.question} (id ${d.id})`
  if (!d.rcode) return q
  return `${q} -> ${d.rcode}${d.answer?.length ? `: ${d.answer.join(', ')}` : d.rcode === 'NOERROR' ? ' (no records)' : ''}`
}

export function hopText(h: Hop, i: number): string {
  const where = `${h.where.host}${h.where.iface ? ` (${h.where.iface})` : ''}`
  let what = ''
  if (h.chain) what = ` ${h.table ?? ''}/${h.chain}${h.rule ? `: ${h.rule}` : ''}`
  else if (h.ipvs) what = ` ${h.ipvs.service}${h.ipvs.real ? ` -> ${h.ipvs.real}` : ''}`
  const pkt = sameAddrs(h.before, h.after) ? packetText(h.before) : `${packetText(h.before)} => ${packetText(h.after)}`
  const mark = h.after.mark !== h.before.mark ? ` mark 0x${h.after.mark.toString(16)}` : ''
  const dns = h.dns && (h.kind === 'send' || h.kind === 'app') ? `      dns: ${dnsText(h.dns)}\n` : ''
  return `  ${String(i + 1).padStart(2)}. [${h.kind}] ${where}${what}\n      ${pkt}${mark}: ${h.text}\n${dns}`
}

function endpointText(t: Trace): string {
  const e = t.endpoint
  if (!e) return ''
  return ` to ${e.kind} ${e.host} ${e.ip}:${e.port}${e.node && e.kind === 'pod' ? ` on ${e.node}` : ''}`
}

export function verdictText(t: Trace): string {
  let s = `verdict: ${t.verdict}`
  if (t.verdict === 'delivered') s += endpointText(t)
  if (t.reason) s += ` (${t.reason})`
  if (t.seenSource) s += `; the server saw the client as ${t.seenSource.ip}:${t.seenSource.port}`
  if (t.response) s += `; HTTP ${t.response.status} ${t.response.reason}`
  if (t.dns) s += `; DNS ${t.dns.rcode}, ${t.dns.answer.length} answer${t.dns.answer.length === 1 ? '' : 's'}`
  return s + `; ${t.rulesEvaluated} rules evaluated, ${t.ipvsLookups} IPVS lookups\n`
}

function fromText(t: Trace): string {
  const f = t.request.from
  return f.kind === 'pod' ? `pod ${f.namespace}/${f.name}` : `${f.kind === 'node' ? 'node' : 'host'} ${f.name}`
}

/** One trace: a title line, the hops, the verdict. */
export function traceText(t: Trace, n: number): string {
  const to = t.request.port !== undefined ? `${t.request.to}:${t.request.port}` : t.request.to
  const q = t.request.dns ? ` (DNS ${t.request.dns.question.name} ${t.request.dns.question.type})` : ''
  let out = `--- trace ${n}: ${t.request.protocol} ${fromText(t)} -> ${to}${q}\n`
  t.hops.forEach((h, i) => (out += hopText(h, i)))
  return out + verdictText(t)
}
