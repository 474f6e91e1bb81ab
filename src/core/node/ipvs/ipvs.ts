// The IPVS table of one namespace: virtual services, their real servers, the connection table and the
// persistence templates, with the operations and error texts of libipvs (`ipvsadm -A/-E/-D/-a/-e/-d/-Z`).

import type { Ipvs, IpvsConnection, IpvsScheduler, IpvsStats, RealServer, VirtualServer } from '../types.ts'

export type IpvsProtocol = VirtualServer['protocol']

/** An error with ipvs_strerror()'s text, which ipvsadm prints on stderr (exit code 1). */
export class IpvsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IpvsError'
  }
}

/** libipvs messages (ipvs_strerror, per operation and errno) */
export const IPVS_ERRORS = {
  serviceExists: 'Service already exists',
  schedulerNotFound: 'Scheduler not found',
  noSuchService: 'No such service',
  serviceNotDefined: 'Service not defined',
  destinationExists: 'Destination already exists',
  noSuchDestination: 'No such destination',
} as const

export const IPVS_SCHEDULERS: readonly IpvsScheduler[] = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq', 'mh']

/** The key of a virtual service in Ipvs.services: `TCP:10.96.0.1:443` */
export function ipvsKey(protocol: IpvsProtocol, address: string, port: number): string {
  return `${protocol}:${address}:${port}`
}

export function zeroStats(): IpvsStats {
  return { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 }
}

export interface VirtualServerSpec {
  protocol: IpvsProtocol
  address: string
  port: number
  scheduler?: IpvsScheduler
  persistentTimeout?: number
  flags?: string[]
}

export function getVirtualServer(ipvs: Ipvs, protocol: IpvsProtocol, address: string, port: number): VirtualServer | undefined {
  return ipvs.services.get(ipvsKey(protocol, address, port))
}

function mustGet(ipvs: Ipvs, s: VirtualServerSpec, message: string): VirtualServer {
  const vs = getVirtualServer(ipvs, s.protocol, s.address, s.port)
  if (!vs) throw new IpvsError(message)
  return vs
}

function checkScheduler(name: string): IpvsScheduler {
  if (!(IPVS_SCHEDULERS as readonly string[]).includes(name)) throw new IpvsError(IPVS_ERRORS.schedulerNotFound)
  return name as IpvsScheduler
}

/** `ipvsadm -A`: the scheduler defaults to wlc, as ipvsadm's DEF_SCHED (kube-proxy always passes one). */
export function addVirtualServer(ipvs: Ipvs, s: VirtualServerSpec): VirtualServer {
  const key = ipvsKey(s.protocol, s.address, s.port)
  if (ipvs.services.has(key)) throw new IpvsError(IPVS_ERRORS.serviceExists)
  const vs: VirtualServer = {
    protocol: s.protocol, address: s.address, port: s.port, scheduler: checkScheduler(s.scheduler ?? 'wlc'),
    persistentTimeout: s.persistentTimeout, flags: [...(s.flags ?? [])], realServers: [], stats: zeroStats(),
  }
  ipvs.services.set(key, vs)
  return vs
}

/** `ipvsadm -E`: change scheduler, persistence or flags of an existing virtual service. */
export function updateVirtualServer(ipvs: Ipvs, s: VirtualServerSpec): VirtualServer {
  const vs = mustGet(ipvs, s, IPVS_ERRORS.noSuchService)
  if (s.scheduler !== undefined) vs.scheduler = checkScheduler(s.scheduler)
  vs.persistentTimeout = s.persistentTimeout
  vs.flags = [...(s.flags ?? [])]
  return vs
}

/** `ipvsadm -D`: the service and its real servers go; connections stay until they expire, as in the kernel. */
export function deleteVirtualServer(ipvs: Ipvs, s: Pick<VirtualServerSpec, 'protocol' | 'address' | 'port'>): void {
  const key = ipvsKey(s.protocol, s.address, s.port)
  if (!ipvs.services.delete(key)) throw new IpvsError(IPVS_ERRORS.noSuchService)
}

/** `ipvsadm -C` */
export function clearIpvs(ipvs: Ipvs): void {
  ipvs.services.clear()
}

export interface RealServerSpec {
  address: string
  port: number
  weight?: number
  forward?: RealServer['forward']
}

type ServiceRef = Pick<VirtualServerSpec, 'protocol' | 'address' | 'port'>

function findReal(vs: VirtualServer, address: string, port: number): number {
  return vs.realServers.findIndex((r) => r.address === address && r.port === port)
}

