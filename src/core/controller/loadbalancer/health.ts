// The lab's cloud load balancer health-checks the nodes it forwards to, as cloud LBs do for Kubernetes: with
// externalTrafficPolicy Cluster, kube-proxy's healthz (HTTP 10256 /healthz: the node's kube-proxy must be up);
// with Local, the Service's healthCheckNodePort /healthz, which kube-proxy answers 200 only while the node has a
// ready endpoint of the Service. A node that stops answering leaves the pool after UNHEALTHY_THRESHOLD failed
// checks INTERVAL_MS apart (a powered-off node: from the moment it went down), and comes back on the next pass.

import type { EndpointSlice, Service } from '../../api/types.ts'
import type { Store } from '../../apiserver/store.ts'
import type { Clock } from '../../util/clock.ts'
import { nodeMachines } from '../../kubelet/heartbeat.ts'

/** the lab LB's health check: every 5 s, 2 failures take a node out (cloud LBs use a few seconds x 2-3) */
export const INTERVAL_MS = 5_000
export const UNHEALTHY_THRESHOLD = 2

export interface HealthDeps {
  store: Store
  clock: Clock
  /** is kube-proxy running on the node */
  proxyRunning(node: string): boolean
}

export interface NodeCheck {
  node: string
  ip: string
  /** `HTTP 10256 /healthz` or `HTTP <healthCheckNodePort> /healthz` */
  check: string
  healthy: boolean
}

/** does the node have a ready endpoint of the Service (what kube-proxy's per-service healthz counts) */
function hasLocalEndpoint(store: Store, svc: Service, node: string): boolean {
  for (const s of store.list('EndpointSlice', svc.metadata.namespace) as EndpointSlice[]) {
    if (s.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue
    if (s.endpoints?.some((e) => e.nodeName === node && e.conditions?.ready !== false)) return true
  }
  return false
}

/** the LB's view of each target node for one Service */
export function checkNodes(deps: HealthDeps, svc: Service, targets: { node: string; ip: string }[]): NodeCheck[] {
  const machines = nodeMachines(deps.store)
  const now = deps.clock.now()
  const local = svc.spec.externalTrafficPolicy === 'Local'
  const check = local ? `HTTP ${svc.spec.healthCheckNodePort ?? 0} /healthz` : 'HTTP 10256 /healthz'
  return targets.map(({ node, ip }) => {
    let healthy: boolean
    if (machines && !machines.powered(node)) {
      // the checks time out from the moment it went down; the node stays in the pool until enough failed
      const since = machines.powerSince(node) ?? now
      healthy = now - since < INTERVAL_MS * UNHEALTHY_THRESHOLD
    } else if (!deps.proxyRunning(node)) healthy = false
    else healthy = local ? hasLocalEndpoint(deps.store, svc, node) : true
    return { node, ip, check, healthy }
  })
}
