// conntrack as the trace engine drives it: look a packet up in a namespace's table (original or reply
// direction), create the entry of a new connection once its first packet leaves or is delivered (orig tuple
// as it arrived, reply tuple after DNAT/SNAT), settle its state when the exchange ends, and age entries.

import type { ConntrackEntry, ConntrackState, Netns, Protocol } from '../core/node/types.ts'
import type { ClusterNetwork } from '../core/node/network.ts'
import { CONNTRACK_TIMEOUTS } from '../core/node/conntrack/conntrack.ts'
import type { Packet } from './types.ts'
import type { TraceState } from './state.ts'

const CT_TIMEOUTS = CONNTRACK_TIMEOUTS

export function ctProto(p: Packet['protocol']): Protocol {
  return p.toLowerCase() as Protocol
}

function alive(e: ConntrackEntry, state: TraceState, now: number): boolean {
  const d = state.ctDeadline.get(e)
  return d === undefined ? e.created + e.timeout * 1000 > now : d > now
}

/** a hash index over a namespace's table (the kernel hashes tuples too), rebuilt when someone else changed it */
interface CtIndex { table: ConntrackEntry[]; length: number; orig: Map<string, ConntrackEntry>; reply: Map<string, ConntrackEntry> }
const indexes = new WeakMap<Netns, CtIndex>()

const key = (proto: string, t: { src: string; dst: string; sport: number; dport: number }) => `${proto}|${t.src}|${t.sport}|${t.dst}|${t.dport}`

function indexOf(ns: Netns): CtIndex {
  let idx = indexes.get(ns)
  if (idx && idx.table === ns.conntrack && idx.length === ns.conntrack.length) return idx
  idx = { table: ns.conntrack, length: ns.conntrack.length, orig: new Map(), reply: new Map() }
  for (const e of ns.conntrack) { idx.orig.set(key(e.protocol, e.orig), e); idx.reply.set(key(e.protocol, e.reply), e) }
  indexes.set(ns, idx)
  return idx
}

/** an entry whose original tuple is this packet (a later packet of a known connection) */
export function findOrig(ns: Netns, p: Packet, state: TraceState, now: number): ConntrackEntry | undefined {
  if (!ns.conntrack.length) return undefined
  const e = indexOf(ns).orig.get(key(ctProto(p.protocol), p))
  return e && alive(e, state, now) ? e : undefined
}

/** an entry whose expected reply tuple is this packet */
export function findReply(ns: Netns, p: Packet, state: TraceState, now: number): ConntrackEntry | undefined {
  if (!ns.conntrack.length) return undefined
  const e = indexOf(ns).reply.get(key(ctProto(p.protocol), p))
  return e && alive(e, state, now) ? e : undefined
}

/** confirm a new connection: orig = the packet as it entered the namespace, reply = the final packet reversed */
export function createEntry(ns: Netns, orig: Packet, final: Packet, state: TraceState, now: number): ConntrackEntry {
  const protocol = ctProto(orig.protocol)
  const e: ConntrackEntry = {
    protocol,
    timeout: protocol === 'tcp' ? CT_TIMEOUTS.tcp.SYN_SENT : protocol === 'icmp' ? CT_TIMEOUTS.icmp : CT_TIMEOUTS.udp,
    state: protocol === 'tcp' ? 'SYN_SENT' : undefined,
    orig: { src: orig.src, dst: orig.dst, sport: orig.sport, dport: orig.dport },
    reply: { src: final.dst, dst: final.src, sport: final.dport, dport: final.sport },
    status: ['UNREPLIED'], mark: 0, use: 1, created: now,
  }
  const idx = indexOf(ns)
  ns.conntrack.push(e)
  idx.length++
  idx.orig.set(key(protocol, e.orig), e)
  idx.reply.set(key(protocol, e.reply), e)
  state.ctDeadline.set(e, now + e.timeout * 1000)
  return e
}

/** how the exchange ended, as conntrack saw it */
export type CtOutcome = 'completed' | 'reset' | 'unreplied'

/** settle an entry when the exchange ends (TCP: the connection closed, TIME_WAIT; RST: CLOSE) */
export function settleEntry(e: ConntrackEntry, outcome: CtOutcome, state: TraceState, now: number): void {
  if (outcome !== 'unreplied') e.status = e.status.filter((s) => s !== 'UNREPLIED')
  if (e.protocol === 'tcp') {
    e.state = outcome === 'completed' ? 'TIME_WAIT' : outcome === 'reset' ? 'CLOSE' : 'SYN_SENT'
    if (outcome === 'completed' && !e.status.includes('ASSURED')) e.status = ['ASSURED', ...e.status]
    e.timeout = CT_TIMEOUTS.tcp[e.state]
  } else e.timeout = e.protocol === 'icmp' ? CT_TIMEOUTS.icmp : e.status.includes('ASSURED') ? CT_TIMEOUTS.udpStream : CT_TIMEOUTS.udp
  e.created = now
  state.ctDeadline.set(e, now + e.timeout * 1000)
}

/** age every namespace's conntrack table: `timeout` becomes the seconds left; expired entries go */
export function ageConntrack(net: ClusterNetwork, state: TraceState, now: number): void {
  for (const ns of [...net.nodes(), ...net.outside()]) ageTable(ns, state, now)
}

export function ageTable(ns: Netns, state: TraceState, now: number): void {
  const ct = ns.conntrack
  let w = 0
  for (let i = 0; i < ct.length; i++) {
    const e = ct[i]
    const deadline = state.ctDeadline.get(e) ?? e.created + e.timeout * 1000
    if (deadline <= now) continue
    e.timeout = Math.ceil((deadline - now) / 1000)
    ct[w++] = e
  }
  ct.length = w
}
