// The pod network as flannel (vxlan backend) and the CNI bridge plugin build it: per node lo, eth0, flannel.1
// (`10.244.N.0/32`), the cni0 bridge (`10.244.N.1/24`, created with the node's first pod) and one veth per pod;
// per pod lo and eth0@ifN with the pod IP, a default route and the cluster CIDR via cni0's address; routes to
// other nodes' subnets through flannel.1 (`via 10.244.M.0 dev flannel.1 onlink`). Outside hosts get eth0 only.

import type { Link, Netns } from '../types.ts'
import { linkLocalFromMac, macFromKey, networkOf, parseCidr, uuidFromKey, vethNameFromKey } from '../addr.ts'
import { newNetns, netnsIdOf, type NetfilterFactory } from '../netns.ts'
import { addAddress, addLink, addRoute, findLink, LINK_DEFAULTS, removeLink } from '../iproute/links.ts'
import type { HostFlavor } from './flavor.ts'

/** flannel's vxlan MTU (1500 minus the 50-byte vxlan overhead), handed to the bridge plugin */
export const FLANNEL_MTU = 1450

export interface HostSpec { name: string; ip: string }
export interface NodeSpec extends HostSpec { podCIDR: string }

const flags = (kind: Link['kind']) => [...LINK_DEFAULTS[kind].flags]

function loopback(ns: Netns, flavor: HostFlavor): void {
  addLink(ns, { name: 'lo', kind: 'loopback', mac: '00:00:00:00:00:00', ...LINK_DEFAULTS.loopback, flags: flags('loopback') })
  addAddress(ns, 'lo', { cidr: '127.0.0.1/8', scope: 'host' })
  addAddress(ns, 'lo', { cidr: '::1/128', scope: 'host', flags: [...flavor.loopbackV6Flags] })
}

/** eth0 on the node network with its default route (a VM's or an outside host's uplink) */
function uplink(ns: Netns, host: HostSpec, flavor: HostFlavor): void {
  const mac = flavor.mac(host.ip)
  addLink(ns, { name: 'eth0', kind: 'ether', mac, ...LINK_DEFAULTS.ether, qdisc: flavor.qdisc, flags: flags('ether') })
  addAddress(ns, 'eth0', { cidr: `${host.ip}/${flavor.prefix}`, scope: 'global' })
  addAddress(ns, 'eth0', { cidr: linkLocalFromMac(mac), scope: 'link' })
  addRoute(ns, { dst: 'default', via: flavor.gateway, dev: 'eth0' })
}

const NODE_SYSCTLS: [string, string][] = [
  ['net.ipv4.ip_forward', '1'],
  ['net.bridge.bridge-nf-call-iptables', '1'],
  ['net.bridge.bridge-nf-call-ip6tables', '1'],
  ['net.ipv4.ip_local_port_range', '32768\t60999'],
  ['net.netfilter.nf_conntrack_max', '131072'],
  ['net.netfilter.nf_conntrack_tcp_timeout_established', '86400'],
  ['net.netfilter.nf_conntrack_tcp_timeout_close_wait', '3600'],
]

/** A node's root namespace: lo, eth0, flannel.1; cni0 comes with the first pod (ensureBridge). */
export function buildNodeNetns(node: NodeSpec, flavor: HostFlavor, makeNetfilter: NetfilterFactory): Netns {
  const ns = newNetns(node.name, 'node', makeNetfilter, undefined, node.podCIDR)
  loopback(ns, flavor)
  uplink(ns, node, flavor)
  const { ip: subnet } = parseCidr(node.podCIDR)
  const vmac = macFromKey(`${node.name}|flannel.1`)
  addLink(ns, { name: 'flannel.1', kind: 'vxlan', mac: vmac, ...LINK_DEFAULTS.vxlan, flags: flags('vxlan') })
  addAddress(ns, 'flannel.1', { cidr: `${subnet}/32`, scope: 'global' })
  addAddress(ns, 'flannel.1', { cidr: linkLocalFromMac(vmac), scope: 'link' })
  for (const [k, v] of NODE_SYSCTLS) ns.sysctl.set(k, v)
  return ns
}

