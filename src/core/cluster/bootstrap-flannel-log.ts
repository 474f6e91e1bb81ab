// What flanneld (`/opt/bin/flanneld --ip-masq --kube-subnet-mgr`, flannel v0.26) logs when its pod starts on a node:
// klog lines from its CLI flags to "Waiting for all goroutines to exit", with the node's name, eth0 address, pod
// subnet and flannel.1 MAC, the Network and backend from the kube-flannel-cfg ConfigMap, and the first-start
// recycle line (no /run/flannel/subnet.env yet, so the previous network and subnet read as 0.0.0.0/0).

import type { ConfigMap, Node, Pod } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import type { ClusterNetwork } from '../node/network.ts'
import { findLink } from '../node/iproute/links.ts'
import { klogLine, type Severity } from '../proxy/klog.ts'

const FLAGS = 'CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network ' +
  'etcdKeyfile: etcdCertfile: etcdCAFile: etcdUsername: etcdPassword: version:false kubeSubnetMgr:true kubeApiUrl: ' +
  'kubeAnnotationPrefix:flannel.alpha.coreos.com kubeConfigFile: iface:[] ifaceRegex:[] ipMasq:true ifaceCanReach: ' +
  'subnetFile:/run/flannel/subnet.env publicIP: publicIPv6: subnetLeaseRenewMargin:60 healthzIP:0.0.0.0 healthzPort:0 ' +
  'iptablesResyncSeconds:5 iptablesForwardRules:true blackholeRoute:false netConfPath:/etc/kube-flannel/net-conf.json ' +
  'setNodeNetworkUnavailable:true}'

/** is this container flanneld (the kube-flannel container of flannel's DaemonSet) */
export function isFlanneld(c: { image?: string; command?: string[] }): boolean {
  return /(^|\/)flannel\/flannel:/.test(c.image ?? '') && (c.command?.[0] ?? '').endsWith('/flanneld')
}

/** net-conf.json's Network and Backend.Type, read the way flanneld reads the mounted ConfigMap */
export function flannelNetConf(store: Store, namespace: string): { network: string; backend: string } | undefined {
  const cm = store.get('ConfigMap', namespace, 'kube-flannel-cfg') as ConfigMap | undefined
  const text = cm?.data?.['net-conf.json']
  if (!text) return undefined
  try {
    const v = JSON.parse(text) as { Network?: string; Backend?: { Type?: string } }
    return { network: v.Network ?? '', backend: v.Backend?.Type ?? 'udp' }
  } catch {
    return undefined
  }
}

/** flanneld's start-up lines for `pod` (started at `startedAt`, virtual ms) */
export function flanneldLines(store: Store, network: ClusterNetwork | undefined, pod: Pod, startedAt: number): string[] {
  const nodeName = pod.spec.nodeName ?? ''
  const node = store.get('Node', undefined, nodeName) as Node | undefined
  const conf = flannelNetConf(store, pod.metadata.namespace ?? '')
  if (!node || !conf) return []
  const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
  const subnet = node.spec?.podCIDR ?? ''
  const mac = network?.netns(nodeName) ? findLink(network.netns(nodeName)!, 'flannel.1')?.mac ?? '' : ''
  let us = 0
  const at = (ms: number, sev: Severity, where: string, msg: string) => {
    us += 37
    return klogLine(sev, startedAt + ms, us, 1, where, msg)
  }
  const noSubnet = (key: string) => at(1004, 'W', 'main.go:608', `no subnet found for key: ${key} in file: /run/flannel/subnet.env`)
  return [
    at(0, 'I', 'main.go:213', FLAGS),
    at(0, 'W', 'client_config.go:659', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
    at(20, 'I', 'kube.go:139', 'Waiting 10m0s for node controller to sync'),
    at(20, 'I', 'kube.go:537', 'Starting kube subnet manager'),
    at(23, 'I', 'kube.go:558', `Creating the node lease for IPv4. This is the n.Spec.PodCIDRs: [${subnet}]`),
    at(1000, 'I', 'kube.go:146', 'Node controller sync successful'),
    at(1000, 'I', 'main.go:239', `Created subnet manager: Kubernetes Subnet Manager - ${nodeName}`),
    at(1000, 'I', 'main.go:242', 'Installing signal handlers'),
    at(1000, 'I', 'main.go:519', `Found network config - Backend type: ${conf.backend}`),
    at(1004, 'I', 'match.go:211', 'Determining IP address of default interface'),
    at(1004, 'I', 'match.go:264', `Using interface with name eth0 and address ${ip}`),
    at(1004, 'I', 'match.go:286', `Defaulting external address to interface address (${ip})`),
    at(1004, 'I', 'vxlan.go:141', 'VXLAN config: VNI=1 Port=0 GBP=false Learning=false DirectRouting=false'),
    at(1004, 'I', 'vxlan.go:155', `Interface flannel.1 mac address set to: ${mac}`),
    at(1004, 'I', 'main.go:375', 'Cleaning-up unused traffic manager rules'),
    at(1004, 'I', 'nftables.go:278', 'Cleaning-up nftables rules...'),
    at(1004, 'I', 'iptables.go:50', 'Starting flannel in iptables mode...'),
    noSubnet('FLANNEL_NETWORK'), noSubnet('FLANNEL_SUBNET'), noSubnet('FLANNEL_IPV6_NETWORK'), noSubnet('FLANNEL_IPV6_SUBNET'),
    at(1004, 'I', 'iptables.go:101', `Current network or subnet (${conf.network}, ${subnet}) is not equal to previous one (0.0.0.0/0, 0.0.0.0/0), trying to recycle old iptables rules`),
    at(1005, 'I', 'iptables.go:110', 'Setting up masking rules'),
    at(1012, 'I', 'iptables.go:211', 'Changing default FORWARD chain policy to ACCEPT'),
    at(1015, 'I', 'main.go:463', 'Wrote subnet file to /run/flannel/subnet.env'),
    at(1015, 'I', 'main.go:467', 'Running backend.'),
    at(1015, 'I', 'vxlan_network.go:65', 'watching for new subnet leases'),
    at(1015, 'I', 'main.go:488', 'Waiting for all goroutines to exit'),
    at(1024, 'I', 'iptables.go:357', 'bootstrap done'),
    at(1036, 'I', 'iptables.go:357', 'bootstrap done'),
  ]
}

/** /run/flannel/subnet.env as flanneld writes it on a node (the subnet's first address; vxlan MTU 1450) */
export function flannelSubnetEnv(network: string, podCIDR: string, mtu = 1450): string {
  const [base, len] = podCIDR.split('/')
  const o = base.split('.').map(Number)
  return `FLANNEL_NETWORK=${network}\nFLANNEL_SUBNET=${o[0]}.${o[1]}.${o[2]}.${o[3] + 1}/${len}\nFLANNEL_MTU=${mtu}\nFLANNEL_IPMASQ=true\n`
}
