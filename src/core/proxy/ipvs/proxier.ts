// The ipvs back end: what pkg/proxy/ipvs Proxier.syncProxyRules does at v1.32 (virtual servers for ClusterIPs,
// external IPs, LB ingress IPs and NodePorts on every node address; real servers; kube-ipvs0 addresses; ipsets;
// the iptables rules ipvs mode needs) and CleanupLeftovers (`kube-proxy --cleanup`).

import type { IpvsScheduler, Netns } from '../../node/types.ts'
import type { KubeProxyConfig, ProxyBackend, ProxyState, ServicePortInfo } from '../types.ts'
import {
  CLUSTER_IP, DEFAULT_SCHEDULER, EXTERNAL_IP, EXTERNAL_IP_LOCAL, HEALTH_CHECK_NODE_PORT, IPTABLES_CHAINS, IPVS_IPS,
  IPVS_SYSCTLS, JUMP_CHAINS, LOAD_BALANCER, LOAD_BALANCER_FW, LOAD_BALANCER_LOCAL, LOAD_BALANCER_SOURCE_CIDR,
  LOAD_BALANCER_SOURCE_IP, LOOP_BACK, NODE_PORT_LOCAL_SCTP, NODE_PORT_LOCAL_TCP, NODE_PORT_LOCAL_UDP, NODE_PORT_SCTP,
  NODE_PORT_TCP, NODE_PORT_UDP, SCHEDULER_DEFAULT_LOG, STRICT_ARP_SYSCTLS,
} from './constants.ts'
import { bindAddress, boundAddresses, canonicalCIDR, cidrContains, deleteDummyDevice, ensureDummyDevice, nodeAddresses, unbindAddress } from './dummy.ts'
import { type ActiveSets, destroyIPSets, ipPortEntry, ipPortIpEntry, ipPortNetEntry, newActiveSets, portEntry, syncIPSets } from './ipset.ts'
import { deleteJump, ensureJump, flushAndDeleteChains } from './jumps.ts'
import { type VirtualServerSpec, deleteVirtualServer, endpointsForVirtualServer, syncRealServers, syncVirtualServer, vsKey } from './realservers.ts'
import { buildRestoreLines, type RestoreLine } from './rules.ts'

export interface IpvsSyncOptions {
  /** `--random-fully` support of the node's iptables (default true: iptables >= 1.6.2) */
  randomFully?: boolean
}

/** the scheduler NewProxier settles on, and the klog message it logs when the setting is empty */
export function effectiveScheduler(config: KubeProxyConfig): { scheduler: IpvsScheduler; log?: string } {
  const s = config.ipvs.scheduler
  return s ? { scheduler: s as IpvsScheduler } : { scheduler: DEFAULT_SCHEDULER, log: SCHEDULER_DEFAULT_LOG }
}

interface SyncPlan {
  sets: ActiveSets
  /** virtual servers of this sync with the endpoints policy each uses */
  servers: { spec: VirtualServerSpec; svc: ServicePortInfo; key: string; onlyLocal: boolean; bind: boolean }[]
  lbNoNodeAccess: { ip: string; protocol: string; port: number }[]
}

const byName = (a: ServicePortInfo, b: ServicePortInfo) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0)

function plan(state: ProxyState, netns: Netns, config: KubeProxyConfig, scheduler: IpvsScheduler): SyncPlan {
  const sets = newActiveSets()
  const add = (set: string, entry: string) => sets.get(set)!.add(entry)
  const servers: SyncPlan['servers'] = []
  const lbNoNodeAccess: SyncPlan['lbNoNodeAccess'] = []
  const services = [...state.services.values()].sort(byName)
  const nodeAddressSet = new Set(nodeAddresses(netns))
  const nodeIPs = services.some((s) => s.nodePort !== 0) ? nodeAddresses(netns, config.nodePortAddresses) : []

  for (const svc of services) {
    const proto = svc.protocol.toLowerCase()
    const eps = state.endpoints.get(`${svc.name}/${svc.protocol}`) ?? []
    const vs = (address: string, port: number): VirtualServerSpec => ({
      protocol: svc.protocol, address, port, scheduler,
      ...(svc.stickyMaxAgeSeconds > 0 ? { persistentTimeout: svc.stickyMaxAgeSeconds } : {}),
      flags: scheduler === 'mh' ? ['mh-port'] : [],
    })
    const push = (spec: VirtualServerSpec, onlyLocal: boolean, bind: boolean) =>
      servers.push({ spec, svc, key: vsKey(spec.protocol, spec.address, spec.port), onlyLocal, bind })

    // traffic that loops back to the originator gets SNAT (hairpin)
    for (const e of eps) if (e.isLocal && e.ip && e.port) add(LOOP_BACK, ipPortIpEntry(e.ip, proto, e.port, e.ip))

    add(CLUSTER_IP, ipPortEntry(svc.clusterIP, proto, svc.port))
    push(vs(svc.clusterIP, svc.port), svc.internalPolicyLocal, true)

    for (const ip of svc.externalIPs) {
      add(svc.externalPolicyLocal ? EXTERNAL_IP_LOCAL : EXTERNAL_IP, ipPortEntry(ip, proto, svc.port))
      push(vs(ip, svc.port), svc.externalPolicyLocal, !nodeAddressSet.has(ip))
    }

    for (const ip of svc.loadBalancerIPs) {
      const entry = ipPortEntry(ip, proto, svc.port)
      add(LOAD_BALANCER, entry)
      if (svc.externalPolicyLocal) add(LOAD_BALANCER_LOCAL, entry)
      if (svc.loadBalancerSourceRanges.length) {
        add(LOAD_BALANCER_FW, entry)
        let allowFromNode = false
        for (const cidr of svc.loadBalancerSourceRanges) {
          const net = canonicalCIDR(cidr.trim())
          add(LOAD_BALANCER_SOURCE_CIDR, ipPortNetEntry(ip, proto, svc.port, net))
          if (cidrContains(net, state.node.ip)) allowFromNode = true
        }
        // a request to the LB VIP from one of its backend hosts loops back locally: let the node through
        if (allowFromNode) add(LOAD_BALANCER_SOURCE_IP, ipPortIpEntry(ip, proto, svc.port, ip))
        else lbNoNodeAccess.push({ ip, protocol: proto, port: svc.port })
      }
      push(vs(ip, svc.port), svc.externalPolicyLocal, !nodeAddressSet.has(ip))
    }

    if (svc.nodePort !== 0) {
      if (!nodeIPs.length) continue
      const entries = svc.protocol === 'SCTP' ? nodeIPs.map((ip) => ipPortEntry(ip, proto, svc.nodePort)) : [portEntry(svc.nodePort)]
      const set = svc.protocol === 'TCP' ? NODE_PORT_TCP : svc.protocol === 'UDP' ? NODE_PORT_UDP : NODE_PORT_SCTP
      const localSet = svc.protocol === 'TCP' ? NODE_PORT_LOCAL_TCP : svc.protocol === 'UDP' ? NODE_PORT_LOCAL_UDP : NODE_PORT_LOCAL_SCTP
      for (const e of entries) add(set, e)
      if (svc.externalPolicyLocal) for (const e of entries) add(localSet, e)
      for (const ip of nodeIPs) push(vs(ip, svc.nodePort), svc.externalPolicyLocal, false)
    }

    if (svc.healthCheckNodePort !== 0) add(HEALTH_CHECK_NODE_PORT, portEntry(svc.healthCheckNodePort))
  }
  return { sets, servers, lbNoNodeAccess }
}

