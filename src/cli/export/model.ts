// The export's plan: what a settled lab cluster's network is, read from cluster.network and the store, as plain
// data (namespaces, links, addresses, routes, flannel's vxlan peers, rules, ipsets, IPVS, the pod servers).

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod } from '../../core/api/types.ts'
import type { Link, Netns, Route } from '../../core/node/types.ts'
import { runtimeOf } from '../../core/cluster/runtime.ts'
import { appFor, type App } from '../../core/images/app.ts'
import { serverSpecs, type ServerSpec } from './servers.ts'
import { ipsetRestoreLines, ipvsadmLines } from './ipvs.ts'

export interface PlanAddr { cidr: string; broadcast?: string }

export interface PlanLink {
  name: string
  kind: 'ether' | 'bridge' | 'veth' | 'vxlan' | 'dummy'
  mac: string
  mtu: number
  addrs: PlanAddr[]
  /** bridge port */
  master?: string
  /** the lab has it administratively UP */
  up: boolean
  /** pod eth0: the node-side veth's name (the pair is created from the node) */
  peerName?: string
}

export interface VxlanPeer { vtep: string; mac: string; nodeIP: string }

export interface PlanNetns {
  /** the lab's name: node name, `ns/pod`, `client` */
  lab: string
  /** the suffix after the prefix: `node01`, `web-6dc5cd68db-f49n2`, `kube-system.coredns-...`, `client` */
  id: string
  kind: 'node' | 'pod' | 'external'
  /** pods: the node */
  node?: string
  links: PlanLink[]
  /** routes to add (prefix routes of addresses come from the kernel itself) */
  routes: Route[]
  /** the sysctls to write, dotted name -> value */
  sysctls: [string, string][]
  /** nodes: `iptables-save` of the lab's kernel */
  rules?: string
  /** nfacct objects the rules use (`-m nfacct --nfacct-name X`) */
  nfacct: string[]
  /** nodes: flannel's ARP/FDB entries for each other node */
  vxlanPeers: VxlanPeer[]
  /** ipvs mode: `ipset restore` lines and `ipvsadm` argument lines */
  ipsets: string[]
  ipvs: string[]
  /** pods: the servers to run (one process per pod) */
  servers: ServerSpec[]
}

export interface NetPlan {
  profile: string
  proxyMode: string
  /** the node network (`172.18.0.0/16`) and its gateway, played by the wire namespace's bridge */
  nodeNet: { gateway: string; prefix: number }
  namespaces: PlanNetns[]
  /** hostNetwork pods and pods without a namespace: not exported (they live in the node's namespace) */
  skipped: string[]
  /** Services to suggest in the "try it" lines */
  services: { name: string; clusterIP?: string; port: number; nodePort?: number }[]
  nodeIPs: { name: string; ip: string }[]
}

/** the netns id of a pod: its name in `default`, `namespace.name` elsewhere (namespace names have no dots) */
export function podId(namespace: string, name: string): string {
  return namespace === 'default' ? name : `${namespace}.${name}`
}

const SYSCTL_PREFIXES = ['net.ipv4.ip_forward', 'net.bridge.bridge-nf-call-iptables', 'net.bridge.bridge-nf-call-ip6tables',
  'net.ipv4.conf.', 'net.ipv4.vs.', 'net.ipv4.ip_local_port_range']

function sysctlsOf(ns: Netns): [string, string][] {
  return [...ns.sysctl].filter(([k]) => SYSCTL_PREFIXES.some((p) => k === p || (p.endsWith('.') && k.startsWith(p))))
}

function addrsOf(l: Link): PlanAddr[] {
  return l.addrs.filter((a) => !a.cidr.includes(':')).map((a) => ({ cidr: a.cidr, ...(a.broadcast ? { broadcast: a.broadcast } : {}) }))
}

function planLink(l: Link): PlanLink | undefined {
  if (l.kind === 'loopback' || l.kind === 'ipip') return undefined
  return { name: l.name, kind: l.kind, mac: l.mac, mtu: l.mtu, up: l.flags.includes('UP'), addrs: addrsOf(l), ...(l.master ? { master: l.master } : {}) }
}

/** routes the script adds: not the kernel's prefix routes, not the local table */
function addedRoutes(ns: Netns): Route[] {
  return ns.routes.filter((r) => r.proto !== 'kernel' && (r.table ?? 'main') === 'main' && (r.type ?? 'unicast') === 'unicast')
}

function nfacctNames(rules: string): string[] {
  const out = new Set<string>()
  for (const m of rules.matchAll(/--nfacct-name +(\S+)/g)) out.add(m[1])
  return [...out].sort()
}

