// Test lab for the trace engine: a real cluster (store, pods, kubelet) plus a ClusterNetwork assembled here
// from the node engineer's flannel builders, the netfilter engineer's tables and the proxy back ends (iptables
// or ipvs) synced from the store. Used until createCluster wires `cluster.network`; not production code.

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod, Service } from '../../core/api/types.ts'
import type { ClusterNetwork, ExternalLoadBalancer } from '../../core/node/network.ts'
import type { Netns } from '../../core/node/types.ts'
import type { KubeProxyConfig, ProxyBackend } from '../../core/proxy/types.ts'
import { createCluster } from '../../core/cluster/create.ts'
import { attachPod, buildExternalNetns, buildNodeNetns, detachPod, setPeerRoutes } from '../../core/node/cni/flannel.ts'
import { clientAddress, FLAVORS } from '../../core/node/cni/flavor.ts'
import { newNetfilter } from '../../core/node/netfilter/netfilter.ts'
import { newIptablesBackend } from '../../core/proxy/iptables/backend.ts'
import { ipvsBackend } from '../../core/proxy/ipvs/proxier.ts'
import { buildProxyState } from '../../core/proxy/state.ts'
import { addrOf } from '../ip.ts'

export interface Lab {
  cluster: Cluster
  net: ClusterNetwork & { lbs: ExternalLoadBalancer[] }
  /** attach new pods, detach gone ones, resync every node's proxy */
  sync(): void
  config: KubeProxyConfig
}

export function buildLab(opts: { mode?: 'iptables' | 'ipvs'; scheduler?: string; nodes?: number; seed?: number } = {}): Lab {
  const cluster = createCluster({ seed: opts.seed ?? 1, nodes: opts.nodes })
  const profile = cluster.profile
  const flavor = FLAVORS[profile.name]
  const makeNf = () => newNetfilter({ tables: ['filter', 'nat'] })
  const nodes = new Map<string, Netns>()
  for (const n of profile.nodes) nodes.set(n.name, buildNodeNetns(n, flavor, makeNf))
  for (const n of profile.nodes) setPeerRoutes(nodes.get(n.name)!, n, profile.nodes)
  const client = buildExternalNetns({ name: 'client', ip: clientAddress(profile) }, flavor, makeNf)
  const pods = new Map<string, Netns>()
  const lbs: ExternalLoadBalancer[] = []
  const all = () => [...nodes.values(), client, ...pods.values()]
  const net: Lab['net'] = {
    lbs,
    netns: (name) => nodes.get(name) ?? pods.get(name) ?? (name === 'client' ? client : undefined),
    nodes: () => [...nodes.values()],
    outside: () => [client],
    owner: (ip) => all().find((ns) => ns.links.some((l) => l.name !== 'kube-ipvs0' && l.addrs.some((a) => addrOf(a.cidr) === ip))),
    loadBalancers: () => lbs,
  }
  const config: KubeProxyConfig = {
    mode: opts.mode ?? 'iptables', clusterCIDR: profile.podCIDR, masqueradeAll: false, masqueradeBit: 14,
    ipvs: { scheduler: opts.scheduler ?? '', strictARP: false }, nodePortAddresses: [], hostnameOverride: '',
  }
  const backends = new Map<string, ProxyBackend>()
  for (const n of profile.nodes) backends.set(n.name, opts.mode === 'ipvs' ? ipvsBackend : newIptablesBackend())
  const sync = () => {
    const live = new Set<string>()
    for (const p of cluster.store.list('Pod') as Pod[]) {
      if (p.spec.hostNetwork || !p.status?.podIP || !p.spec.nodeName || p.status.phase !== 'Running') continue
      const key = `${p.metadata.namespace}/${p.metadata.name}`
      live.add(key)
      if (pods.has(key)) continue
      const spec = profile.nodes.find((n) => n.name === p.spec.nodeName)!
      pods.set(key, attachPod(nodes.get(spec.name)!, spec, { namespace: p.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid ?? key, ip: p.status.podIP }, profile.podCIDR, flavor, makeNf))
    }
    for (const [key, ns] of pods) if (!live.has(key)) { detachPod(nodes.get(ns.node!)!, ns); pods.delete(key) }
    for (const n of profile.nodes) {
      const state = buildProxyState(cluster.store, n.name, config)
      backends.get(n.name)!.sync(state, nodes.get(n.name)!, config)
    }
    // the cloud's load balancers for LoadBalancer Services with an ingress IP
    lbs.length = 0
    for (const s of cluster.store.list('Service') as Service[]) {
      const ip = s.status?.loadBalancer?.ingress?.[0]?.ip
      if (s.spec.type !== 'LoadBalancer' || !ip) continue
      lbs.push({
        service: `${s.metadata.namespace}/${s.metadata.name}`, ip,
        ports: (s.spec.ports ?? []).map((p) => ({ protocol: (p.protocol ?? 'TCP') as 'TCP', port: p.port, nodePort: p.nodePort ?? 0 })),
        targets: profile.nodes.map((n) => n.ip),
      })
    }
  }
  sync()
  return { cluster, net, sync, config }
}

/** a pod pinned to a node (the scheduler leaves bound pods alone) */
export function pinnedPod(name: string, node: string, labels: Record<string, string>, image = 'nginx'): Pod {
  const c = image === 'busybox' ? { name: 'c', image, command: ['sleep', '3600'] } : { name: 'web', image, ports: [{ containerPort: 80 }] }
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { nodeName: node, containers: [c] } }
}

/** give a LoadBalancer Service its EXTERNAL-IP, as the load-balancer controller would */
export function setIngress(lab: Lab, name: string, ip: string): void {
  lab.cluster.store.updateStatus('Service', 'default', name, { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } }, 'test')
  lab.sync()
}
