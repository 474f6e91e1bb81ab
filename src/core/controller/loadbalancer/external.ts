// The external load balancers the lab plays the cloud for: one per LoadBalancer ingress IP, a listener per
// Service port forwarding to that port's NodePort on every node the service controller includes (nodes labelled
// node.kubernetes.io/exclude-from-external-load-balancers, as kubeadm labels control planes, are left out), minus
// the nodes failing the LB's health check (health.ts) when the cluster wires one in.

import type { KubeObject, Service } from '../../api/types.ts'
import type { Store } from '../../apiserver/store.ts'
import type { ExternalLoadBalancer } from '../../node/network.ts'
import { wantsLoadBalancer } from './loadbalancer.ts'
import { checkNodes, type HealthDeps } from './health.ts'

export const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers'

type NodeLike = KubeObject & { status?: { addresses?: { type: string; address: string }[] } }

export function externalLoadBalancers(store: Store, nodeIPs: readonly string[], health?: HealthDeps): ExternalLoadBalancer[] {
  const excluded = new Set<string>()
  const names = new Map<string, string>()
  for (const n of store.list('Node') as NodeLike[]) {
    for (const a of n.status?.addresses ?? []) if (a.type === 'InternalIP') names.set(a.address, n.metadata.name)
    if (!n.metadata.labels || !(EXCLUDE_LABEL in n.metadata.labels)) continue
    for (const a of n.status?.addresses ?? []) if (a.type === 'InternalIP') excluded.add(a.address)
  }
  const pool = nodeIPs.filter((ip) => !excluded.has(ip))
  const out: ExternalLoadBalancer[] = []
  for (const svc of store.list('Service') as Service[]) {
    if (!wantsLoadBalancer(svc) || svc.metadata.deletionTimestamp) continue
    const ports = (svc.spec.ports ?? []).map((p) => ({ protocol: (p.protocol ?? 'TCP') as 'TCP' | 'UDP' | 'SCTP', port: p.port, nodePort: p.nodePort ?? 0 }))
    const ings = (svc.status?.loadBalancer?.ingress ?? []).filter((i) => i.ip)
    if (!ings.length) continue
    const checks = health ? checkNodes(health, svc, pool.map((ip) => ({ ip, node: names.get(ip) ?? ip }))) : undefined
    const targets = checks ? checks.filter((c) => c.healthy).map((c) => c.ip) : pool
    for (const ing of ings) {
      out.push({ service: `${svc.metadata.namespace}/${svc.metadata.name}`, ip: ing.ip!, ports, targets: [...targets], ...(checks ? { health: checks } : {}) })
    }
  }
  return out
}
