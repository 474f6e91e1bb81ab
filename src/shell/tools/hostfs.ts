// Files a host context starts with: the kubelet-managed /etc/hosts, /etc/resolv.conf and /etc/hostname of a pod,
// a node's /etc/hosts and /etc/resolv.conf, and the kube-proxy flags file of a binary install (from cluster.proxy.flagsFile).

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod } from '../../core/api/types.ts'
import type { HostContext, WorkspaceFs } from '../types.ts'
import { isOutside, podOf, primaryIP, proxyOf } from './access.ts'
import { nodeResolvConfText, resolvConf } from '../../core/dns/resolvconf.ts'
import { flannelNetConf, flannelSubnetEnv, isFlanneld } from '../../core/cluster/bootstrap-flannel-log.ts'

/** The pod's /etc/hosts as the kubelet writes it (tabs; hostname/subdomain FQDN; HostAliases section). */
export function podHostsFile(cluster: Cluster, pod: Pod): string {
  let out = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n'
  const name = pod.spec.hostname ?? pod.metadata.name
  const ips = (pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []))
  const ns = pod.metadata.namespace ?? 'default'
  for (const ip of ips) {
    out += pod.spec.subdomain ? `${ip}\t${name}.${pod.spec.subdomain}.${ns}.svc.${cluster.profile.clusterDomain}\t${name}\n` : `${ip}\t${name}\n`
  }
  const aliases = (pod.spec.hostAliases ?? []) as { ip?: string; hostnames?: string[] }[]
  if (aliases.length) {
    out += '\n# Entries added by HostAliases.\n'
    for (const a of aliases) out += `${a.ip ?? ''}\t${(a.hostnames ?? []).join('\t')}\n`
  }
  return out
}

/** A node's /etc/hosts: the distribution's loopback lines plus every node (tutorials add them all). */
export function nodeHostsFile(cluster: Cluster, host: HostContext): string {
  if (host.kind === 'node' && isOutside(cluster, host)) {
    return `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${primaryIP(cluster, host)}\t${host.node}\n`
  }
  const nodes = cluster.profile.nodes.map((n) => `${n.ip} ${n.name}\n`).join('')
  if (cluster.profile.name === 'binary') {
    return '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n' +
      '::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n' + nodes
  }
  return '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\n' +
    'ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n' + nodes
}

/** The hosts file a host context reads (its own file when present). */
export function hostsFileOf(cluster: Cluster, host: HostContext, fs: WorkspaceFs): string {
  const own = fs.read('/etc/hosts')
  if (own !== undefined) return own
  const pod = podOf(cluster, host)
  return pod ? podHostsFile(cluster, pod) : nodeHostsFile(cluster, host)
}

/** The pod's /etc/resolv.conf as the kubelet writes it for its dnsPolicy and dnsConfig (src/core/dns). */
export function podResolvConf(cluster: Cluster, pod: Pod): string {
  return resolvConf(cluster, pod)
}

/** A node's (and the outside client's) /etc/resolv.conf: the upstream the lab's internet answers on. */
export function nodeResolvConf(cluster: Cluster): string {
  return nodeResolvConfText(cluster.profile)
}

/** Writes the files a fresh host context has (only those missing). The control plane's workspace gets only the flags file. */
export function seedHostFs(cluster: Cluster, host: HostContext, fs: WorkspaceFs, workspace: boolean): void {
  const put = (path: string, text: string) => {
    if (!fs.exists(path)) fs.write(path, text)
  }
  try {
    if (host.kind === 'pod') {
      const pod = podOf(cluster, host)
      if (!pod) return
      put('/etc/hosts', podHostsFile(cluster, pod))
      put('/etc/resolv.conf', podResolvConf(cluster, pod))
      put('/etc/hostname', (pod.spec.hostname ?? pod.metadata.name) + '\n')
      return
    }
    if (!workspace) {
      put('/etc/hosts', nodeHostsFile(cluster, host))
      put('/etc/resolv.conf', nodeResolvConf(cluster))
    }
    if (!isOutside(cluster, host)) flannelNodeFiles(cluster, host.node).forEach(([path, text]) => put(path, text))
    if (cluster.profile.name === 'binary' && !isOutside(cluster, host)) {
      const f = proxyOf(cluster)?.flagsFile(host.node)
      if (f) put(f.path, f.text)
    }
  } catch {
    // a half-built cluster (tests) has nothing to seed
  }
}

/**
 * What a running flannel pod leaves on its node: install-cni's copy of cni-conf.json as
 * /etc/cni/net.d/10-flannel.conflist and flanneld's /run/flannel/subnet.env. None without a flannel pod there.
 */
export function flannelNodeFiles(cluster: Cluster, node: string): [string, string][] {
  const pod = (cluster.store.list('Pod') as Pod[]).find((p) => p.spec.nodeName === node && p.status?.phase === 'Running' && p.spec.containers.some(isFlanneld))
  const ns = pod?.metadata.namespace ?? ''
  const conf = pod && flannelNetConf(cluster.store, ns)
  const n = cluster.profile.nodes.find((x) => x.name === node)
  if (!pod || !conf || !n) return []
  const cm = cluster.store.get('ConfigMap', ns, 'kube-flannel-cfg') as { data?: Record<string, string> } | undefined
  const out: [string, string][] = [['/run/flannel/subnet.env', flannelSubnetEnv(conf.network, n.podCIDR)]]
  const cni = cm?.data?.['cni-conf.json']
  if (cni !== undefined) out.unshift(['/etc/cni/net.d/10-flannel.conflist', cni])
  return out
}