function base(ns: Netns, id: string): PlanNetns {
  return {
    lab: ns.name, id, kind: ns.kind, ...(ns.node ? { node: ns.node } : {}),
    links: ns.links.map(planLink).filter((l): l is PlanLink => !!l), routes: addedRoutes(ns), sysctls: sysctlsOf(ns),
    nfacct: [], vxlanPeers: [], ipsets: [], ipvs: [], servers: [],
  }
}

/** the running containers' apps of a pod (the kubelet's record; a Running pod's spec without one) */
function appsOf(cluster: Cluster, pod: Pod): App[] {
  const run = runtimeOf(cluster)?.kubelet.runOf(pod.metadata.uid)
  if (run) return run.containers.filter((c) => c.state === 'running').map((c) => c.app)
  return pod.status?.phase === 'Running' ? pod.spec.containers.map((c) => appFor(pod, c)) : []
}

/** does this node's kube-proxy program IPVS (kube-ipvs0 exists or virtual servers are set) */
export function usesIpvs(ns: Netns): boolean {
  return ns.ipvs.services.size > 0 || ns.links.some((l) => l.name === 'kube-ipvs0')
}

export function buildPlan(cluster: Cluster): NetPlan {
  const net = cluster.network
  const now = cluster.clock.now()
  const nodes = net.nodes()
  const namespaces: PlanNetns[] = []
  const vtepOf = (n: Netns) => n.links.find((l) => l.kind === 'vxlan')
  const eth0IP = (n: Netns) => n.links.find((l) => l.name === 'eth0')?.addrs.find((a) => !a.cidr.includes(':'))?.cidr.split('/')[0] ?? ''
  for (const n of nodes) {
    const p = base(n, n.name)
    p.rules = n.netfilter.save({ now })
    p.nfacct = nfacctNames(p.rules)
    for (const o of nodes) {
      const v = vtepOf(o)
      const addr = v?.addrs.find((a) => !a.cidr.includes(':'))
      if (o === n || !v || !addr) continue
      p.vxlanPeers.push({ vtep: addr.cidr.split('/')[0], mac: v.mac, nodeIP: eth0IP(o) })
    }
    if (usesIpvs(n)) {
      p.ipsets = ipsetRestoreLines(n)
      p.ipvs = ipvsadmLines(n)
    }
    namespaces.push(p)
  }
  const skipped: string[] = []
  const pods = (cluster.store.list('Pod') as Pod[]).slice().sort((a, b) =>
    `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1)
  for (const pod of pods) {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`
    const ns = net.netns(key)
    if (!ns || ns.kind !== 'pod') { skipped.push(key); continue }
    const p = base(ns, podId(pod.metadata.namespace ?? 'default', pod.metadata.name))
    const node = nodes.find((x) => x.name === ns.node)
    const eth0 = ns.links.find((l) => l.name === 'eth0')
    const hostVeth = node && eth0?.peer ? node.links.find((l) => l.index === eth0.peer!.index && l.kind === 'veth') : undefined
    p.links = p.links.map((l) => (l.name === 'eth0' && hostVeth ? { ...l, peerName: hostVeth.name } : l))
    p.servers = serverSpecs(pod, appsOf(cluster, pod), now)
    namespaces.push(p)
  }
  for (const h of net.outside()) namespaces.push(base(h, h.name))
  const first = nodes[0]
  const up = first?.links.find((l) => l.name === 'eth0')?.addrs.find((a) => !a.cidr.includes(':'))
  const gw = first?.routes.find((r) => r.dst === 'default')?.via ?? ''
  const services: NetPlan['services'] = []
  for (const s of cluster.store.list('Service') as { metadata: { namespace?: string; name: string }; spec?: { clusterIP?: string; ports?: { port: number; nodePort?: number }[] } }[]) {
    if (s.metadata.namespace === 'kube-system' || (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')) continue
    const port = s.spec?.ports?.[0]
    if (!port) continue
    const ip = s.spec?.clusterIP && s.spec.clusterIP !== 'None' ? s.spec.clusterIP : undefined
    services.push({ name: `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`, ...(ip ? { clusterIP: ip } : {}), port: port.port, ...(port.nodePort ? { nodePort: port.nodePort } : {}) })
  }
  return {
    profile: cluster.profile.name, proxyMode: nodes.some(usesIpvs) ? 'ipvs' : 'iptables',
    nodeNet: { gateway: gw, prefix: up ? Number(up.cidr.split('/')[1]) : 24 },
    namespaces, skipped, services,
    nodeIPs: nodes.map((n) => ({ name: n.name, ip: eth0IP(n) })),
  }
}
