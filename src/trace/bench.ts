// benchTrace(): the linear-versus-hash contrast as numbers. One node carrying N Services (10 endpoints each,
// the same 10 nginx pods behind every Service), one trace from a pod to the Service whose rule is last in
// nat KUBE-SERVICES: rules evaluated in iptables mode versus IPVS lookups in ipvs mode, and the time per trace.

import type { Pod } from '../core/api/types.ts'
import type { ClusterNetwork } from '../core/node/network.ts'
import type { Netns } from '../core/node/types.ts'
import type { EndpointInfo, KubeProxyConfig, ProxyState, ServicePortInfo } from '../core/proxy/types.ts'
import type { Verdict } from './types.ts'
import { createCluster } from '../core/cluster/create.ts'
import { attachPod, buildExternalNetns, buildNodeNetns } from '../core/node/cni/flannel.ts'
import { FLAVORS } from '../core/node/cni/flavor.ts'
import { newNetfilter } from '../core/node/netfilter/netfilter.ts'
import { newIptablesBackend } from '../core/proxy/iptables/backend.ts'
import { ipvsBackend } from '../core/proxy/ipvs/proxier.ts'
import { addrOf, numToIp } from './ip.ts'
import { trace } from './engine.ts'

export interface BenchTraceResult {
  services: number
  mode: 'iptables' | 'ipvs'
  verdict: Verdict
  rulesEvaluated: number
  ipvsLookups: number
  /** median ms per trace over `runs` traces (when a timer was given) */
  ms?: number
  /** ms to compile the node's rules (when a timer was given) */
  syncMs?: number
}

function service(i: number): ServicePortInfo {
  return {
    name: `bench/svc-${i}`, namespace: 'bench', service: `svc-${i}`, portName: '', protocol: 'TCP', type: 'ClusterIP',
    clusterIP: numToIp(0x0a600000 + 10 + i), port: 80, nodePort: 0, targetPort: 80, externalIPs: [], loadBalancerIPs: [],
    loadBalancerSourceRanges: [], healthCheckNodePort: 0, externalPolicyLocal: false, internalPolicyLocal: false, stickyMaxAgeSeconds: 0,
  }
}

/**
 * Build the one-node lab with `services` Services, then trace to the last Service in nat KUBE-SERVICES.
 * `timer` (performance.now in the CLI) adds timings; core has no clock of its own.
 */
export function benchTrace(services: number, mode: 'iptables' | 'ipvs', opts: { timer?: () => number; runs?: number } = {}): BenchTraceResult {
  const cluster = createCluster({ seed: 1, nodes: 2 })
  const node = cluster.profile.nodes[1]
  for (let i = 0; i < 10; i++) {
    cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: node.name, containers: [{ name: 'web', image: 'nginx' }] } } as Pod, { cause: 'bench' })
  }
  cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'default' }, spec: { nodeName: node.name, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } as Pod, { cause: 'bench' })
  cluster.advance(30_000)
  const flavor = FLAVORS[cluster.profile.name]
  const makeNf = () => newNetfilter({ tables: ['filter', 'nat'] })
  const ns = buildNodeNetns(node, flavor, makeNf)
  const pods = new Map<string, Netns>()
  for (const p of cluster.store.list('Pod', 'default') as Pod[]) {
    pods.set(`default/${p.metadata.name}`, attachPod(ns, node, { namespace: 'default', name: p.metadata.name, uid: p.metadata.uid ?? p.metadata.name, ip: p.status!.podIP! }, cluster.profile.podCIDR, flavor, makeNf))
  }
  const client = buildExternalNetns({ name: 'client', ip: '172.18.0.200' }, flavor, makeNf)
  const all = [ns, client, ...pods.values()]
  const net: ClusterNetwork = {
    netns: (n) => (n === node.name ? ns : pods.get(n) ?? (n === 'client' ? client : undefined)),
    nodes: () => [ns], outside: () => [client],
    owner: (ip) => all.find((x) => x.links.some((l) => l.name !== 'kube-ipvs0' && l.addrs.some((a) => addrOf(a.cidr) === ip))),
    loadBalancers: () => [],
  }
  const eps: EndpointInfo[] = (cluster.store.list('Pod', 'default') as Pod[]).filter((p) => p.metadata.name.startsWith('web-'))
    .map((p) => ({ endpoint: `${p.status!.podIP}:80`, ip: p.status!.podIP!, port: 80, ready: true, serving: true, terminating: false, nodeName: node.name, isLocal: true }))
    .sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0))
  const state: ProxyState = { node: { name: node.name, ip: node.ip, podCIDR: node.podCIDR }, clusterCIDR: cluster.profile.podCIDR, services: new Map(), endpoints: new Map() }
  for (let i = 0; i < services; i++) {
    const s = service(i)
    state.services.set(`${s.name}/TCP`, s)
    state.endpoints.set(`${s.name}/TCP`, eps)
  }
  const config: KubeProxyConfig = {
    mode, clusterCIDR: cluster.profile.podCIDR, masqueradeAll: false, masqueradeBit: 14,
    ipvs: { scheduler: '', strictARP: false }, nodePortAddresses: [], hostnameOverride: '',
  }
  const t0 = opts.timer?.()
  ;(mode === 'ipvs' ? ipvsBackend : newIptablesBackend()).sync(state, ns, config)
  const syncMs = opts.timer && t0 !== undefined ? opts.timer() - t0 : undefined
  // the Service whose KUBE-SERVICES rule comes last (the NodePorts jump aside)
  const rules = ns.netfilter.table('nat').chains.get('KUBE-SERVICES')?.rules ?? []
  const last = [...rules].reverse().find((r) => r.spec.destination && r.spec.target?.name.startsWith('KUBE-SVC-'))
  const target = last ? addrOf(last.spec.destination!.cidr) : service(services - 1).clusterIP
  const req = { from: { kind: 'pod' as const, namespace: 'default', name: 'client' }, to: target, port: 80, protocol: 'TCP' as const }
  const first = trace(cluster, req, { network: net, accessLog: false })
  const result: BenchTraceResult = { services, mode, verdict: first.verdict, rulesEvaluated: first.rulesEvaluated, ipvsLookups: first.ipvsLookups }
  if (syncMs !== undefined) result.syncMs = syncMs
  if (opts.timer) {
    const times: number[] = []
    for (let i = 0; i < 5; i++) trace(cluster, req, { network: net, accessLog: false }) // warm-up
    for (let i = 0; i < (opts.runs ?? 50); i++) {
      const a = opts.timer()
      trace(cluster, req, { network: net, accessLog: false })
      times.push(opts.timer() - a)
    }
    times.sort((a, b) => a - b)
    result.ms = times[Math.floor(times.length / 2)]
  }
  return result
}
