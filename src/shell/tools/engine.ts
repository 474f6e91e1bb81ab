// The tools' door to the trace engine: build a TraceRequest for the host context, run trace(), record the
// Trace for the CLI and the UI (ctx.trace), and advance virtual time when the traffic waited (timeouts, ping).

import type { Cluster } from '../../core/cluster/types.ts'
import type { DnsPayload, HttpRequestSpec, L4Protocol, TlsRequest, Trace, TraceOptions, TraceRequest } from '../../trace/types.ts'
import type { CommandContext } from '../types.ts'
import { hostRef, networkOf } from './access.ts'

export type TraceEngine = (cluster: Cluster, request: TraceRequest, opts?: TraceOptions) => Trace

let engine: TraceEngine | undefined

/** Installs the trace engine (engine-default.ts installs src/trace's; tests install fakes). Returns the previous one. */
export function useTraceEngine(e: TraceEngine | undefined): TraceEngine | undefined {
  const prev = engine
  engine = e
  return prev
}

export const NO_ENGINE = 'kubelab: no packet can be sent here (this cluster has no simulated network)\n'

let aging: ((cluster: Cluster) => void) | undefined

/** Installs the hook that ages conntrack and IPVS connections to the virtual clock (before `conntrack -L`, `ipvsadm -Lc`). */
export function useKernelAging(f: ((cluster: Cluster) => void) | undefined): void {
  aging = f
}

export function ageKernel(cluster: Cluster): void {
  if (aging && networkOf(cluster)) aging(cluster)
}

export interface Send {
  to: string
  port?: number
  protocol: L4Protocol
  http?: HttpRequestSpec
  /** the DNS query a UDP datagram carries (resolver.ts) */
  dns?: DnsPayload
  /** reuse a source port (a resolver's socket sends A and AAAA from one port) */
  sport?: number
  /** bytes of the first packet for the rule counters (a DNS query's real size) */
  bytes?: number
  /** the connection starts TLS (curl https://) */
  tls?: TlsRequest
}

/** Sends one packet/connection from the command's host context; undefined when no engine is installed. */
export function send(ctx: Pick<CommandContext, 'cluster' | 'host' | 'trace'>, s: Send): Trace | undefined {
  if (!engine || !networkOf(ctx.cluster)) return undefined
  const request: TraceRequest = {
    from: hostRef(ctx.cluster, ctx.host), to: s.to, protocol: s.protocol, ...(s.port !== undefined ? { port: s.port } : {}),
    ...(s.sport !== undefined ? { sport: s.sport } : {}), ...(s.http ? { http: s.http } : {}), ...(s.dns ? { dns: s.dns } : {}),
    ...(s.tls ? { tls: s.tls } : {}),
  }
  const t = s.bytes !== undefined ? engine(ctx.cluster, request, { bytes: s.bytes }) : engine(ctx.cluster, request)
  ctx.trace?.(t)
  return t
}

/** Did the packet cross from one node to another (a little more latency in the printed times)? */
export function crossedNodes(t: Trace): boolean {
  const nodes = new Set(t.hops.filter((h) => h.where.kind === 'node').map((h) => h.where.host))
  return nodes.size > 1
}

/** Lets virtual time pass while a command waits (curl's connect timeout, ping's interval). */
export function wait(cluster: Cluster, ms: number): void {
  if (ms > 0) cluster.advance(Math.round(ms))
}
