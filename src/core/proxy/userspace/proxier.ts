// The userspace back end (history): what pkg/proxy/userspace wrote before its removal in v1.26. kube-proxy itself
// listened on a "proxy port" per Service port and iptables only steered packets to it: REDIRECT for containers,
// DNAT to the node IP for the host, in KUBE-PORTALS-* / KUBE-NODEPORT-* chains (iptablesInit, openPortal,
// openNodePort, iptablesFlush at start, CleanupLeftovers).

import type { Netns } from '../../node/types.ts'
import type { ProxyBackend, ProxyState, ServicePortInfo } from '../types.ts'
import { deleteRule, ensureRule, flushAndDeleteChains } from '../ipvs/jumps.ts'
import type { RestoreLine } from '../ipvs/rules.ts'

export const PORTALS_CONTAINER = 'KUBE-PORTALS-CONTAINER'
export const PORTALS_HOST = 'KUBE-PORTALS-HOST'
export const NODEPORT_CONTAINER = 'KUBE-NODEPORT-CONTAINER'
export const NODEPORT_HOST = 'KUBE-NODEPORT-HOST'
export const NODEPORT_NON_LOCAL = 'KUBE-NODEPORT-NON-LOCAL'

/** shown when a learner asks for userspace mode on a current profile */
export const USERSPACE_REMOVAL_NOTE =
  'The userspace proxy mode was deprecated for years and removed in Kubernetes v1.26 (KEP-3305 cleanup): ' +
  'kube-proxy no longer accepts --proxy-mode=userspace. In that mode kube-proxy accepted every connection itself on a ' +
  'per-Service "proxy port" and copied the bytes to a pod it chose (round robin), which cost a context switch and a ' +
  'copy per packet; iptables only redirected Service traffic to that port. Use iptables, ipvs or nftables mode instead.'

const PORTALS_COMMENT = 'handle ClusterIPs; NOTE: this must be before the NodePort rules'
const NODEPORTS_COMMENT = 'handle service NodePorts; NOTE: this must be the last rule in the chain'
const NON_LOCAL_COMMENT = 'Ensure that non-local NodePort traffic can flow'

