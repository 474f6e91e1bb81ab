// The rules kube-proxy v1.32's syncProxyRules writes for one service port (pkg/proxy/iptables/proxier.go):
// the ClusterIP/external/LB/NodePort entries, the filter REJECT/DROP rules, and the SVC/SVL/EXT/FW/SEP chains.
// Arguments are kept unquoted (`--comment`, `ns1/svc1 cluster IP`); restore.ts quotes them as kube-proxy writes.

import type { EndpointInfo, ServicePortInfo } from '../types.ts'
import { categorizeEndpoints } from '../endpoints.ts'
import {
  KUBE_EXTERNAL_SERVICES, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
  EXT_PREFIX, FW_PREFIX, portProtoHash, servicePortEndpointChain, SVC_PREFIX, SVL_PREFIX,
} from './chains.ts'

export type Args = readonly string[]

/** What one service port contributes to a sync. */
export interface PortRules {
  /** filter-table rules (KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS, KUBE-PROXY-FIREWALL) */
  filter: Args[]
  /** nat rules in the shared chains KUBE-SERVICES and KUBE-NODEPORTS */
  natTop: Args[]
  /** nat chains this port owns (SVC/SVL/EXT/FW/SEP), in the order kube-proxy declares them */
  chains: string[]
  /** their `:CHAIN - [0:0]` lines, split (built once, handed to every node's restore) */
  decls: Args[]
  /** the rules of those chains */
  natRules: Args[]
  /** endpoints counted for large-cluster mode */
  endpointCount: number
}

export interface RuleContext {
  nodeIP: string
  /** the local-traffic detector's CIDR (clusterCIDR); '' = no detector */
  clusterCIDR: string
  masqueradeAll: boolean
  /** localhost NodePorts with the nfacct counter (IPv4, localhostNodePorts on, nfacct present) */
  localhostNodePortRule: boolean
  /** over 1000 endpoints: SVC/SEP rules carry no comments */
  largeClusterMode: boolean
  /** precomputed `--probability` texts by n */
  probability(n: number): string
}

/** computeProbability: 1/n with exactly 10 decimals (fmt %0.10f). */
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10)
}

function ipInCIDR(ip: string, cidr: string): boolean {
  const [net, len] = cidr.split('/')
  const toN = (s: string) => s.split('.').reduce((a, p) => a * 256 + Number(p), 0)
  const bits = Number(len)
  if (!ip || Number.isNaN(bits)) return false
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
  return ((toN(ip) & mask) >>> 0) === ((toN(net) & mask) >>> 0)
}

/** KUBE-SEP names, memoised per endpoint object (an EndpointInfo belongs to one service port) */
const sepNames = new WeakMap<EndpointInfo, string>()
const sepName = (spn: string, proto: string, ep: EndpointInfo): string => {
  let n = sepNames.get(ep)
  if (n === undefined) sepNames.set(ep, (n = servicePortEndpointChain(spn, proto, ep.endpoint)))
  return n
}

/** a chain the port owns, with its declaration line */
function ownChain(out: PortRules, chain: string): void {
  out.chains.push(chain)
  out.decls.push(chainDeclArgs(chain))
}

/** `:CHAIN - [0:0]` split into arguments, as the kernel model takes it */
export function chainDeclArgs(chain: string): Args {
  return [':' + chain, '-', '[0:0]']
}

