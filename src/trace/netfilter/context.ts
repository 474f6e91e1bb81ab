// What a netfilter walk knows about the packet: the namespace, the hook, interfaces, the packet itself
// (rewritten in place by NAT and MARK targets), its conntrack state and the shared rule counter.

import type { Netns } from '../../core/node/types.ts'
import type { Packet } from '../types.ts'
import type { TraceState } from '../state.ts'

export type HookName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING'

export interface CtInfo {
  /** conntrack state of this packet: NEW for the first packet of a connection */
  state: 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED'
  /** the connection's destination was rewritten (DNAT, REDIRECT, IPVS) */
  dnat: boolean
  /** the connection's source was rewritten (SNAT, MASQUERADE) */
  snat: boolean
}

export interface NfCtx {
  ns: Netns
  hook: HookName
  pkt: Packet
  inIf?: string
  outIf?: string
  ct: CtInfo
  /** virtual ms */
  now: number
  /** size of this packet for the counters */
  bytes: number
  state: TraceState
  /** addresses of this namespace (every link, kube-ipvs0 included, and 127.0.0.0/8): addrtype LOCAL */
  isLocal(ip: string): boolean
  /** primary address of an interface of this namespace (MASQUERADE, REDIRECT) */
  addrOf(iface: string): string | undefined
  /** rules evaluated since the trace began (shared, incremented by the walk) */
  counter: { rules: number }
}
