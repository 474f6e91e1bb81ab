// What the tools reach in the cluster beyond the Cluster contract: the network namespaces (cluster.network),
// the node proxies (cluster.proxy), the pod and node a host context stands for, and the trace source it is.

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod } from '../../core/api/types.ts'
import type { ClusterNetwork } from '../../core/node/network.ts'
import type { Netns } from '../../core/node/types.ts'
import type { ProxyControl } from '../../core/proxy/types.ts'
import type { HostRef } from '../../trace/types.ts'
import type { CommandContext, HostContext } from '../types.ts'

/** `cluster.network` (the NODE work), when this cluster has one. */
export function networkOf(cluster: Cluster): ClusterNetwork | undefined {
  return (cluster as { network?: ClusterNetwork }).network
}

/** `cluster.proxy` (the PROXY work), when this cluster has one. */
export function proxyOf(cluster: Cluster): ProxyControl | undefined {
  return (cluster as { proxy?: ProxyControl }).proxy
}

/** Is this node-kind host context an outside host (the `client`), not a node of the cluster? */
export function isOutside(cluster: Cluster, host: HostContext): boolean {
  return host.kind === 'node' && !cluster.profile.nodes.some((n) => n.name === host.node)
}

/** The outside host named (or addressed) `target`, if the cluster network has one. */
export function findOutside(cluster: Cluster, target: string): string | undefined {
  for (const ns of networkOf(cluster)?.outside() ?? []) {
    if (ns.name === target || ns.links.some((l) => l.addrs.some((a) => a.cidr.split('/')[0] === target))) return ns.name
  }
  return undefined
}

export function podOf(cluster: Cluster, host: HostContext): Pod | undefined {
  return host.kind === 'pod' ? (cluster.store.get('Pod', host.namespace, host.pod) as Pod | undefined) : undefined
}

/** The image of the container a pod host context runs in. */
export function imageOf(cluster: Cluster, host: HostContext): string {
  const pod = podOf(cluster, host)
  if (!pod || host.kind !== 'pod') return ''
  return (pod.spec.containers.find((c) => c.name === host.container) ?? pod.spec.containers[0])?.image ?? ''
}

/** The network namespace name of a host context: node name, `ns/pod` (the node's for hostNetwork pods), or the outside host. */
export function netnsName(cluster: Cluster, host: HostContext): string {
  if (host.kind === 'node') return host.node
  const pod = podOf(cluster, host)
  if (pod?.spec.hostNetwork && pod.spec.nodeName) return pod.spec.nodeName
  return `${host.namespace}/${host.pod}`
}

export function netnsOf(cluster: Cluster, host: HostContext): Netns | undefined {
  return networkOf(cluster)?.netns(netnsName(cluster, host))
}

/** The trace engine's view of where a packet from this host context starts. */
export function hostRef(cluster: Cluster, host: HostContext): HostRef {
  if (host.kind === 'pod') {
    const pod = podOf(cluster, host)
    if (pod?.spec.hostNetwork && pod.spec.nodeName) return { kind: 'node', name: pod.spec.nodeName }
    return { kind: 'pod', namespace: host.namespace, name: host.pod }
  }
  return isOutside(cluster, host) ? { kind: 'external', name: host.node } : { kind: 'node', name: host.node }
}

/** The primary IPv4 address of a host context: the pod IP, the node's InternalIP, the outside host's eth0. */
export function primaryIP(cluster: Cluster, host: HostContext): string {
  if (host.kind === 'pod') {
    const pod = podOf(cluster, host)
    return pod?.status?.podIP ?? ''
  }
  const n = cluster.profile.nodes.find((x) => x.name === host.node)
  if (n) return n.ip
  const ns = networkOf(cluster)?.netns(host.node)
  for (const l of ns?.links ?? []) {
    if (l.kind === 'loopback') continue
    const a = l.addrs.find((x) => x.scope === 'global')
    if (a) return a.cidr.split('/')[0]
  }
  return ''
}

/** The host name a host context shows (`hostname`). */
export function hostNameOf(cluster: Cluster, ctx: Pick<CommandContext, 'host'>): string {
  const h = ctx.host
  if (h.kind === 'pod') {
    const pod = podOf(cluster, h)
    if (pod?.spec.hostNetwork && pod.spec.nodeName) return pod.spec.nodeName
    return pod?.spec.hostname ?? h.pod
  }
  const cp = cluster.profile.nodes.find((n) => n.controlPlane)
  return cp && h.node === cp.name ? cluster.profile.promptHost : h.node
}
