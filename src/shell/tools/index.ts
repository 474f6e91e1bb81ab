// The tools' entries for the command registry (commands.ts): where each program exists and, in pods, which
// images have it (images.ts). Node tools exist on every node and on the outside client.

import type { Cluster } from '../../core/cluster/types.ts'
import type { Command, HostContext } from '../types.ts'
import './engine-default.ts'
import { familyOf, toolIn, type Tool } from './images.ts'
import { imageOf, isOutside } from './access.ts'
import { curl } from './curl.ts'
import { wget } from './wget.ts'
import { ping } from './ping.ts'
import { nc } from './nc.ts'
import { hostname } from './hostname.ts'
import { apk } from './pkg.ts'
import { conntrack, ip, ipset, ipvsadm } from './kernel.ts'
import { iptables, iptablesSave } from './iptables.ts'
import { systemctl } from './systemctl.ts'
import { dig } from './dig.ts'
import { nslookup } from './nslookup.ts'
import { host } from './host.ts'
import { getent } from './getent.ts'
import { ss } from './ss.ts'
import { netstat } from './netstat.ts'
import { openssl, cfssl, cfssljson } from './pki/commands.ts'
import { halt, lab, poweroff, shutdown } from './power.ts'
import { nodeApt, nodeAptGet, yum } from './nodepkg.ts'

export interface ToolEntry {
  name: string
  run: Command
  where: readonly ('node' | 'pod')[]
  available?: (host: HostContext, cluster: Cluster) => boolean
}

/** in pods: only where the image (or an installed package) has it; on nodes and the client: always */
const has = (name: Tool['name']) => (host: HostContext, cluster: Cluster) => host.kind === 'node' || toolIn(cluster, host, name) !== undefined
const podHas = (name: Tool['name']) => (host: HostContext, cluster: Cluster) => host.kind === 'pod' && toolIn(cluster, host, name) !== undefined
const onCluster = (host: HostContext, cluster: Cluster) => !isOutside(cluster, host)
/** apt on the kubeadm profile's nodes (the binary profile's CentOS 7 nodes have yum) */
const debianNode = (host: HostContext, cluster: Cluster) => onCluster(host, cluster) && cluster.profile.name === 'kubeadm'

export const TOOLS: readonly ToolEntry[] = [
  { name: 'curl', run: curl, where: ['node', 'pod'], available: has('curl') },
  { name: 'wget', run: wget, where: ['pod'], available: podHas('wget') },
  { name: 'ping', run: ping, where: ['node', 'pod'], available: has('ping') },
  { name: 'nc', run: nc, where: ['node', 'pod'], available: has('nc') },
  { name: 'ip', run: ip, where: ['node', 'pod'], available: has('ip') },
  { name: 'hostname', run: hostname, where: ['node', 'pod'], available: has('hostname') },
  { name: 'nslookup', run: nslookup, where: ['node', 'pod'], available: has('nslookup') },
  { name: 'dig', run: dig, where: ['node', 'pod'], available: has('dig') },
  { name: 'host', run: host, where: ['node', 'pod'], available: has('host') },
  { name: 'getent', run: getent, where: ['node', 'pod'], available: has('getent') },
  { name: 'apt-get', run: nodeAptGet, where: ['node', 'pod'], available: (h, c) => (h.kind === 'node' ? debianNode(h, c) : podHas('apt-get')(h, c)) },
  { name: 'apt', run: nodeApt, where: ['node', 'pod'], available: (h, c) => (h.kind === 'node' ? debianNode(h, c) : podHas('apt-get')(h, c)) },
  { name: 'yum', run: yum, where: ['node'], available: (h, c) => onCluster(h, c) && c.profile.name === 'binary' },
  { name: 'apk', run: apk, where: ['pod'], available: podHas('apk') },
  { name: 'iptables', run: iptables, where: ['node'] },
  { name: 'iptables-save', run: iptablesSave, where: ['node'] },
  { name: 'ipvsadm', run: ipvsadm, where: ['node'], available: onCluster },
  { name: 'ipset', run: ipset, where: ['node'], available: onCluster },
  { name: 'conntrack', run: conntrack, where: ['node'] },
  { name: 'systemctl', run: systemctl, where: ['node'] },
  { name: 'ss', run: ss, where: ['node'] },
  { name: 'netstat', run: netstat, where: ['node'] },
  { name: 'openssl', run: openssl, where: ['node'] },
  { name: 'cfssl', run: cfssl, where: ['node'] },
  { name: 'cfssljson', run: cfssljson, where: ['node'] },
  { name: 'poweroff', run: poweroff, where: ['node'], available: onCluster },
  { name: 'halt', run: halt, where: ['node'], available: onCluster },
  { name: 'shutdown', run: shutdown, where: ['node'], available: onCluster },
  { name: 'lab', run: lab, where: ['node'] },
]

/** kubectl is not installed on the outside client */
export const notOutside = onCluster

export { familyOf, imageOf }
