// Per-cluster state of the trace engine that the kernel keeps but the Netns contract does not hold: the
// seeded random streams (source ports, statistic draws, load-balancer choices), xt_recent lists, nth
// counters, IPVS rr cursors and the deadlines that age conntrack and IPVS connection entries.

import type { Rng } from '../core/util/rand.ts'
import type { ConntrackEntry, IpvsConnection, VirtualServer } from '../core/node/types.ts'

/** one xt_recent list: address -> hit timestamps (virtual ms), oldest first */
export type RecentList = Map<string, number[]>

export interface TraceState {
  /** ephemeral source ports */
  readonly ports: Rng
  /** statistic random draws, scheduler and LB choices, MASQUERADE --random-fully ports */
  readonly choices: Rng
  /** DNS message ids the clients (resolvers, dig, nslookup) draw */
  readonly dnsIds: Rng
  /** netns name -> list name -> list */
  readonly recent: Map<string, Map<string, RecentList>>
  /** `-m statistic --mode nth` packet counters per rule */
  readonly nth: WeakMap<object, number>
  /** rr/wrr position per virtual server */
  readonly rr: WeakMap<VirtualServer, number>
  /** when each conntrack entry / IPVS connection expires (virtual ms) */
  readonly ctDeadline: WeakMap<ConntrackEntry, number>
  readonly ipvsDeadline: WeakMap<IpvsConnection, number>
  /** virtual ms of the last ageing pass (traces at the same instant skip it) */
  agedAt?: number
}

const states = new WeakMap<object, TraceState>()

/** The trace state of a cluster, created at its first trace from forks of the cluster's seeded rng. */
export function traceState(owner: object, rng: Rng): TraceState {
  let s = states.get(owner)
  if (!s) {
    const base = rng.fork('trace')
    s = {
      ports: base.fork('ports'), choices: base.fork('choices'), dnsIds: base.fork('dns-ids'), recent: new Map(), nth: new WeakMap(), rr: new WeakMap(),
      ctDeadline: new WeakMap(), ipvsDeadline: new WeakMap(),
    }
    states.set(owner, s)
  }
  return s
}

/** The xt_recent list `name` of netns `ns` (`/proc/net/xt_recent/<name>`), created on demand. */
export function recentList(state: TraceState, ns: string, name: string): RecentList {
  let lists = state.recent.get(ns)
  if (!lists) state.recent.set(ns, (lists = new Map()))
  let list = lists.get(name)
  if (!list) lists.set(name, (list = new Map()))
  return list
}

/** An ephemeral port in the kernel's default ip_local_port_range (32768-60999). */
export function ephemeralPort(state: TraceState): number {
  return 32768 + state.ports.int(60999 - 32768 + 1)
}

/** A DNS message id (0-65535) for a client's next query, from the cluster's seeded stream. */
export function dnsQueryId(cluster: { rng: Rng }): number {
  return traceState(cluster, cluster.rng).dnsIds.int(65536)
}