export function portRules(svc: ServicePortInfo, allEndpoints: readonly EndpointInfo[], ctx: RuleContext): PortRules {
  const out: PortRules = { filter: [], natTop: [], chains: [], decls: [], natRules: [], endpointCount: allEndpoints.length }
  const proto = svc.protocol.toLowerCase()
  const spn = svc.name
  const port = String(svc.port)
  const { clusterEndpoints, localEndpoints, allReachable, hasAnyEndpoints: hasEndpoints } = categorizeEndpoints(allEndpoints, svc)
  // the four chain names share one portProtoHash (one SHA-256 per service port, not four)
  const hash = portProtoHash(spn, proto)
  const clusterPolicyChain = SVC_PREFIX + hash
  const localPolicyChain = SVL_PREFIX + hash
  const externalChain = EXT_PREFIX + hash
  const fwChain = FW_PREFIX + hash
  const externallyAccessible = svc.nodePort !== 0 || svc.loadBalancerIPs.length > 0 || svc.externalIPs.length > 0
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && (!svc.internalPolicyLocal || externallyAccessible)
  const usesLocalPolicyChain = localEndpoints.length > 0 && (svc.internalPolicyLocal || (svc.externalPolicyLocal && externallyAccessible))

  let internalChain = clusterPolicyChain
  let hasInternalEndpoints = hasEndpoints
  if (svc.internalPolicyLocal) {
    internalChain = localPolicyChain
    if (!localEndpoints.length) hasInternalEndpoints = false
  }
  let externalPolicyChain = clusterPolicyChain
  let hasExternalEndpoints = hasEndpoints
  if (svc.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain
    if (!localEndpoints.length) hasExternalEndpoints = false
  }
  const usesExternalChain = hasEndpoints && externallyAccessible
  const usesFWChain = hasEndpoints && svc.loadBalancerIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0
  const lbChain = usesFWChain ? fwChain : externalChain

  let internalFilterTarget = '', internalFilterComment = '', externalFilterTarget = '', externalFilterComment = ''
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT'
    internalFilterComment = externalFilterComment = `${spn} has no endpoints`
  } else {
    if (!hasInternalEndpoints) { internalFilterTarget = 'DROP'; internalFilterComment = `${spn} has no local endpoints` }
    if (!hasExternalEndpoints) { externalFilterTarget = 'DROP'; externalFilterComment = `${spn} has no local endpoints` }
  }

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    out.natTop.push(['-A', KUBE_SERVICES, '-m', 'comment', '--comment', `${spn} cluster IP`, '-m', proto, '-p', proto, '-d', svc.clusterIP, '--dport', port, '-j', internalChain])
  } else {
    out.filter.push(['-A', KUBE_SERVICES, '-m', 'comment', '--comment', internalFilterComment, '-m', proto, '-p', proto, '-d', svc.clusterIP, '--dport', port, '-j', internalFilterTarget])
  }
  // Capture externalIPs.
  for (const ip of svc.externalIPs) {
    if (hasEndpoints) out.natTop.push(['-A', KUBE_SERVICES, '-m', 'comment', '--comment', `${spn} external IP`, '-m', proto, '-p', proto, '-d', ip, '--dport', port, '-j', externalChain])
    if (!hasExternalEndpoints) out.filter.push(['-A', KUBE_EXTERNAL_SERVICES, '-m', 'comment', '--comment', externalFilterComment, '-m', proto, '-p', proto, '-d', ip, '--dport', port, '-j', externalFilterTarget])
  }
  // Capture load-balancer ingress.
  for (const ip of svc.loadBalancerIPs) {
    if (hasEndpoints) out.natTop.push(['-A', KUBE_SERVICES, '-m', 'comment', '--comment', `${spn} loadbalancer IP`, '-m', proto, '-p', proto, '-d', ip, '--dport', port, '-j', lbChain])
    if (usesFWChain) out.filter.push(['-A', KUBE_PROXY_FIREWALL, '-m', 'comment', '--comment', `${spn} traffic not accepted by ${fwChain}`, '-m', proto, '-p', proto, '-d', ip, '--dport', port, '-j', 'DROP'])
  }
  if (!hasExternalEndpoints) {
    for (const ip of svc.loadBalancerIPs) out.filter.push(['-A', KUBE_EXTERNAL_SERVICES, '-m', 'comment', '--comment', externalFilterComment, '-m', proto, '-p', proto, '-d', ip, '--dport', port, '-j', externalFilterTarget])
  }
  // Capture nodeports.
  if (svc.nodePort !== 0) {
    const np = String(svc.nodePort)
    if (hasEndpoints) {
      if (ctx.localhostNodePortRule) {
        out.natTop.push(['-A', KUBE_NODEPORTS, '-m', 'comment', '--comment', spn, '-m', proto, '-p', proto, '-d', '127.0.0.0/8', '--dport', np, '-m', 'nfacct', '--nfacct-name', 'localhost_nps_accepted_pkts', '-j', externalChain])
      }
      out.natTop.push(['-A', KUBE_NODEPORTS, '-m', 'comment', '--comment', spn, '-m', proto, '-p', proto, '--dport', np, '-j', externalChain])
    }
    if (!hasExternalEndpoints) {
      out.filter.push(['-A', KUBE_EXTERNAL_SERVICES, '-m', 'comment', '--comment', externalFilterComment, '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', proto, '-p', proto, '--dport', np, '-j', externalFilterTarget])
    }
  }
  // Capture healthCheckNodePorts.
  if (svc.healthCheckNodePort !== 0) {
    out.filter.push(['-A', KUBE_NODEPORTS, '-m', 'comment', '--comment', `${spn} health check node port`, '-m', 'tcp', '-p', 'tcp', '--dport', String(svc.healthCheckNodePort), '-j', 'ACCEPT'])
  }

  const nat = out.natRules
  // Internal traffic handling: masquerade off-cluster traffic to the ClusterIP.
  if (hasInternalEndpoints) {
    const args = ['-m', 'comment', '--comment', `${spn} cluster IP`, '-m', proto, '-p', proto, '-d', svc.clusterIP, '--dport', port]
    if (ctx.masqueradeAll) nat.push(['-A', internalChain, ...args, '-j', KUBE_MARK_MASQ])
    else if (ctx.clusterCIDR) nat.push(['-A', internalChain, ...args, '!', '-s', ctx.clusterCIDR, '-j', KUBE_MARK_MASQ])
  }
  // External traffic handling.
  if (usesExternalChain) {
    ownChain(out, externalChain)
    if (!svc.externalPolicyLocal) {
      nat.push(['-A', externalChain, '-m', 'comment', '--comment', `masquerade traffic for ${spn} external destinations`, '-j', KUBE_MARK_MASQ])
    } else {
      if (ctx.clusterCIDR) nat.push(['-A', externalChain, '-m', 'comment', '--comment', `pod traffic for ${spn} external destinations`, '-s', ctx.clusterCIDR, '-j', clusterPolicyChain])
      nat.push(['-A', externalChain, '-m', 'comment', '--comment', `masquerade LOCAL traffic for ${spn} external destinations`, '-m', 'addrtype', '--src-type', 'LOCAL', '-j', KUBE_MARK_MASQ])
      nat.push(['-A', externalChain, '-m', 'comment', '--comment', `route LOCAL traffic for ${spn} external destinations`, '-m', 'addrtype', '--src-type', 'LOCAL', '-j', clusterPolicyChain])
    }
    if (hasExternalEndpoints) nat.push(['-A', externalChain, '-j', externalPolicyChain])
  }
  // Firewall chain (loadBalancerSourceRanges).
  if (usesFWChain) {
    ownChain(out, fwChain)
    const head = ['-A', fwChain, '-m', 'comment', '--comment', `${spn} loadbalancer IP`]
    let allowFromNode = false
    for (const cidr of svc.loadBalancerSourceRanges) {
      nat.push([...head, '-s', cidr, '-j', externalChain])
      if (ipInCIDR(ctx.nodeIP, cidr)) allowFromNode = true
    }
    if (allowFromNode) for (const ip of svc.loadBalancerIPs) nat.push([...head, '-s', ip, '-j', externalChain])
    nat.push(['-A', fwChain, '-m', 'comment', '--comment', `other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`])
  }
  if (usesClusterPolicyChain) {
    ownChain(out, clusterPolicyChain)
    serviceToEndpointRules(nat, svc, proto, clusterPolicyChain, clusterEndpoints, ctx)
  }
  if (usesLocalPolicyChain) {
    ownChain(out, localPolicyChain)
    serviceToEndpointRules(nat, svc, proto, localPolicyChain, localEndpoints, ctx)
  }
  // Per-endpoint chains.
  // (each rule is one array literal of its final size: 200,000 endpoints at 10,000 Services)
  const large = ctx.largeClusterMode
  for (const ep of allReachable) {
    const chain = sepName(spn, proto, ep)
    ownChain(out, chain)
    nat.push(large ? ['-A', chain, '-s', ep.ip, '-j', KUBE_MARK_MASQ] : ['-A', chain, '-m', 'comment', '--comment', spn, '-s', ep.ip, '-j', KUBE_MARK_MASQ])
    if (svc.stickyMaxAgeSeconds > 0) {
      const head = large ? ['-A', chain] : ['-A', chain, '-m', 'comment', '--comment', spn]
      nat.push([...head, '-m', 'recent', '--name', chain, '--set', '-m', proto, '-p', proto, '-j', 'DNAT', '--to-destination', ep.endpoint])
    } else {
      nat.push(large ? ['-A', chain, '-m', proto, '-p', proto, '-j', 'DNAT', '--to-destination', ep.endpoint]
        : ['-A', chain, '-m', 'comment', '--comment', spn, '-m', proto, '-p', proto, '-j', 'DNAT', '--to-destination', ep.endpoint])
    }
  }
  return out
}