/** one full syncProxyRules into `netns` */
export function syncIpvs(state: ProxyState, netns: Netns, config: KubeProxyConfig, opts: IpvsSyncOptions = {}): void {
  for (const [k, v] of IPVS_SYSCTLS) netns.sysctl.set(k, v)
  if (config.ipvs.strictARP) for (const [k, v] of STRICT_ARP_SYSCTLS) netns.sysctl.set(k, v)
  const { scheduler } = effectiveScheduler(config)
  ensureDummyDevice(netns)
  const alreadyBound = new Set(boundAddresses(netns))
  const p = plan(state, netns, config, scheduler)

  const activeServices = new Set<string>()
  const activeBind = new Set<string>()
  for (const s of p.servers) {
    const vs = syncVirtualServer(netns.ipvs, s.spec)
    if (s.bind && !alreadyBound.has(s.spec.address)) bindAddress(netns, s.spec.address)
    activeServices.add(s.key)
    if (s.bind) activeBind.add(s.spec.address)
    syncRealServers(netns.ipvs, vs, endpointsForVirtualServer(s.svc, state.endpoints.get(`${s.svc.name}/${s.svc.protocol}`) ?? [], s.onlyLocal))
  }

  for (const a of activeBind) p.sets.get(IPVS_IPS)!.add(a)
  syncIPSets(netns, p.sets)

  const lines = buildRestoreLines({
    sets: p.sets, masqueradeAll: config.masqueradeAll, masqueradeBit: config.masqueradeBit,
    clusterCIDR: state.clusterCIDR, randomFully: opts.randomFully ?? true, lbNoNodeAccess: p.lbNoNodeAccess,
  })
  // a failing iptables-restore ends the sync here (kube-proxy logs it and returns), as upstream
  netns.netfilter.restore(lines, { noflush: true, counters: true })
  for (const j of JUMP_CHAINS) ensureJump(netns.netfilter, j.table, j.from, j.comment, j.to)

  for (const a of alreadyBound) if (!activeBind.has(a)) unbindAddress(netns, a)
  for (const key of [...netns.ipvs.services.keys()]) if (!activeServices.has(key)) deleteVirtualServer(netns.ipvs, key)
}

/** the restore input one sync would write (for tests and `--v=5`-style inspection), without touching `netns` */
export function ipvsRestoreLines(state: ProxyState, netns: Netns, config: KubeProxyConfig, opts: IpvsSyncOptions = {}): RestoreLine[] {
  const p = plan(state, netns, config, effectiveScheduler(config).scheduler)
  for (const s of p.servers) if (s.bind) p.sets.get(IPVS_IPS)!.add(s.spec.address)
  return buildRestoreLines({
    sets: p.sets, masqueradeAll: config.masqueradeAll, masqueradeBit: config.masqueradeBit,
    clusterCIDR: state.clusterCIDR, randomFully: opts.randomFully ?? true, lbNoNodeAccess: p.lbNoNodeAccess,
  })
}

/**
 * CleanupLeftovers: flush IPVS (every virtual server), delete kube-ipvs0, remove the jumps and the ipvs-mode
 * chains (shared names like KUBE-SERVICES included), then destroy the ipsets.
 */
export function cleanupIpvs(netns: Netns): void {
  netns.ipvs.services.clear()
  netns.ipvs.templates.clear()
  deleteDummyDevice(netns)
  for (const j of JUMP_CHAINS) deleteJump(netns.netfilter, j.table, j.from, j.comment, j.to)
  const lines = flushAndDeleteChains(netns.netfilter, IPTABLES_CHAINS)
  if (lines.length) netns.netfilter.restore(lines, { noflush: true })
  destroyIPSets(netns)
}

export const ipvsBackend: ProxyBackend = {
  mode: 'ipvs',
  sync: (state, netns, config) => syncIpvs(state, netns, config),
  cleanup: (netns) => cleanupIpvs(netns),
}
