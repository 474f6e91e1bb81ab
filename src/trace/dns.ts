// DNS carried by a traced UDP datagram: the DNS server process of the pod the datagram reached answers it
// through `cluster.dns.serve` (src/core/dns), and hops show the question and the answer in one line each.

import type { Cluster } from '../core/cluster/types.ts'
import type { DnsControl, DnsQuestion, DnsResponse } from '../core/dns/types.ts'
import type { Socket } from './deliver.ts'
import type { DnsHop, DnsPayload } from './types.ts'

/** `cluster.dns` (the DNS work), when this cluster has one. */
export function dnsOf(cluster: Cluster): DnsControl | undefined {
  return (cluster as { dns?: DnsControl }).dns
}

/** `web.default.svc.cluster.local. A` */
export function questionText(q: DnsQuestion): string {
  return `${q.name} ${q.type}`
}

/** The hop's view of a query, and of its response once there is one. */
export function dnsHop(query: DnsPayload, resp?: DnsResponse): DnsHop {
  const h: DnsHop = { id: query.id, question: questionText(query.question) }
  if (resp) {
    h.rcode = resp.rcode
    h.answer = resp.answer.map((r) => `${r.type} ${r.data}`)
    h.servedBy = resp.servedBy
  }
  return h
}

/** `NOERROR: A 10.96.0.1`, `NXDOMAIN`, `NOERROR, no AAAA record (NODATA)` */
export function answerSummary(resp: DnsResponse): string {
  if (resp.rcode !== 'NOERROR') return resp.rcode
  if (!resp.answer.length) return `NOERROR, no ${resp.question.type} record (NODATA)`
  return `NOERROR: ${resp.answer.map((r) => `${r.type} ${r.data}`).join(', ')}`
}

/**
 * The reply of the DNS server behind `sock` to a query that arrived on its port from `seen` (after NAT), or
 * undefined when no DNS server answers there (the datagram then meets no listener).
 */
export function serveDns(cluster: Cluster, sock: Socket, port: number, query: DnsPayload, seen: { ip: string; port: number }): DnsResponse | undefined {
  const dns = dnsOf(cluster)
  const pod = sock.pod
  if (!dns || !pod || sock.protocol !== 'UDP') return undefined
  return dns.serve({ namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name }, port, { ...query, clientIP: seen.ip, clientPort: seen.port })
}