/** iptablesInit's jumps (position as EnsureRule used them) */
const JUMPS: { table: 'nat' | 'filter'; chain: string; args: string[]; position: 'prepend' | 'append' }[] = [
  { table: 'nat', chain: 'PREROUTING', args: ['-m', 'comment', '--comment', PORTALS_COMMENT, '-j', PORTALS_CONTAINER], position: 'prepend' },
  { table: 'nat', chain: 'OUTPUT', args: ['-m', 'comment', '--comment', PORTALS_COMMENT, '-j', PORTALS_HOST], position: 'prepend' },
  { table: 'nat', chain: 'PREROUTING', args: ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', NODEPORTS_COMMENT, '-j', NODEPORT_CONTAINER], position: 'append' },
  { table: 'nat', chain: 'OUTPUT', args: ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', NODEPORTS_COMMENT, '-j', NODEPORT_HOST], position: 'append' },
  { table: 'filter', chain: 'INPUT', args: ['-m', 'comment', '--comment', NON_LOCAL_COMMENT, '-j', NODEPORT_NON_LOCAL], position: 'prepend' },
]
const CHAINS = [
  { table: 'nat' as const, chain: PORTALS_CONTAINER }, { table: 'nat' as const, chain: PORTALS_HOST },
  { table: 'nat' as const, chain: NODEPORT_CONTAINER }, { table: 'nat' as const, chain: NODEPORT_HOST },
  { table: 'filter' as const, chain: NODEPORT_NON_LOCAL },
]

/** proxy ports per namespace and service port (the OS handed out an ephemeral port per listener) */
const proxyPorts = new WeakMap<Netns, Map<string, number>>()

/** a stable proxy port in the ephemeral range, distinct per listener of this node */
export function proxyPortFor(netns: Netns, name: string): number {
  let m = proxyPorts.get(netns)
  if (!m) proxyPorts.set(netns, (m = new Map()))
  let p = m.get(name)
  if (p !== undefined) return p
  let h = 2166136261 >>> 0
  for (const ch of `${netns.name}|${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0
  const used = new Set(m.values())
  p = 32768 + (h % 28232)
  while (used.has(p)) p = p + 1 > 60999 ? 32768 : p + 1
  m.set(name, p)
  return p
}

/** iptablesCommonPortalArgs: comment, protocol, port, then the optional destination and extra matches */
function common(svc: ServicePortInfo, port: number, dest?: string, physdev = false, dstLocal = false): string[] {
  const proto = svc.protocol.toLowerCase()
  const a = ['-m', 'comment', '--comment', svc.name, '-p', proto, '-m', proto, '--dport', String(port)]
  if (dest) a.push('-d', `${dest}/32`)
  if (physdev) a.push('-m', 'physdev', '!', '--physdev-is-in')
  if (dstLocal) a.push('-m', 'addrtype', '--dst-type', 'LOCAL')
  return a
}

/** the rules of every Service port, as restore input (chains flushed and refilled each sync) */
export function userspaceRestoreLines(state: ProxyState, netns: Netns): RestoreLine[] {
  const nat: RestoreLine[] = [], filter: RestoreLine[] = []
  const hostIP = state.node.ip
  const services = [...state.services.values()].sort((a, b) => (a.name + a.protocol < b.name + b.protocol ? -1 : 1))
  for (const svc of services) {
    const pp = proxyPortFor(netns, `${svc.name}/${svc.protocol}`)
    const redirect = ['-j', 'REDIRECT', '--to-ports', String(pp)]
    const dnat = ['-j', 'DNAT', '--to-destination', `${hostIP}:${pp}`]
    const portal = (ip: string, external: boolean) => {
      nat.push(['-A', PORTALS_CONTAINER, ...common(svc, svc.port, ip, external), ...redirect])
      if (external) {
        nat.push(['-A', PORTALS_CONTAINER, ...common(svc, svc.port, ip, false, true), ...redirect])
        nat.push(['-A', PORTALS_HOST, ...common(svc, svc.port, ip, false, true), ...dnat])
      } else nat.push(['-A', PORTALS_HOST, ...common(svc, svc.port, ip), ...dnat])
    }
    portal(svc.clusterIP, false)
    for (const ip of svc.externalIPs) portal(ip, true)
    for (const ip of svc.loadBalancerIPs) portal(ip, false)
    if (svc.nodePort) {
      nat.push(['-A', NODEPORT_CONTAINER, ...common(svc, svc.nodePort), ...redirect])
      nat.push(['-A', NODEPORT_HOST, ...common(svc, svc.nodePort), ...dnat])
      filter.push(['-A', NODEPORT_NON_LOCAL, ...common(svc, pp), '-m', 'state', '--state', 'NEW', '-j', 'ACCEPT'])
    }
  }
  return [
    '*nat', ...CHAINS.filter((c) => c.table === 'nat').map((c) => `:${c.chain} - [0:0]`), ...nat, 'COMMIT',
    '*filter', `:${NODEPORT_NON_LOCAL} - [0:0]`, ...filter, 'COMMIT',
  ]
}

export const userspaceBackend: ProxyBackend = {
  mode: 'userspace',
  sync(state, netns) {
    netns.netfilter.restore(userspaceRestoreLines(state, netns), { noflush: true })
    for (const j of JUMPS) ensureRule(netns.netfilter, j.table, j.chain, j.args, j.position)
  },
  cleanup(netns) {
    for (const j of JUMPS) deleteRule(netns.netfilter, j.table, j.chain, j.args)
    const lines = flushAndDeleteChains(netns.netfilter, CHAINS)
    if (lines.length) netns.netfilter.restore(lines, { noflush: true })
    proxyPorts.delete(netns)
  },
}
