// IPVS as the trace engine drives it: the virtual-server hash lookup for a packet to a local address, the
// scheduler's choice (the IPVS engineer's `schedule`, persistence templates included), the connection entries
// `ipvsadm -Lnc` lists (templates as NONE entries), the service and real-server counters, and ageing.

import type { Ipvs, IpvsConnection, Netns, RealServer, VirtualServer } from '../core/node/types.ts'
import type { ClusterNetwork } from '../core/node/network.ts'
import { ipvsKey } from '../core/node/ipvs/ipvs.ts'
import { schedule } from '../core/proxy/ipvs/scheduler.ts'
import type { Packet } from './types.ts'
import type { TraceState } from './state.ts'

/** ip_vs timeouts (seconds): tcp 120 time-wait, 10 close, 60 syn-recv; udp 300 */
export const IPVS_TIMEOUTS = { TIME_WAIT: 120, CLOSE: 10, SYN_RECV: 60, UDP: 300 } as const

/** the virtual server for this packet: one hash lookup */
export function lookupVirtual(ns: Netns, p: Packet): VirtualServer | undefined {
  if (p.protocol === 'ICMP') return undefined
  return ns.ipvs.services.get(ipvsKey(p.protocol, p.dst, p.dport))
}

/** `TCP  10.96.0.10:80 rr` as ipvsadm names a virtual server */
export function vsText(vs: VirtualServer): string {
  return `${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistentTimeout ? ` persistent ${vs.persistentTimeout}` : ''}`
}

export interface IpvsChoice {
  real: RealServer | undefined
  /** a persistence template decided (ClientIP affinity) */
  persistent: boolean
}

export function chooseReal(ipvs: Ipvs, vs: VirtualServer, p: Packet, now: number): IpvsChoice {
  const r = schedule(vs, p.src, { ipvs, now })
  return { real: r.real, persistent: r.persistent }
}

export type IpvsOutcome = 'completed' | 'reset' | 'unreplied'

/** record the connection (`ipvsadm -Lnc`) and the counters once the exchange is over */
export function recordConnection(ipvs: Ipvs, vs: VirtualServer, real: RealServer, orig: Packet, bytes: number, outcome: IpvsOutcome, state: TraceState, now: number): void {
  const udp = vs.protocol !== 'TCP'
  const st = udp ? 'UDP' : outcome === 'completed' ? 'TIME_WAIT' : outcome === 'reset' ? 'CLOSE' : 'SYN_RECV'
  const expire = udp ? IPVS_TIMEOUTS.UDP : IPVS_TIMEOUTS[st as 'TIME_WAIT' | 'CLOSE' | 'SYN_RECV']
  if (vs.persistentTimeout) {
    // the persistence template shows in `ipvsadm -Lnc` as a NONE entry with client port 0
    const t = ipvs.templates.get(`${orig.src}|${ipvsKey(vs.protocol, vs.address, vs.port)}`)
    const deadline = t?.expires ?? now + vs.persistentTimeout * 1000
    const old = ipvs.connections.find((x) => x.state === 'NONE' && x.source === orig.src && x.virtual === vs.address && x.vport === vs.port && x.protocol === vs.protocol)
    const tpl: IpvsConnection = old ?? { protocol: vs.protocol, expire: 0, state: 'NONE', source: orig.src, sport: 0, virtual: vs.address, vport: vs.port, destination: real.address, dport: real.port }
    tpl.destination = real.address
    tpl.dport = real.port
    tpl.expire = Math.ceil((deadline - now) / 1000)
    if (!old) ipvs.connections.push(tpl)
    state.ipvsDeadline.set(tpl, deadline)
  }
  const c: IpvsConnection = {
    protocol: vs.protocol, expire, state: st, source: orig.src, sport: orig.sport,
    virtual: vs.address, vport: vs.port, destination: real.address, dport: real.port,
  }
  // (addConnection would recount every virtual server: O(Services) per packet; the counts move by one here)
  ipvs.connections.push(c)
  real.inActConn++ // every state a finished exchange leaves (TIME_WAIT, CLOSE, SYN_RECV, UDP) counts as InActConn
  state.ipvsDeadline.set(c, now + expire * 1000)
  const replied = outcome !== 'unreplied'
  for (const s of [vs.stats, real.stats]) {
    s.conns++
    s.inPkts++
    s.inBytes += bytes
    if (replied) { s.outPkts++; s.outBytes += bytes }
  }
}

/** age IPVS connections: `expire` becomes the seconds left; finished ones leave (and the conn counts follow) */
export function ageIpvs(net: ClusterNetwork, state: TraceState, now: number): void {
  for (const ns of net.nodes()) {
    const ipvs = ns.ipvs
    const conns = ipvs.connections
    if (!conns.length) continue
    let w = 0
    for (let i = 0; i < conns.length; i++) {
      const c = conns[i]
      let deadline = state.ipvsDeadline.get(c)
      if (deadline === undefined) state.ipvsDeadline.set(c, (deadline = now + c.expire * 1000))
      if (deadline <= now) {
        if (c.state !== 'NONE') {
          const r = ipvs.services.get(ipvsKey(c.protocol, c.virtual, c.vport))?.realServers.find((x) => x.address === c.destination && x.port === c.dport)
          if (r) {
            if (c.protocol === 'TCP' && c.state === 'ESTABLISHED') r.activeConn = Math.max(0, r.activeConn - 1)
            else r.inActConn = Math.max(0, r.inActConn - 1)
          }
        }
        continue
      }
      c.expire = Math.ceil((deadline - now) / 1000)
      conns[w++] = c
    }
    conns.length = w
  }
}
