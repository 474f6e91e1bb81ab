// Test helpers for the DNS tests (not used by production code): ask a cluster's coredns pod a question.

import type { Pod } from '../api/types.ts'
import type { Cluster } from '../cluster/types.ts'
import type { DnsResponse, RRType, ResourceRecord } from './types.ts'

export function corednsPods(c: Cluster): Pod[] {
  return (c.store.list('Pod', 'kube-system') as Pod[]).filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns')
}

let nextId = 100

/** The reply of the first coredns pod (or `pod`) to `name`/`type` on port 53. */
export function ask(c: Cluster, name: string, type: RRType, pod?: Pod): DnsResponse {
  const p = pod ?? corednsPods(c)[0]
  const r = c.dns.serve({ namespace: 'kube-system', name: p.metadata.name }, 53, { id: nextId++, question: { name, type }, rd: true, clientIP: '10.244.1.9' })
  if (!r) throw new Error(`no DNS server in ${p.metadata.name}`)
  return r
}

/** dig-style lines (tab separated) of a section, sorted when `sort`. */
export function lines(rrs: ResourceRecord[], sort = false): string[] {
  const l = rrs.map((r) => `${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.data}`)
  return sort ? l.sort() : l
}
