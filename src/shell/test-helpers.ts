// Test helpers for the shell's tests: a cluster with a chosen profile, a shell, and a runner that feeds lines.

import type { Cluster, ClusterProfile, ProfileName } from '../core/cluster/types.ts'
import { Store } from '../core/apiserver/store.ts'
import type { ClusterNetwork } from '../core/node/network.ts'
import type { KubeProxyStatus, ProxyControl } from '../core/proxy/types.ts'
import { createManualClock } from '../core/util/clock.ts'
import { createRng } from '../core/util/rand.ts'
import { createShell, type LabShell } from './shell.ts'
import { createWorkspaceFs } from './fs.ts'
import type { RunResult } from './types.ts'

/**
 * A bare cluster for the shell's tests: a store with namespaces and nodes, the virtual clock, no controllers
 * (so these tests do not depend on the controllers' work). kubeadm: controlplane/node01/node02; binary: CentOS names.
 */
export function testCluster(profile: ProfileName = 'kubeadm'): Cluster {
  const clock = createManualClock()
  const rng = createRng(1)
  const names = profile === 'binary' ? ['k8s-master01', 'k8s-node01', 'k8s-node02'] : ['controlplane', 'node01', 'node02']
  const p: ClusterProfile = {
    name: profile, version: 'v1.32.0', serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16',
    nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local', clusterDNS: '10.96.0.10', dnsInstalled: false,
    apiServer: { ip: '172.18.0.2', port: 6443 }, promptHost: names[0], proxyMode: 'iptables',
    nodes: names.map((name, i) => ({ name, ip: `172.18.0.${i + 2}`, podCIDR: `10.244.${i}.0/24`, controlPlane: i === 0, tainted: i === 0 })),
  }
  const settings = { serviceCIDR: p.serviceCIDR, nodePortRange: p.nodePortRange, version: p.version, clusterDomain: p.clusterDomain }
  const store = new Store({ rng: rng.fork('apiserver'), clock, settings })
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { cause: 'bootstrap' })
  }
  for (const n of p.nodes) {
    store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: n.name }, status: { addresses: [{ type: 'InternalIP', address: n.ip }] } } as never, { cause: 'bootstrap' })
  }
  // no kernel state and no kube-proxy: tests that need the data plane use createCluster
  const network: ClusterNetwork = { netns: () => undefined, nodes: () => [], outside: () => [], owner: () => undefined, loadBalancers: () => [] }
  const status = (node: string): KubeProxyStatus => ({ node, mode: 'iptables', running: false, lastSync: 0, log: [] })
  const proxy: ProxyControl = { status, restart: status, stop: status, flagsFile: () => undefined }
  return { profile: p, store, clock, rng, settings, network, proxy, dns: { serve: () => undefined }, settle: () => 0, advance: (ms) => clock.advance(ms) }
}

export function testShell(profile: ProfileName = 'kubeadm'): LabShell {
  return createShell({ cluster: testCluster(profile), fs: createWorkspaceFs() })
}

/** Feeds lines until a command completes; returns it (throws if the lines leave it open). */
export function run(sh: LabShell, ...lines: string[]): RunResult {
  let last
  for (const l of lines) last = sh.run(l)
  if (!last || !last.done) throw new Error(`command still open after: ${lines.join(' / ')}`)
  return last
}

/** stdout + stderr of one command line */
export function out(sh: LabShell, ...lines: string[]): string {
  const r = run(sh, ...lines)
  return r.stdout + r.stderr
}
