// The STUB resolver: the name -> IPv4 step of curl, wget, ping and nc until the DNS issue lands. It answers from
// /etc/hosts, then, only in pods with dnsPolicy ClusterFirst and only while the cluster has DNS (the kube-dns
// Service has a ready endpoint), with Service and pod names through the pod's search list. No query is traced.
// THE DNS ISSUE REPLACES THIS FILE with real queries to CoreDNS (resolv.conf, ndots, every attempt traced).

import type { Cluster } from '../../core/cluster/types.ts'
import type { EndpointSlice, Pod, Service } from '../../core/api/types.ts'
import type { CommandContext } from '../types.ts'
import { podOf } from './access.ts'
import { hostsFileOf } from './hostfs.ts'

/** `name`: the name the resolver's answer carries (the FQDN for cluster records, the hosts-file name), for ping's reply lines */
export type Resolution = { ok: true; ip: string; name?: string } | { ok: false }

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/

export function isIPv4(s: string): boolean {
  return IPV4.test(s)
}

/** Looks a name up in hosts-file text (first matching line wins, names are case-insensitive). */
export function lookupHosts(text: string, name: string): string | undefined {
  const want = name.toLowerCase().replace(/\.$/, '')
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim()
    if (!line) continue
    const [ip, ...names] = line.split(/\s+/)
    if (isIPv4(ip) && names.some((n) => n.toLowerCase() === want)) return ip
  }
  return undefined
}

/** Does the cluster answer DNS (kube-dns Service with a ready endpoint)? */
export function clusterHasDns(cluster: Cluster): boolean {
  const svc = cluster.store.get('Service', 'kube-system', 'kube-dns') as Service | undefined
  if (!svc) return false
  const slices = cluster.store.list('EndpointSlice', 'kube-system') as EndpointSlice[]
  return slices.some((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'kube-dns' &&
    (s.endpoints ?? []).some((e) => e.conditions?.ready !== false))
}

/** A fully qualified cluster name (`web.default.svc.cluster.local`, `10-244-1-5.default.pod.cluster.local`) -> IP. */
export function clusterRecord(cluster: Cluster, fqdn: string): string | undefined {
  const zone = '.' + cluster.profile.clusterDomain
  const n = fqdn.toLowerCase().replace(/\.$/, '')
  if (!n.endsWith(zone)) return undefined
  const labels = n.slice(0, -zone.length).split('.')
  if (labels.length === 3 && labels[2] === 'svc') {
    const svc = cluster.store.get('Service', labels[1], labels[0]) as Service | undefined
    if (!svc || svc.spec.type === 'ExternalName') return undefined
    if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return svc.spec.clusterIP
    // headless: the first ready endpoint
    const slices = cluster.store.list('EndpointSlice', labels[1]) as EndpointSlice[]
    for (const s of slices) {
      if (s.metadata.labels?.['kubernetes.io/service-name'] !== labels[0]) continue
      const e = (s.endpoints ?? []).find((x) => x.conditions?.ready !== false)
      if (e) return e.addresses[0]
    }
    return undefined
  }
  if (labels.length === 3 && labels[2] === 'pod' && /^\d+-\d+-\d+-\d+$/.test(labels[0])) {
    const ip = labels[0].replace(/-/g, '.')
    return isIPv4(ip) ? ip : undefined
  }
  return undefined
}

/** The search list of a pod with dnsPolicy ClusterFirst, or undefined when the pod does not use cluster DNS. */
export function clusterSearch(cluster: Cluster, pod: Pod | undefined): string[] | undefined {
  if (!pod) return undefined
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst'
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork)
  if (!clusterFirst) return undefined
  const d = cluster.profile.clusterDomain
  return [`${pod.metadata.namespace ?? 'default'}.svc.${d}`, `svc.${d}`, d]
}

/** name -> IPv4 as the host context's resolver would answer (IP literals, /etc/hosts, then cluster DNS in pods). */
export function resolveName(ctx: Pick<CommandContext, 'cluster' | 'host' | 'fs'>, name: string): Resolution {
  if (isIPv4(name)) return { ok: true, ip: name }
  const fromHosts = lookupHosts(hostsFileOf(ctx.cluster, ctx.host, ctx.fs), name)
  if (fromHosts) return { ok: true, ip: fromHosts, name }
  const search = clusterSearch(ctx.cluster, podOf(ctx.cluster, ctx.host))
  if (!search || !clusterHasDns(ctx.cluster)) return { ok: false }
  const dots = name.replace(/\.$/, '').split('.').length - 1
  const candidates = name.endsWith('.') ? [name] : dots >= 5 ? [name, ...search.map((s) => `${name}.${s}`)] : [...search.map((s) => `${name}.${s}`), name]
  for (const c of candidates) {
    const ip = clusterRecord(ctx.cluster, c)
    if (ip) return { ok: true, ip, name: c.replace(/\.$/, '') }
  }
  return { ok: false }
}