/** An outside host (the `client`): lo and eth0 on the node network, no route into the pod network. */
export function buildExternalNetns(host: HostSpec, flavor: HostFlavor, makeNetfilter: NetfilterFactory): Netns {
  const ns = newNetns(host.name, 'external', makeNetfilter)
  loopback(ns, flavor)
  uplink(ns, host, flavor)
  ns.sysctl.set('net.ipv4.ip_forward', '0')
  ns.sysctl.set('net.ipv4.ip_local_port_range', '32768\t60999')
  return ns
}

/** the bridge's gateway address: the first host of the node's pod subnet */
export function bridgeGateway(podCIDR: string): string {
  const { ip } = parseCidr(podCIDR)
  const p = ip.split('.').map(Number)
  return `${p[0]}.${p[1]}.${p[2]}.${p[3] + 1}`
}

/** cni0, as the bridge plugin creates it for the node's first pod (10.244.N.1/24, MTU 1450) */
export function ensureBridge(ns: Netns, podCIDR: string): Link {
  const have = findLink(ns, 'cni0')
  if (have) return have
  const mac = macFromKey(`${ns.name}|cni0`)
  const link = addLink(ns, { name: 'cni0', kind: 'bridge', mac, ...LINK_DEFAULTS.bridge, mtu: FLANNEL_MTU, flags: flags('bridge') })
  const { len } = parseCidr(podCIDR)
  addAddress(ns, 'cni0', { cidr: `${bridgeGateway(podCIDR)}/${len}`, scope: 'global' })
  addAddress(ns, 'cni0', { cidr: linkLocalFromMac(mac), scope: 'link' })
  return link
}

/** A bridge without ports has no carrier: `<NO-CARRIER,BROADCAST,MULTICAST,UP>`, state DOWN, routes linkdown. */
export function updateBridgeCarrier(ns: Netns, hasPorts?: boolean): void {
  const br = findLink(ns, 'cni0')
  if (!br) return
  const ports = hasPorts ?? ns.links.some((l) => l.master === 'cni0')
  br.flags = ports ? flags('bridge') : ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP']
  br.state = ports ? 'UP' : 'DOWN'
}

/** pod namespace -> its host-side veth's name */
const hostVeths = new WeakMap<Netns, string>()

export interface PodSpec { namespace: string; name: string; uid: string; ip: string }

/** What the CNI ADD left on the node for one pod: the host veth and what the pod's side needs to be built. */
export interface PodAttachment {
  /** host-side veth (`vethXXXXXXXX`) and its ifindex on the node */
  vethName: string
  vethIndex: number
  /** `cni-<uuid>`, the pod namespace's name as the node sees it */
  netnsName: string
}

/** the pod's eth0 ifindex (lo is 1) */
const POD_ETH0_INDEX = 2

/**
 * The node's half of the CNI ADD: cni0 (with the node's first pod) and the host-side veth on it, named from the
 * pod's uid. The pod's own namespace is built by buildPodNetns (the controller builds it on first use: 3,000
 * pod namespaces are rarely looked into, and nothing in them depends on when they are built).
 */
export function attachPodHost(node: Netns, nodeSpec: NodeSpec, pod: PodSpec): PodAttachment {
  ensureBridge(node, nodeSpec.podCIDR)
  const key = `${pod.namespace}/${pod.name}`
  const netnsName = `cni-${uuidFromKey(pod.uid || key)}`
  const hostMac = macFromKey(`${pod.uid}|veth`)
  const veth = addLink(node, {
    name: vethNameFromKey(pod.uid || key), kind: 'veth', mac: hostMac, ...LINK_DEFAULTS.veth, mtu: FLANNEL_MTU, flags: flags('veth'),
    master: 'cni0', peer: { index: POD_ETH0_INDEX, netnsId: netnsIdOf(node, netnsName), netnsName },
  })
  addAddress(node, veth.name, { cidr: linkLocalFromMac(hostMac), scope: 'link' })
  updateBridgeCarrier(node, true)
  return { vethName: veth.name, vethIndex: veth.index, netnsName }
}

