// What the hosts of each cluster profile look like on the wire: the kubeadm lab's Ubuntu 24.04 nodes on a
// docker-style 172.18.0.0/16 network (kind addressing) and the binary lab's CentOS 7 VMs (kernel 5.4) on a
// VMware NAT 192.168.186.0/24 network; qdisc, MAC style, loopback IPv6 flags and the ipset generation differ.

import type { ClusterProfile } from '../../cluster/types.ts'
import type { IpsetGeneration } from '../ipset/ipset.ts'
import { bytesOf, ipToInt } from '../addr.ts'

export interface HostFlavor {
  /** eth0's qdisc: fq_codel (systemd default on Ubuntu) or pfifo_fast (CentOS 7) */
  qdisc: string
  /** prefix length of the node network */
  prefix: number
  /** the node network's gateway (default route) */
  gateway: string
  /** flags of lo's ::1 (kernel 6.x prints noprefixroute) */
  loopbackV6Flags: string[]
  ipset: IpsetGeneration
  /** eth0's MAC for a host address */
  mac(ip: string): string
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0')

export const FLAVORS: Record<ClusterProfile['name'], HostFlavor> = {
  kubeadm: {
    qdisc: 'fq_codel', prefix: 16, gateway: '172.18.0.1', loopbackV6Flags: ['noprefixroute'], ipset: 'modern',
    // docker derives a container's MAC from its IPv4 address: 02:42 + the four address bytes
    mac: (ip) => ['02', '42', ...ip.split('.').map((o) => hex2(Number(o)))].join(':'),
  },
  binary: {
    qdisc: 'pfifo_fast', prefix: 24, gateway: '192.168.186.2', loopbackV6Flags: [], ipset: 'legacy',
    // VMware's OUI 00:0c:29 + three bytes
    mac: (ip) => ['00', '0c', '29', ...bytesOf(`vmware|${ip}`, 3).map(hex2)].join(':'),
  },
}

/** The outside host's address: the next address after the highest node IP in the node network. */
export function clientAddress(profile: ClusterProfile): string {
  const max = profile.nodes.reduce((m, n) => Math.max(m, ipToInt(n.ip)), 0)
  const n = max + 1
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}
