// The lab syncs a node's kube-proxy rules when someone looks: the cluster's network, wrapped so that a node's
// namespace is handed out only after that node's pending kube-proxy changes reached its kernel. Equivalent to
// kube-proxy having synced by then (it syncs within minSyncPeriod of a change), at a fraction of the cost.

import type { ClusterNetwork } from '../node/network.ts'
import type { Netns } from '../node/types.ts'

export interface Flusher {
  flush(node: string): void
  flushAll(): void
}

/**
 * `network` with netns(), nodes() and owner() syncing the node namespaces they return. Pod and outside
 * namespaces hold no kube-proxy rules; a packet from a pod reaches its node's rules through netns(node).
 * Every other member is the network's own.
 */
export function syncOnRead(network: ClusterNetwork, proxies: Flusher): ClusterNetwork {
  const node = (ns: Netns | undefined): Netns | undefined => {
    if (ns?.kind === 'node') proxies.flush(ns.name)
    return ns
  }
  const own: Partial<Record<PropertyKey, unknown>> = {
    netns: (name: string) => node(network.netns(name)),
    nodes: () => {
      proxies.flushAll()
      return network.nodes()
    },
    owner: (ip: string) => node(network.owner(ip)),
  }
  const bound = new Map<PropertyKey, unknown>()
  return new Proxy(network, {
    get(target, prop) {
      if (Object.prototype.hasOwnProperty.call(own, prop)) return own[prop]
      const v = Reflect.get(target, prop, target)
      if (typeof v !== 'function') return v
      let b = bound.get(prop)
      if (b === undefined || (b as { orig?: unknown }).orig !== v) {
        const f = (v as (...a: unknown[]) => unknown).bind(target) as ((...a: unknown[]) => unknown) & { orig?: unknown }
        f.orig = v
        bound.set(prop, (b = f))
      }
      return b
    },
  })
}
