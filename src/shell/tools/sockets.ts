// The socket table `ss` and `netstat` read on a node (src/trace/listeners.ts: the node's daemons and hostNetwork
// pods), in the kernel's dump order (IPv4 sockets, then IPv6; within each, the listening hash's order), plus the
// service names of Debian's /etc/services that getservbyport finds for the lab's ports.

import type { Cluster } from '../../core/cluster/types.ts'
import { fnv32a } from '../../core/controller/hash.ts'
import { nodeListeners, type Listener } from '../../trace/listeners.ts'

/** Debian 12's /etc/services names for the ports nodes listen on (the others have none) */
const SERVICES: Record<number, string> = { 22: 'ssh', 80: 'http', 443: 'https', 8080: 'http-alt', 8081: 'tproxy', 53: 'domain' }

/** the port as a name unless -n (ports in the ephemeral range 32768-60999 stay numeric) */
export function serviceName(port: number, numeric: boolean): string {
  if (numeric || (port >= 32768 && port <= 60999)) return String(port)
  return SERVICES[port] ?? String(port)
}

export const isV6 = (l: Listener) => l.addr === '*' || l.addr.startsWith('[')

/** Go and most daemons listen with somaxconn (4096); sshd asks for 128, ingress-nginx's nginx for 4096 too. */
export function backlog(l: Listener): number {
  return l.comm === 'sshd' ? 128 : 4096
}

/** the node's listening TCP/UDP sockets in dump order */
export function socketTable(cluster: Cluster, node: string): Listener[] {
  const all = nodeListeners(cluster, node)
  const key = (l: Listener) => fnv32a(`${node}|${l.addr}|${l.port}`)
  const v4 = all.filter((l) => !isV6(l)).sort((a, b) => key(a) - key(b))
  const v6 = all.filter(isV6).sort((a, b) => key(a) - key(b))
  return [...v4, ...v6]
}
