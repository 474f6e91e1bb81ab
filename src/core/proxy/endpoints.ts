// The proxy's view of a Service's EndpointSlices (pkg/proxy endpointslicecache.go): per service port the
// endpoints of all slices, first address only, canonical IP, deduplicated, sorted by `ip:port` text; and
// CategorizeEndpoints (pkg/proxy/topology.go): which endpoints each traffic policy uses.

import type { EndpointSlice } from '../api/types.ts'
import type { EndpointInfo, ServicePortInfo } from './types.ts'
import { canonicalIPv4, servicePortKey, servicePortName, usesClusterEndpoints, usesLocalEndpoints } from './serviceport.ts'

/**
 * Endpoints per service-port key (`ns/svc[:port]/PROTO`) from one Service's slices. Slices are read in name
 * order; an endpoint seen twice keeps the non-terminating copy (a reused pod IP), else the first.
 */
export function endpointsFromSlices(namespace: string, service: string, slices: Iterable<EndpointSlice>, nodeName: string): Map<string, EndpointInfo[]> {
  const sets = new Map<string, Map<string, EndpointInfo>>()
  const sorted = [...slices].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
  for (const slice of sorted) {
    if (slice.addressType !== 'IPv4') continue
    for (const port of slice.ports ?? []) {
      if (port.port === undefined || port.port === null || port.port === 0) continue
      const key = servicePortKey(servicePortName(namespace, service, port.name ?? ''), port.protocol ?? 'TCP')
      let set = sets.get(key)
      if (!set) sets.set(key, (set = new Map()))
      for (const ep of slice.endpoints ?? []) {
        if (!ep.addresses?.length) continue
        const ip = canonicalIPv4(ep.addresses[0])
        if (!ip) continue
        const c = ep.conditions ?? {}
        const info: EndpointInfo = {
          endpoint: `${ip}:${port.port}`, ip, port: port.port,
          ready: c.ready ?? true, serving: c.serving ?? true, terminating: c.terminating ?? false,
          ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
          isLocal: !!ep.nodeName && ep.nodeName === nodeName,
        }
        const prev = set.get(info.endpoint)
        if (!prev || (prev.terminating && !info.terminating)) set.set(info.endpoint, info)
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>()
  for (const [key, set] of sets) {
    const list = [...set.values()]
    list.sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0))
    out.set(key, list)
  }
  return out
}

export interface Categorized {
  /** endpoints for policy Cluster (ready ones, or serving+terminating when none is ready) */
  clusterEndpoints: EndpointInfo[]
  /** endpoints for policy Local (this node's, same fallback) */
  localEndpoints: EndpointInfo[]
  /** every endpoint a KUBE-SEP chain is needed for, sorted */
  allReachable: EndpointInfo[]
  /** any usable endpoint anywhere in the cluster */
  hasAnyEndpoints: boolean
}

/** proxy.CategorizeEndpoints without topology hints (the lab's nodes carry no zones). */
export function categorizeEndpoints(endpoints: readonly EndpointInfo[], svc: ServicePortInfo): Categorized {
  let clusterEndpoints: EndpointInfo[] = []
  let localEndpoints: EndpointInfo[] = []
  let hasAnyEndpoints = false
  const useCluster = usesClusterEndpoints(svc)
  if (useCluster) {
    clusterEndpoints = endpoints.filter((e) => e.ready)
    if (!clusterEndpoints.length) clusterEndpoints = endpoints.filter((e) => e.serving && e.terminating)
    if (clusterEndpoints.length) hasAnyEndpoints = true
  }
  if (!usesLocalEndpoints(svc)) return { clusterEndpoints, localEndpoints, allReachable: clusterEndpoints, hasAnyEndpoints }
  let localReady = false, localServingTerminating = false
  for (const e of endpoints) {
    if (e.ready) { hasAnyEndpoints = true; if (e.isLocal) localReady = true }
    else if (e.serving && e.terminating) { hasAnyEndpoints = true; if (e.isLocal) localServingTerminating = true }
  }
  let servingTerminating = false
  if (localReady) localEndpoints = endpoints.filter((e) => e.isLocal && e.ready)
  else if (localServingTerminating) {
    servingTerminating = true
    localEndpoints = endpoints.filter((e) => e.isLocal && e.serving && e.terminating)
  }
  if (!useCluster) return { clusterEndpoints, localEndpoints, allReachable: localEndpoints, hasAnyEndpoints }
  if (!servingTerminating) return { clusterEndpoints, localEndpoints, allReachable: clusterEndpoints, hasAnyEndpoints }
  const merged = new Map<string, EndpointInfo>()
  for (const e of clusterEndpoints) merged.set(e.endpoint, e)
  for (const e of localEndpoints) merged.set(e.endpoint, e)
  const allReachable = [...merged.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0))
  return { clusterEndpoints, localEndpoints, allReachable, hasAnyEndpoints }
}
