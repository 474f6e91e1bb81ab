// Chain names of kube-proxy's iptables mode (pkg/proxy/iptables/proxier.go): the fixed chains and the per
// service-port / per-endpoint chains named from portProtoHash (facts 1.1).

import { hash16 } from './hash.ts'

export const KUBE_SERVICES = 'KUBE-SERVICES'
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES'
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS'
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING'
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ'
export const KUBE_FORWARD = 'KUBE-FORWARD'
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL'
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY'
/** kubelet's firewall chain, duplicated by kube-proxy */
export const KUBE_FIREWALL = 'KUBE-FIREWALL'

export const SVC_PREFIX = 'KUBE-SVC-'
export const SVL_PREFIX = 'KUBE-SVL-'
export const FW_PREFIX = 'KUBE-FW-'
export const EXT_PREFIX = 'KUBE-EXT-'
export const SEP_PREFIX = 'KUBE-SEP-'

/** `ns/svc` or `ns/svc:port` + lower-case protocol */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol)
}

export const servicePortPolicyClusterChain = (spn: string, proto: string): string => SVC_PREFIX + portProtoHash(spn, proto)
export const servicePortPolicyLocalChain = (spn: string, proto: string): string => SVL_PREFIX + portProtoHash(spn, proto)
export const serviceFirewallChain = (spn: string, proto: string): string => FW_PREFIX + portProtoHash(spn, proto)
export const serviceExternalChain = (spn: string, proto: string): string => EXT_PREFIX + portProtoHash(spn, proto)
/** KUBE-SEP-: hash of service-port name + protocol + `ip:port` */
export const servicePortEndpointChain = (spn: string, proto: string, endpoint: string): string => SEP_PREFIX + hash16(spn + proto + endpoint)

/** Is this one of the per-service chains kube-proxy owns (and may delete when stale)? */
export function isServiceChainName(chain: string): boolean {
  return chain.startsWith(SVC_PREFIX) || chain.startsWith(SVL_PREFIX) || chain.startsWith(SEP_PREFIX) || chain.startsWith(FW_PREFIX) || chain.startsWith(EXT_PREFIX)
}
