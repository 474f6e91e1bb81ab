// Names kube-proxy's ipvs mode uses (k/k pkg/proxy/ipvs/proxier.go and ipset.go at v1.32): chains, the dummy
// device, the ipsets with their types and comments, and which ipset feeds which iptables rule.

import type { TableName } from '../../node/types.ts'

export const KUBE_SERVICES = 'KUBE-SERVICES'
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL'
export const KUBE_SOURCE_RANGES_FIREWALL = 'KUBE-SOURCE-RANGES-FIREWALL'
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING'
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ'
/** singular, unlike iptables mode's KUBE-NODEPORTS */
export const KUBE_NODE_PORT = 'KUBE-NODE-PORT'
export const KUBE_FORWARD = 'KUBE-FORWARD'
export const KUBE_LOAD_BALANCER = 'KUBE-LOAD-BALANCER'
export const KUBE_IPVS_FILTER = 'KUBE-IPVS-FILTER'
export const KUBE_IPVS_OUT_FILTER = 'KUBE-IPVS-OUT-FILTER'

export const DEFAULT_SCHEDULER = 'rr'
export const DUMMY_DEVICE = 'kube-ipvs0'
/** klog line of NewProxier when `ipvs.scheduler` is empty */
export const SCHEDULER_DEFAULT_LOG = 'IPVS scheduler not specified, use rr by default'

/** sysctls NewProxier ensures (dotted form, as Netns.sysctl keys them) */
export const IPVS_SYSCTLS: readonly [string, string][] = [
  ['net.ipv4.vs.conntrack', '1'],
  ['net.ipv4.vs.expire_nodest_conn', '1'],
  ['net.ipv4.vs.expire_quiescent_template', '1'],
  ['net.ipv4.ip_forward', '1'],
]
/** with `ipvs.strictARP: true` */
export const STRICT_ARP_SYSCTLS: readonly [string, string][] = [
  ['net.ipv4.conf.all.arp_ignore', '1'],
  ['net.ipv4.conf.all.arp_announce', '2'],
]

/** iptablesJumpChain: the jumps from built-in chains, each ensured with `-I` (prepended) in this order */
export const JUMP_CHAINS: readonly { table: TableName; from: string; to: string; comment: string }[] = [
  { table: 'nat', from: 'OUTPUT', to: KUBE_SERVICES, comment: 'kubernetes service portals' },
  { table: 'nat', from: 'PREROUTING', to: KUBE_SERVICES, comment: 'kubernetes service portals' },
  { table: 'nat', from: 'POSTROUTING', to: KUBE_POSTROUTING, comment: 'kubernetes postrouting rules' },
  { table: 'filter', from: 'FORWARD', to: KUBE_FORWARD, comment: 'kubernetes forwarding rules' },
  { table: 'filter', from: 'INPUT', to: KUBE_NODE_PORT, comment: 'kubernetes health check rules' },
  { table: 'filter', from: 'INPUT', to: KUBE_PROXY_FIREWALL, comment: 'kube-proxy firewall rules' },
  { table: 'filter', from: 'FORWARD', to: KUBE_PROXY_FIREWALL, comment: 'kube-proxy firewall rules' },
  { table: 'filter', from: 'INPUT', to: KUBE_IPVS_FILTER, comment: 'kubernetes ipvs access filter' },
  { table: 'filter', from: 'OUTPUT', to: KUBE_IPVS_OUT_FILTER, comment: 'kubernetes ipvs access filter' },
]

/** iptablesChains: declared (`:CHAIN - [0:0]`) in every restore, in this order; also what cleanup removes */
export const IPTABLES_CHAINS: readonly { table: TableName; chain: string }[] = [
  { table: 'nat', chain: KUBE_SERVICES },
  { table: 'nat', chain: KUBE_POSTROUTING },
  { table: 'nat', chain: KUBE_NODE_PORT },
  { table: 'nat', chain: KUBE_LOAD_BALANCER },
  { table: 'nat', chain: KUBE_MARK_MASQ },
  { table: 'filter', chain: KUBE_FORWARD },
  { table: 'filter', chain: KUBE_NODE_PORT },
  { table: 'filter', chain: KUBE_PROXY_FIREWALL },
  { table: 'filter', chain: KUBE_SOURCE_RANGES_FIREWALL },
  { table: 'filter', chain: KUBE_IPVS_FILTER },
  { table: 'filter', chain: KUBE_IPVS_OUT_FILTER },
]