/** `ipvsadm -a`: weight 1 and masquerading unless given (ipvsadm's default forwarding is gatewaying; kube-proxy uses Masq). */
export function addRealServer(ipvs: Ipvs, svc: ServiceRef, r: RealServerSpec): RealServer {
  const vs = mustGet(ipvs, svc, IPVS_ERRORS.serviceNotDefined)
  if (findReal(vs, r.address, r.port) >= 0) throw new IpvsError(IPVS_ERRORS.destinationExists)
  const rs: RealServer = {
    address: r.address, port: r.port, weight: r.weight ?? 1, forward: r.forward ?? 'Masq', activeConn: 0, inActConn: 0, stats: zeroStats(),
  }
  vs.realServers.push(rs)
  return rs
}

/** `ipvsadm -e`: a new weight (0 drains a terminating endpoint) or forwarding method. */
export function updateRealServer(ipvs: Ipvs, svc: ServiceRef, r: RealServerSpec): RealServer {
  const vs = mustGet(ipvs, svc, IPVS_ERRORS.serviceNotDefined)
  const i = findReal(vs, r.address, r.port)
  if (i < 0) throw new IpvsError(IPVS_ERRORS.noSuchDestination)
  const rs = vs.realServers[i]
  if (r.weight !== undefined) rs.weight = r.weight
  if (r.forward !== undefined) rs.forward = r.forward
  return rs
}

/** `ipvsadm -d` */
export function deleteRealServer(ipvs: Ipvs, svc: ServiceRef, r: Pick<RealServerSpec, 'address' | 'port'>): void {
  const vs = mustGet(ipvs, svc, IPVS_ERRORS.serviceNotDefined)
  const i = findReal(vs, r.address, r.port)
  if (i < 0) throw new IpvsError(IPVS_ERRORS.noSuchDestination)
  vs.realServers.splice(i, 1)
}

/** `ipvsadm -Z [service]`: zero the counters of one service or all. */
export function zeroCounters(ipvs: Ipvs, svc?: ServiceRef): void {
  const list = svc ? [mustGet(ipvs, svc, IPVS_ERRORS.noSuchService)] : [...ipvs.services.values()]
  for (const vs of list) {
    vs.stats = zeroStats()
    for (const rs of vs.realServers) rs.stats = zeroStats()
  }
}

/** TCP connections in these states count as InActConn; every other TCP state is ActiveConn (ip_vs_proto_tcp). */
const INACTIVE_TCP = new Set(['NONE', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'SYN_RECV', 'FIN_WAIT'])

function isActive(c: IpvsConnection): boolean {
  return c.protocol === 'TCP' && !INACTIVE_TCP.has(c.state)
}

/** Recompute every real server's ActiveConn/InActConn from the connection table. */
export function recountConnections(ipvs: Ipvs): void {
  const counts = new Map<string, { a: number; i: number }>()
  for (const c of ipvs.connections) {
    const k = `${ipvsKey(c.protocol, c.virtual, c.vport)}|${c.destination}:${c.dport}`
    const n = counts.get(k) ?? { a: 0, i: 0 }
    if (isActive(c)) n.a++
    else n.i++
    counts.set(k, n)
  }
  for (const [key, vs] of ipvs.services) {
    for (const rs of vs.realServers) {
      const n = counts.get(`${key}|${rs.address}:${rs.port}`)
      rs.activeConn = n?.a ?? 0
      rs.inActConn = n?.i ?? 0
    }
  }
}

/** A new entry in the connection table (the trace engine calls this when IPVS schedules a packet). */
export function addConnection(ipvs: Ipvs, c: IpvsConnection): IpvsConnection {
  ipvs.connections.push(c)
  recountConnections(ipvs)
  return c
}

/** Age the connection table by `seconds`: entries whose timer runs out leave it. */
export function expireConnections(ipvs: Ipvs, seconds: number): void {
  if (seconds <= 0) return
  let changed = false
  for (let i = ipvs.connections.length - 1; i >= 0; i--) {
    const c = ipvs.connections[i]
    c.expire -= seconds
    if (c.expire <= 0) { ipvs.connections.splice(i, 1); changed = true }
  }
  if (changed) recountConnections(ipvs)
}

/** The persistence template key: `client|TCP:vip:port` */
export function templateKey(client: string, svc: ServiceRef): string {
  return `${client}|${ipvsKey(svc.protocol, svc.address, svc.port)}`
}

/** Record (or refresh) the real server a client sticks to under `persistent <timeout>`; expires is virtual ms. */
export function setTemplate(ipvs: Ipvs, client: string, svc: ServiceRef, real: string, expires: number): void {
  ipvs.templates.set(templateKey(client, svc), { real, expires })
}

/** The live template for a client at virtual time `now`, dropping a stale one. */
export function lookupTemplate(ipvs: Ipvs, client: string, svc: ServiceRef, now: number): string | undefined {
  const k = templateKey(client, svc)
  const t = ipvs.templates.get(k)
  if (!t) return undefined
  if (t.expires <= now) { ipvs.templates.delete(k); return undefined }
  return t.real
}
