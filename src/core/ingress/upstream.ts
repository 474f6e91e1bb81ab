// An upstream's endpoints as ingress-nginx's Lua balancer holds them (the Service's ready EndpointSlice
// endpoints on the target port, pod IPs proxied directly, not the ClusterIP) and its round-robin choice,
// with the start point drawn from a seeded generator per controller so the same seed gives the same picks.

import type { EndpointSlice, Service } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { createRng, type Rng } from '../util/rand.ts'
import type { ServiceBackend } from './model.ts'

export interface UpstreamEndpoint {
  ip: string
  port: number
  /** the pod behind it, when the slice names one */
  pod?: { namespace: string; name: string }
  nodeName?: string
}

export type Endpoints = { endpoints: UpstreamEndpoint[] } | { error: string }

/** The ready endpoints of a backend, sorted by address and port; an error when the Service or its port is missing. */
export function upstreamEndpoints(store: Store, b: ServiceBackend): Endpoints {
  const svc = store.get('Service', b.namespace, b.service) as Service | undefined
  if (!svc) return { error: `Error obtaining Endpoints for Service "${b.namespace}/${b.service}": no object matching key "${b.namespace}/${b.service}" in local store` }
  const sp = (svc.spec.ports ?? []).find((p) => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port))
  if (!sp) return { error: `Service "${b.namespace}/${b.service}" does not have any port ${b.port}` }
  const out: UpstreamEndpoint[] = []
  const seen = new Set<string>()
  for (const s of store.list('EndpointSlice', b.namespace) as EndpointSlice[]) {
    if (s.metadata.labels?.['kubernetes.io/service-name'] !== b.service) continue
    const port = (s.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? ''))
    if (!port?.port) continue
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue
      const ip = e.addresses[0]
      if (seen.has(`${ip}:${port.port}`)) continue
      seen.add(`${ip}:${port.port}`)
      out.push({
        ip, port: port.port, nodeName: e.nodeName,
        pod: e.targetRef?.kind === 'Pod' ? { namespace: e.targetRef.namespace ?? b.namespace, name: e.targetRef.name } : undefined,
      })
    }
  }
  out.sort((x, y) => ipNum(x.ip) - ipNum(y.ip) || x.port - y.port)
  return { endpoints: out }
}

function ipNum(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + (Number(p) || 0), 0)
}

/** Per-controller balancer state: the next index per upstream, and the request-id generator. */
export class BalancerState {
  private readonly next = new Map<string, number>()
  readonly rng: Rng

  constructor(seed: string) {
    this.rng = createRng(`ingress-nginx/${seed}`)
  }

  /** round_robin.lua: a random start, then each endpoint in turn (the list is re-read every request). */
  pick(upstream: string, endpoints: UpstreamEndpoint[]): UpstreamEndpoint {
    let i = this.next.get(upstream)
    if (i === undefined) i = this.rng.int(endpoints.length)
    const e = endpoints[i % endpoints.length]
    this.next.set(upstream, (i + 1) % endpoints.length)
    return e
  }

  /** $req_id: 16 random bytes in hex */
  requestId(): string {
    return this.rng.string(32, '0123456789abcdef')
  }
}

const states = new WeakMap<Store, Map<string, BalancerState>>()

/** The balancer of one controller pod (by uid), kept beside the store for the cluster's lifetime. */
export function balancerFor(store: Store, podUid: string): BalancerState {
  let m = states.get(store)
  if (!m) states.set(store, (m = new Map()))
  let s = m.get(podUid)
  if (!s) m.set(podUid, (s = new BalancerState(podUid)))
  return s
}