export const LOOP_BACK = 'KUBE-LOOP-BACK'
export const CLUSTER_IP = 'KUBE-CLUSTER-IP'
export const EXTERNAL_IP = 'KUBE-EXTERNAL-IP'
export const EXTERNAL_IP_LOCAL = 'KUBE-EXTERNAL-IP-LOCAL'
export const LOAD_BALANCER = 'KUBE-LOAD-BALANCER'
export const LOAD_BALANCER_FW = 'KUBE-LOAD-BALANCER-FW'
export const LOAD_BALANCER_LOCAL = 'KUBE-LOAD-BALANCER-LOCAL'
export const LOAD_BALANCER_SOURCE_IP = 'KUBE-LOAD-BALANCER-SOURCE-IP'
export const LOAD_BALANCER_SOURCE_CIDR = 'KUBE-LOAD-BALANCER-SOURCE-CIDR'
export const NODE_PORT_TCP = 'KUBE-NODE-PORT-TCP'
export const NODE_PORT_LOCAL_TCP = 'KUBE-NODE-PORT-LOCAL-TCP'
export const NODE_PORT_UDP = 'KUBE-NODE-PORT-UDP'
export const NODE_PORT_LOCAL_UDP = 'KUBE-NODE-PORT-LOCAL-UDP'
export const NODE_PORT_SCTP = 'KUBE-NODE-PORT-SCTP-HASH'
export const NODE_PORT_LOCAL_SCTP = 'KUBE-NODE-PORT-LOCAL-SCTP-HASH'
export const HEALTH_CHECK_NODE_PORT = 'KUBE-HEALTH-CHECK-NODE-PORT'
export const IPVS_IPS = 'KUBE-IPVS-IPS'

/** ipsetInfo: every set the proxier creates (in this order), its type and comment */
export const IPSET_INFO: readonly { name: string; type: string; comment: string }[] = [
  { name: LOOP_BACK, type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose' },
  { name: CLUSTER_IP, type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose' },
  { name: EXTERNAL_IP, type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose' },
  { name: EXTERNAL_IP_LOCAL, type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local' },
  { name: LOAD_BALANCER, type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  { name: LOAD_BALANCER_FW, type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange' },
  { name: LOAD_BALANCER_LOCAL, type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local' },
  { name: LOAD_BALANCER_SOURCE_IP, type: 'hash:ip,port,ip', comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose' },
  { name: LOAD_BALANCER_SOURCE_CIDR, type: 'hash:ip,port,net', comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose' },
  { name: NODE_PORT_TCP, type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  { name: NODE_PORT_LOCAL_TCP, type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local' },
  { name: NODE_PORT_UDP, type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  { name: NODE_PORT_LOCAL_UDP, type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local' },
  { name: NODE_PORT_SCTP, type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'" },
  { name: NODE_PORT_LOCAL_SCTP, type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'" },
  { name: HEALTH_CHECK_NODE_PORT, type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: IPVS_IPS, type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
]

export const IPSET_COMMENT: ReadonlyMap<string, string> = new Map(IPSET_INFO.map((s) => [s.name, s.comment]))

/**
 * ipsetWithIptablesChain: `-A <from> [-p proto] -m comment --comment <set comment> -m set --match-set <set> <match>
 * -j <to>`, written (in this order) for each non-empty set. The -LOCAL sets must come before their siblings.
 */
export const IPSET_WITH_CHAIN: readonly { set: string; table: TableName; from: string; to: string; match: string; proto: string }[] = [
  { set: LOOP_BACK, table: 'nat', from: KUBE_POSTROUTING, to: 'MASQUERADE', match: 'dst,dst,src', proto: '' },
  { set: LOAD_BALANCER, table: 'nat', from: KUBE_SERVICES, to: KUBE_LOAD_BALANCER, match: 'dst,dst', proto: '' },
  { set: LOAD_BALANCER_LOCAL, table: 'nat', from: KUBE_LOAD_BALANCER, to: 'RETURN', match: 'dst,dst', proto: '' },
  { set: NODE_PORT_LOCAL_TCP, table: 'nat', from: KUBE_NODE_PORT, to: 'RETURN', match: 'dst', proto: 'tcp' },
  { set: NODE_PORT_TCP, table: 'nat', from: KUBE_NODE_PORT, to: KUBE_MARK_MASQ, match: 'dst', proto: 'tcp' },
  { set: NODE_PORT_LOCAL_UDP, table: 'nat', from: KUBE_NODE_PORT, to: 'RETURN', match: 'dst', proto: 'udp' },
  { set: NODE_PORT_UDP, table: 'nat', from: KUBE_NODE_PORT, to: KUBE_MARK_MASQ, match: 'dst', proto: 'udp' },
  { set: NODE_PORT_LOCAL_SCTP, table: 'nat', from: KUBE_NODE_PORT, to: 'RETURN', match: 'dst,dst', proto: 'sctp' },
  { set: NODE_PORT_SCTP, table: 'nat', from: KUBE_NODE_PORT, to: KUBE_MARK_MASQ, match: 'dst,dst', proto: 'sctp' },
  { set: LOAD_BALANCER_FW, table: 'filter', from: KUBE_PROXY_FIREWALL, to: KUBE_SOURCE_RANGES_FIREWALL, match: 'dst,dst', proto: '' },
  { set: LOAD_BALANCER_SOURCE_CIDR, table: 'filter', from: KUBE_SOURCE_RANGES_FIREWALL, to: 'RETURN', match: 'dst,dst,src', proto: '' },
  { set: LOAD_BALANCER_SOURCE_IP, table: 'filter', from: KUBE_SOURCE_RANGES_FIREWALL, to: 'RETURN', match: 'dst,dst,src', proto: '' },
]
