// The contract of kube-proxy in the lab: the proxy's projection of Services and EndpointSlices (what
// pkg/proxy's ServicePortInfo/Endpoint hold), its configuration (KubeProxyConfiguration / flags), the
// back ends (iptables, ipvs, userspace) and the per-node status the shell shows.

import type { Netns } from '../node/types.ts'

export type ProxyMode = 'iptables' | 'ipvs' | 'userspace'

/** pkg/proxy ServicePortName + the fields the back ends need (one entry per Service port and protocol). */
export interface ServicePortInfo {
  /** ServicePortName.String(): `ns/svc` or `ns/svc:portname` */
  name: string
  namespace: string
  service: string
  portName: string
  protocol: 'TCP' | 'UDP' | 'SCTP'
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer'
  clusterIP: string
  port: number
  /** 0 when none */
  nodePort: number
  targetPort: number | string
  externalIPs: string[]
  /** status.loadBalancer.ingress[].ip */
  loadBalancerIPs: string[]
  loadBalancerSourceRanges: string[]
  /** 0 when none */
  healthCheckNodePort: number
  externalPolicyLocal: boolean
  internalPolicyLocal: boolean
  /** sessionAffinity ClientIP: timeoutSeconds (default 10800); 0 when None */
  stickyMaxAgeSeconds: number
}

/** pkg/proxy BaseEndpointInfo */
export interface EndpointInfo {
  /** `ip:port` (IPv6 in brackets) */
  endpoint: string
  ip: string
  port: number
  ready: boolean
  serving: boolean
  terminating: boolean
  nodeName?: string
  /** nodeName equals this proxy's node */
  isLocal: boolean
}

/** What one node's proxy sees: Services (headless and ExternalName excluded) and each port's endpoints. */
export interface ProxyState {
  node: { name: string; ip: string; podCIDR: string }
  /** the cluster CIDR kube-proxy uses to detect local traffic (`clusterCIDR`); '' when unset */
  clusterCIDR: string
  /** keyed by ServicePortInfo.name + '/' + protocol, in any order (back ends sort as upstream does) */
  services: Map<string, ServicePortInfo>
  /** same keys; endpoints sorted by `ip:port` string order (pkg/proxy) */
  endpoints: Map<string, EndpointInfo[]>
  /**
   * `ns/svc` of the Services whose ports or endpoints changed since the previous sync of this proxy; undefined
   * means a full sync (start, restart, node or config change). Back ends may rewrite only these (partial sync).
   */
  changedServices?: ReadonlySet<string>
  /**
   * bumped whenever a service-port key is added to or removed from `services` (a tracker's state); lets a back
   * end keep its sorted key list between partial syncs. Undefined: unknown, the keys must be checked.
   */
  portKeysVersion?: number
}

/** KubeProxyConfiguration fields the lab honours (flags file or the kube-proxy ConfigMap). */
export interface KubeProxyConfig {
  /** '' means iptables on Linux */
  mode: ProxyMode | ''
  clusterCIDR: string
  masqueradeAll: boolean
  masqueradeBit: number
  ipvs: { scheduler: string; strictARP: boolean }
  /** `--nodeport-addresses` CIDRs; empty = all */
  nodePortAddresses: string[]
  /** `--hostname-override` */
  hostnameOverride: string
}

/** A back end compiles a ProxyState into a namespace's kernel state. */
export interface ProxyBackend {
  readonly mode: ProxyMode
  /** full sync: make the kernel state match (creating, updating and deleting stale chains/virtual servers) */
  sync(state: ProxyState, netns: Netns, config: KubeProxyConfig): void
  /** remove everything this back end created (the other mode's `--cleanup` on start) */
  cleanup(netns: Netns): void
}

export interface KubeProxyStatus {
  node: string
  /** the mode actually running (after fallback) */
  mode: ProxyMode
  running: boolean
  /** virtual ms of the last sync */
  lastSync: number
  /** klog lines of the current run (startup, mode selection, errors), for `systemctl status` / `kubectl logs` */
  log: string[]
  /** the process id of the current run (1 in a kube-proxy pod; a systemd main PID on binary nodes) */
  pid?: number
  /** virtual ms when the current run started */
  startedAt?: number
}

/** What the rest of the lab may ask of the node proxies (`cluster.proxy`). */
export interface ProxyControl {
  status(node: string): KubeProxyStatus
  /**
   * `systemctl restart kube-proxy` on a node of the binary profile: the unit's flags file is re-read (its text
   * passed in by the shell, which owns node files); the new process cleans up the other mode's rules and syncs.
   * kubeadm nodes restart when their kube-proxy pod is replaced and read the kube-proxy ConfigMap.
   * `readFile` resolves `--config=<path>` in the flags (the node's file system, owned by the shell).
   */
  restart(node: string, flagsText?: string, readFile?: (path: string) => string | undefined): KubeProxyStatus
  /** `systemctl stop kube-proxy`: rules stay in the kernel, nothing syncs them any more */
  stop(node: string): KubeProxyStatus
  /** the flags file a binary install writes (`/opt/kubernetes/cfg/kube-proxy`), for the node's file system */
  flagsFile(node: string): { path: string; text: string } | undefined
}