/** writeServiceToEndpointRules: affinity checks first, then the probability ladder. */
function serviceToEndpointRules(nat: Args[], svc: ServicePortInfo, proto: string, chain: string, endpoints: readonly EndpointInfo[], ctx: RuleContext): void {
  const spn = svc.name
  const comment = (ep: EndpointInfo) => (ctx.largeClusterMode ? [] : ['-m', 'comment', '--comment', `${spn} -> ${ep.endpoint}`])
  if (svc.stickyMaxAgeSeconds > 0) {
    for (const ep of endpoints) {
      const sep = sepName(spn, proto, ep)
      nat.push(['-A', chain, ...comment(ep), '-m', 'recent', '--name', sep, '--rcheck', '--seconds', String(svc.stickyMaxAgeSeconds), '--reap', '-j', sep])
    }
  }
  const n = endpoints.length
  const large = ctx.largeClusterMode
  for (let i = 0; i < n; i++) {
    const ep = endpoints[i]
    const sep = sepName(spn, proto, ep)
    if (i === n - 1) nat.push(large ? ['-A', chain, '-j', sep] : ['-A', chain, '-m', 'comment', '--comment', `${spn} -> ${ep.endpoint}`, '-j', sep])
    else {
      const p = ctx.probability(n - i)
      nat.push(large ? ['-A', chain, '-m', 'statistic', '--mode', 'random', '--probability', p, '-j', sep]
        : ['-A', chain, '-m', 'comment', '--comment', `${spn} -> ${ep.endpoint}`, '-m', 'statistic', '--mode', 'random', '--probability', p, '-j', sep])
    }
  }
}
