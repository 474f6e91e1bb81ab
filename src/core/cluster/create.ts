// STUB (owned by the cluster/controllers work): a bare cluster with nodes and namespaces, no controllers yet.
import { Store } from '../apiserver/store.ts'
import { registerStrategies } from '../apiserver/registry.ts'
import { createManualClock } from '../util/clock.ts'
import { createRng } from '../util/rand.ts'
import type { Cluster, ClusterProfile, CreateClusterOptions } from './types.ts'

export function createCluster(opts: CreateClusterOptions = {}): Cluster {
  const clock = opts.clock ?? createManualClock()
  const rng = createRng(opts.seed ?? 1)
  const profile: ClusterProfile = {
    name: 'kubeadm', version: 'v1.32.0', serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16',
    nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local', clusterDNS: '10.96.0.10',
    dnsInstalled: true, apiServer: { ip: '172.18.0.2', port: 6443 }, promptHost: 'controlplane', proxyMode: 'iptables',
    nodes: [
      { name: 'controlplane', ip: '172.18.0.2', podCIDR: '10.244.0.0/24', controlPlane: true, tainted: true },
      { name: 'node01', ip: '172.18.0.3', podCIDR: '10.244.1.0/24', controlPlane: false, tainted: false },
      { name: 'node02', ip: '172.18.0.4', podCIDR: '10.244.2.0/24', controlPlane: false, tainted: false },
    ],
  }
  const settings = { serviceCIDR: profile.serviceCIDR, nodePortRange: profile.nodePortRange, version: profile.version, clusterDomain: profile.clusterDomain }
  const store = new Store({ rng: rng.fork('apiserver'), clock, settings })
  registerStrategies(store)
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { cause: 'bootstrap' })
  }
  for (const n of profile.nodes) {
    store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: n.name }, spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] },
      status: { addresses: [{ type: 'InternalIP', address: n.ip }, { type: 'Hostname', address: n.name }] } }, { cause: 'bootstrap' })
  }
  return { profile, store, clock, rng, settings, settle: () => 0, advance: (ms) => clock.advance(ms) }
}
