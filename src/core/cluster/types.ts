// The contract of a simulated cluster: what createCluster returns and what every other layer may rely on.

import type { Store, ApiServerSettings } from '../apiserver/store.ts'
import type { Clock } from '../util/clock.ts'
import type { Rng } from '../util/rand.ts'
import type { ProxyControl, ProxyMode } from '../proxy/types.ts'
import type { ClusterNetwork } from '../node/network.ts'
import type { DnsControl } from '../dns/types.ts'

export type ProfileName = 'kubeadm' | 'binary'
export type { ProxyMode }

export interface NodeSpecProfile {
  name: string
  /** InternalIP */
  ip: string
  /** this node's pod CIDR (a /24) */
  podCIDR: string
  controlPlane: boolean
  /** NoSchedule taint node-role.kubernetes.io/control-plane */
  tainted: boolean
}

export interface ClusterProfile {
  name: ProfileName
  /** "v1.32.0" */
  version: string
  nodes: NodeSpecProfile[]
  serviceCIDR: string
  podCIDR: string
  nodePortRange: { base: number; size: number }
  clusterDomain: string
  /** the kubelet's --cluster-dns: 10.96.0.10 (kubeadm) or 10.0.0.2 (binary) */
  clusterDNS: string
  /** is CoreDNS installed at start */
  dnsInstalled: boolean
  /** the API server's address and port (the kubernetes Service's endpoint) */
  apiServer: { ip: string; port: number }
  /** the hostname shown in the terminal prompt on the control plane: `[root@k8s-master01 ~]#` or `root@controlplane:~#` style */
  promptHost: string
  proxyMode: ProxyMode
}

export interface CreateClusterOptions {
  profile?: ProfileName
  seed?: number | string
  clock?: Clock
  /** total node count (control plane included); default from the profile */
  nodes?: number
  proxyMode?: ProxyMode
}

export interface Cluster {
  readonly profile: ClusterProfile
  readonly store: Store
  readonly clock: Clock
  readonly rng: Rng
  readonly settings: ApiServerSettings
  /** the kube-proxy of every node: status, restart (binary profile), stop, flags file */
  readonly proxy: ProxyControl
  /** every network namespace (nodes, pods, the outside `client`) and the external load balancers */
  readonly network: ClusterNetwork
  /** CoreDNS: the DNS server running in a coredns pod answers a query delivered to it */
  readonly dns: DnsControl
  /** Run every controller until nothing changes (level-driven). Returns the number of reconcile passes. */
  settle(): number
  /** Advance virtual time by ms and settle (pods become ready, restarts happen, ...). */
  advance(ms: number): void
}
