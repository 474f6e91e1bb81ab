// The contract of the cluster's network as a whole: every namespace (nodes, pods, outside hosts), the
// external load balancers the lab plays the cloud provider for, and address ownership for routing.

import type { Netns } from './types.ts'

/** A load balancer outside the cluster (the lab plays the cloud): its IP forwards to every node's NodePort. */
export interface ExternalLoadBalancer {
  /** `default/web` */
  service: string
  ip: string
  /** per Service port: the LB's listener and the NodePort it forwards to */
  ports: { protocol: 'TCP' | 'UDP' | 'SCTP'; port: number; nodePort: number }[]
  /** node IPs it forwards to, in order (the healthy ones, when it health-checks) */
  targets: string[]
  /** its health check of every candidate node (controller/loadbalancer/health.ts) */
  health?: { node: string; ip: string; check: string; healthy: boolean }[]
}

export interface ClusterNetwork {
  /** a namespace by name: a node's name, `namespace/pod`, or an outside host (`client`) */
  netns(name: string): Netns | undefined
  /** every node namespace, in node order */
  nodes(): Netns[]
  /** outside hosts (the `client`) */
  outside(): Netns[]
  /** the namespace holding `ip` on one of its links (kube-ipvs0 addresses excluded), if any */
  owner(ip: string): Netns | undefined
  /** the external load balancers currently provisioned */
  loadBalancers(): ExternalLoadBalancer[]
  /** is this namespace's machine powered off (a node, or a pod on such a node)? Nothing there sends or answers. */
  down?(ns: Netns): boolean
}
