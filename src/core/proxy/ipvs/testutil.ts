// Test helpers for the ipvs/userspace back ends: a node namespace with links and the NETFILTER model (recording
// each restore input), service ports, endpoints and proxy state as the PROXY projection hands them over.

import type { Netfilter, Netns, TableName } from '../../node/types.ts'
import { newNetfilter, ruleText } from '../../node/netfilter/index.ts'
import type { EndpointInfo, KubeProxyConfig, ProxyState, ServicePortInfo } from '../types.ts'

export interface FakeNetfilter extends Netfilter {
  /** every restore input, in order */
  readonly restores: (string | readonly string[])[][]
}

/** the NETFILTER model with the node's built-in tables, recording each restore input */
export function recordingNetfilter(): FakeNetfilter {
  const nf = newNetfilter({ tables: ['raw', 'mangle', 'nat', 'filter'] })
  const restores: (string | readonly string[])[][] = []
  const restore = nf.restore.bind(nf)
  return Object.assign(nf, {
    restores,
    restore(lines: Iterable<string | readonly string[]>, opts?: { noflush?: boolean; counters?: boolean }) {
      const all = [...lines]
      restores.push(all)
      restore(all, opts)
    },
  })
}

/** `-A CHAIN ...` lines of one chain as iptables-save prints them */
export function chainRules(nf: Netfilter, table: TableName, chain: string): string[] {
  return (nf.table(table).chains.get(chain)?.rules ?? []).map((r) => ruleText(chain, r))
}

/** a node namespace like the CNI builds: lo, eth0 with the node IP, flannel.1 and cni0 */
export function fakeNodeNetns(name = 'node01', ip = '172.18.0.3', podNet = '10.244.1'): Netns & { netfilter: FakeNetfilter } {
  return {
    name, kind: 'node',
    links: [
      { index: 1, name: 'lo', kind: 'loopback', mac: '00:00:00:00:00:00', mtu: 65536, flags: ['LOOPBACK', 'UP', 'LOWER_UP'], state: 'UNKNOWN', qdisc: 'noqueue', addrs: [{ cidr: '127.0.0.1/8', scope: 'host' }] },
      { index: 2, name: 'eth0', kind: 'ether', mac: '02:42:ac:12:00:03', mtu: 1500, flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], state: 'UP', qdisc: 'noqueue', addrs: [{ cidr: `${ip}/16`, scope: 'global', broadcast: '172.18.255.255' }] },
      { index: 3, name: 'flannel.1', kind: 'vxlan', mac: '6a:1e:2f:33:44:55', mtu: 1450, flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], state: 'UNKNOWN', qdisc: 'noqueue', addrs: [{ cidr: `${podNet}.0/32`, scope: 'global' }] },
      { index: 4, name: 'cni0', kind: 'bridge', mac: '3e:55:66:77:88:99', mtu: 1450, flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], state: 'UP', qdisc: 'noqueue', addrs: [{ cidr: `${podNet}.1/24`, scope: 'global', broadcast: `${podNet}.255` }] },
    ],
    routes: [],
    netfilter: recordingNetfilter(),
    ipvs: { services: new Map(), connections: [], templates: new Map() },
    ipsets: new Map(),
    conntrack: [],
    sysctl: new Map(),
  }
}

export function config(over: Partial<KubeProxyConfig> = {}): KubeProxyConfig {
  return {
    mode: 'ipvs', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, masqueradeBit: 14,
    ipvs: { scheduler: '', strictARP: false }, nodePortAddresses: [], hostnameOverride: '', ...over,
  }
}

export function svcPort(name: string, over: Partial<ServicePortInfo> = {}): ServicePortInfo {
  const [namespace, rest] = name.split('/')
  const [service, portName = ''] = rest.split(':')
  return {
    name, namespace, service, portName, protocol: 'TCP', type: 'ClusterIP', clusterIP: '10.96.0.1', port: 80, nodePort: 0,
    targetPort: 80, externalIPs: [], loadBalancerIPs: [], loadBalancerSourceRanges: [], healthCheckNodePort: 0,
    externalPolicyLocal: false, internalPolicyLocal: false, stickyMaxAgeSeconds: 0, ...over,
  }
}

export function ep(ip: string, port: number, over: Partial<EndpointInfo> = {}): EndpointInfo {
  return { endpoint: `${ip}:${port}`, ip, port, ready: true, serving: true, terminating: false, isLocal: false, ...over }
}

export function proxyState(entries: [ServicePortInfo, EndpointInfo[]][], node = { name: 'node01', ip: '172.18.0.3', podCIDR: '10.244.1.0/24' }): ProxyState {
  const services = new Map<string, ServicePortInfo>()
  const endpoints = new Map<string, EndpointInfo[]>()
  for (const [s, e] of entries) {
    const k = `${s.name}/${s.protocol}`
    services.set(k, s)
    endpoints.set(k, [...e].sort((a, b) => (a.endpoint < b.endpoint ? -1 : 1)))
  }
  return { node, clusterCIDR: '10.244.0.0/16', services, endpoints }
}