/** The pod's half of the CNI ADD: its namespace with lo, eth0@ifN (the pod IP), the default and cluster routes. */
export function buildPodNetns(nodeName: string, nodeSpec: NodeSpec, pod: PodSpec, att: PodAttachment, clusterCIDR: string, flavor: HostFlavor, makeNetfilter: NetfilterFactory): Netns {
  const ns = newNetns(`${pod.namespace}/${pod.name}`, 'pod', makeNetfilter, nodeName)
  loopback(ns, flavor)
  const podMac = macFromKey(`${pod.uid}|eth0`)
  const { len } = parseCidr(nodeSpec.podCIDR)
  addLink(ns, {
    index: POD_ETH0_INDEX, name: 'eth0', kind: 'veth', mac: podMac, ...LINK_DEFAULTS.veth, mtu: FLANNEL_MTU, flags: flags('veth'),
    peer: { index: att.vethIndex, netnsId: netnsIdOf(ns, nodeName) },
  })
  addAddress(ns, 'eth0', { cidr: `${pod.ip}/${len}`, scope: 'global' })
  addAddress(ns, 'eth0', { cidr: linkLocalFromMac(podMac), scope: 'link' })
  const gw = bridgeGateway(nodeSpec.podCIDR)
  addRoute(ns, { dst: 'default', via: gw, dev: 'eth0' })
  addRoute(ns, { dst: clusterCIDR, via: gw, dev: 'eth0' })
  ns.sysctl.set('net.ipv4.ip_forward', '1')
  ns.sysctl.set('net.ipv4.ip_local_port_range', '32768\t60999')
  hostVeths.set(ns, att.vethName)
  return ns
}

/**
 * The CNI ADD of a pod: its namespace (lo, eth0@ifN with the pod IP, routes) and the host-side veth on cni0.
 * Returns the pod's namespace; the host veth is named from the pod's uid.
 */
export function attachPod(node: Netns, nodeSpec: NodeSpec, pod: PodSpec, clusterCIDR: string, flavor: HostFlavor, makeNetfilter: NetfilterFactory): Netns {
  const att = attachPodHost(node, nodeSpec, pod)
  return buildPodNetns(node.name, nodeSpec, pod, att, clusterCIDR, flavor, makeNetfilter)
}

/** The CNI DEL from the node's side: the host veth goes (found by name, else by its ifindex). */
export function detachPodHost(node: Netns, att: PodAttachment): void {
  const veth = findLink(node, att.vethName) ?? node.links.find((l) => l.index === att.vethIndex && l.kind === 'veth')
  if (veth) removeLink(node, veth.name)
  updateBridgeCarrier(node)
}

/** The CNI DEL: the host veth goes (its peer dies with the pod's namespace). */
export function detachPod(node: Netns, pod: Netns): void {
  const name = hostVeths.get(pod)
  let veth = name ? findLink(node, name) : undefined
  if (!veth) {
    const eth0 = findLink(pod, 'eth0')
    veth = eth0?.peer ? node.links.find((l) => l.index === eth0.peer!.index && l.kind === 'veth') : undefined
  }
  if (veth) removeLink(node, veth.name)
  updateBridgeCarrier(node)
}

/** flannel's routes to the other nodes' subnets: `10.244.M.0/24 via 10.244.M.0 dev flannel.1 onlink` */
export function setPeerRoutes(node: Netns, self: NodeSpec, all: readonly NodeSpec[]): void {
  const want = new Set<string>()
  for (const o of all) {
    if (o.name === self.name || !o.podCIDR) continue
    const { ip, len } = parseCidr(o.podCIDR)
    const dst = `${networkOf(ip, len)}/${len}`
    want.add(dst)
    addRoute(node, { dst, via: networkOf(ip, len), dev: 'flannel.1', onlink: true })
  }
  node.routes = node.routes.filter((r) => r.dev !== 'flannel.1' || want.has(r.dst))
}
