// Virtual servers and their real servers, as syncService/syncEndpoint and the graceful-termination manager of
// pkg/proxy/ipvs keep them: endpoints chosen by proxy.CategorizeEndpoints, new real servers weight 1 Masq (the
// kernel links each new destination at the HEAD of the service's list), removed ones deleted at once when they
// carry no connections (always for UDP/SCTP), otherwise kept with weight 0 until their connections drain.

import type { Ipvs, IpvsScheduler, IpvsStats, RealServer, VirtualServer } from '../../node/types.ts'
import type { EndpointInfo, ServicePortInfo } from '../types.ts'

export const zeroStats = (): IpvsStats => ({ conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 })

export const vsKey = (protocol: string, address: string, port: number): string => `${protocol}:${address}:${port}`
export const rsKey = (rs: { address: string; port: number }): string => `${rs.address}:${rs.port}`

/** externallyAccessible(): a NodePort, an LB VIP or an external IP */
function externallyAccessible(s: ServicePortInfo): boolean {
  return s.nodePort !== 0 || s.loadBalancerIPs.length > 0 || s.externalIPs.length > 0
}
const usesClusterEndpoints = (s: ServicePortInfo) => !s.internalPolicyLocal || (externallyAccessible(s) && !s.externalPolicyLocal)
const usesLocalEndpoints = (s: ServicePortInfo) => s.internalPolicyLocal || (externallyAccessible(s) && s.externalPolicyLocal)

/**
 * proxy.CategorizeEndpoints (no topology hints): cluster endpoints are the ready ones, or when none is ready the
 * serving-and-terminating ones; local endpoints are this node's ready ones, else its serving-and-terminating ones.
 */
export function categorizeEndpoints(eps: readonly EndpointInfo[], svc: ServicePortInfo): { cluster: EndpointInfo[]; local: EndpointInfo[] } {
  let cluster: EndpointInfo[] = []
  if (usesClusterEndpoints(svc)) {
    cluster = eps.filter((e) => e.ready)
    if (!cluster.length) cluster = eps.filter((e) => e.serving && e.terminating)
  }
  let local: EndpointInfo[] = []
  if (usesLocalEndpoints(svc)) {
    local = eps.filter((e) => e.isLocal && e.ready)
    if (!local.length) local = eps.filter((e) => e.isLocal && e.serving && e.terminating)
  }
  return { cluster, local }
}

/** syncEndpoint's choice: local endpoints for a Local policy (all cluster endpoints when none is local, #97081) */
export function endpointsForVirtualServer(svc: ServicePortInfo, eps: readonly EndpointInfo[], onlyNodeLocal: boolean): EndpointInfo[] {
  const { cluster, local } = categorizeEndpoints(eps, svc)
  if (onlyNodeLocal) return local.length ? local : cluster
  return cluster
}

export interface VirtualServerSpec {
  protocol: VirtualServer['protocol']
  address: string
  port: number
  scheduler: IpvsScheduler
  persistentTimeout?: number
  flags: string[]
}

const sameFlags = (a: string[], b: string[]) => a.length === b.length && a.every((f, i) => f === b[i])

/** syncService: add the virtual server, or update scheduler/flags/timeout in place (real servers stay) */
export function syncVirtualServer(ipvs: Ipvs, spec: VirtualServerSpec): VirtualServer {
  const key = vsKey(spec.protocol, spec.address, spec.port)
  const cur = ipvs.services.get(key)
  if (!cur) {
    const vs: VirtualServer = { ...spec, flags: [...spec.flags], realServers: [], stats: zeroStats() }
    if (spec.persistentTimeout === undefined) delete vs.persistentTimeout
    ipvs.services.set(key, vs)
    return vs
  }
  if (cur.scheduler !== spec.scheduler || cur.persistentTimeout !== spec.persistentTimeout || !sameFlags(cur.flags, spec.flags)) {
    cur.scheduler = spec.scheduler
    cur.flags = [...spec.flags]
    if (spec.persistentTimeout === undefined) delete cur.persistentTimeout
    else cur.persistentTimeout = spec.persistentTimeout
  }
  return cur
}

/** UDP and SCTP real servers are deleted at once (expire_nodest_conn drops their flows); TCP ones drain */
const gracefulNeeded = (protocol: string) => protocol === 'TCP'

function deleteRealServer(ipvs: Ipvs, vs: VirtualServer, rs: RealServer): void {
  vs.realServers = vs.realServers.filter((r) => r !== rs)
  const real = rsKey(rs)
  const suffix = `|${vsKey(vs.protocol, vs.address, vs.port)}`
  for (const [k, t] of ipvs.templates) if (k.endsWith(suffix) && t.real === real) ipvs.templates.delete(k)
}

/** GracefulDeleteRS: delete now if nothing is connected, else weight 0 (the manager retries later) */
function gracefulDelete(ipvs: Ipvs, vs: VirtualServer, rs: RealServer): void {
  if (gracefulNeeded(vs.protocol) && rs.activeConn + rs.inActConn !== 0) rs.weight = 0
  else deleteRealServer(ipvs, vs, rs)
}

/**
 * syncEndpoint: make the real servers of `vs` the given endpoints. Go iterates the new endpoint set in random
 * order; the lab adds them in descending `ip:port` order so that a fresh service's list (head insertion) reads
 * ascending, and later additions land at the head as in the kernel.
 */
export function syncRealServers(ipvs: Ipvs, vs: VirtualServer, endpoints: readonly EndpointInfo[]): void {
  const wanted = new Map<string, EndpointInfo>()
  for (const e of endpoints) wanted.set(`${e.ip}:${e.port}`, e)
  const keys = [...wanted.keys()].sort().reverse()
  for (const k of keys) {
    const e = wanted.get(k)!
    const cur = vs.realServers.find((r) => rsKey(r) === k)
    if (cur) {
      if (cur.weight !== 0) continue
      // in the graceful-delete list: MoveRSOutofGracefulDeleteList deletes it, then it is added afresh
      deleteRealServer(ipvs, vs, cur)
    }
    vs.realServers.unshift({ address: e.ip, port: e.port, weight: 1, forward: 'Masq', activeConn: 0, inActConn: 0, stats: zeroStats() })
  }
  for (const rs of [...vs.realServers]) {
    if (wanted.has(rsKey(rs))) continue
    gracefulDelete(ipvs, vs, rs)
  }
}

/** cleanLegacyService: delete virtual servers not created in this sync (with their persistence templates) */
export function deleteVirtualServer(ipvs: Ipvs, key: string): void {
  if (!ipvs.services.delete(key)) return
  const suffix = `|${key}`
  for (const k of [...ipvs.templates.keys()]) if (k.endsWith(suffix)) ipvs.templates.delete(k)
}
