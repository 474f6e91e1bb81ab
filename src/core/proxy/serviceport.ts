// The proxy's view of one Service (pkg/proxy serviceport.go newBaseServiceInfo + ServiceChangeTracker's
// filter): one ServicePortInfo per port, none for headless or ExternalName Services, IPv4 only.

import type { Service } from '../api/types.ts'
import type { ServicePortInfo } from './types.ts'

/** ServicePortName.String(): `ns/svc`, plus `:<port name>` only for a named port. */
export function servicePortName(namespace: string, service: string, portName: string): string {
  return portName ? `${namespace}/${service}:${portName}` : `${namespace}/${service}`
}

/** The key a ProxyState uses for a service port: ServicePortName + '/' + protocol. */
export function servicePortKey(name: string, protocol: string): string {
  return `${name}/${protocol}`
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** net.ParseIP(...).String() for IPv4 (leading zeros dropped); undefined when not an IPv4 address. */
export function canonicalIPv4(ip: string): string | undefined {
  const m = IPV4.exec(ip.trim())
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return undefined
  return parts.join('.')
}

/** a CIDR in canonical IPv4 form, or undefined when it is not IPv4 */
function canonicalCIDR(cidr: string): string | undefined {
  const [ip, len] = cidr.trim().split('/')
  const c = canonicalIPv4(ip)
  if (!c || len === undefined || !/^\d+$/.test(len) || Number(len) > 32) return undefined
  // net.ParseCIDR masks the address (IPNet.String prints the network)
  const bits = Number(len)
  const n = c.split('.').reduce((a, p) => a * 256 + Number(p), 0)
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
  const net = (n & mask) >>> 0
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${bits}`
}

/** apiservice.ExternallyAccessible */
function externallyAccessible(s: Service): boolean {
  const t = s.spec.type ?? 'ClusterIP'
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (s.spec.externalIPs?.length ?? 0) > 0)
}

/** proxyutil.ShouldSkipService: no ClusterIP (headless or unset) or ExternalName. */
export function shouldSkipService(s: Service): boolean {
  const ip = s.spec.clusterIP
  if (!ip || ip === 'None') return true
  return s.spec.type === 'ExternalName'
}

/** Every port of a Service as the proxy sees it ([] for Services kube-proxy skips). */
export function servicePortsOf(s: Service): ServicePortInfo[] {
  if (shouldSkipService(s)) return []
  const clusterIP = canonicalIPv4(s.spec.clusterIPs?.find((ip) => canonicalIPv4(ip)) ?? s.spec.clusterIP ?? '')
  if (!clusterIP) return []
  const ns = s.metadata.namespace ?? 'default'
  const name = s.metadata.name
  const type = (s.spec.type ?? 'ClusterIP') as ServicePortInfo['type']
  const extLocal = externallyAccessible(s) && s.spec.externalTrafficPolicy === 'Local'
  const intLocal = s.spec.internalTrafficPolicy === 'Local'
  const sticky = s.spec.sessionAffinity === 'ClientIP' ? (s.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0
  const externalIPs: string[] = []
  for (const ip of s.spec.externalIPs ?? []) { const c = canonicalIPv4(ip); if (c) externalIPs.push(c) }
  const sourceRanges: string[] = []
  for (const r of s.spec.loadBalancerSourceRanges ?? []) { const c = canonicalCIDR(r); if (c) sourceRanges.push(c) }
  const lbIPs: string[] = []
  for (const ing of s.status?.loadBalancer?.ingress ?? []) {
    if (!ing.ip) continue
    // proxy-mode load balancers (ipMode Proxy) are not captured on the node
    if (ing.ipMode && ing.ipMode !== 'VIP') continue
    const c = canonicalIPv4(ing.ip)
    if (c) lbIPs.push(c)
  }
  const hc = type === 'LoadBalancer' && extLocal ? (s.spec.healthCheckNodePort ?? 0) : 0
  return (s.spec.ports ?? []).map((p) => {
    const portName = p.name ?? ''
    return {
      name: servicePortName(ns, name, portName), namespace: ns, service: name, portName,
      protocol: (p.protocol ?? 'TCP') as ServicePortInfo['protocol'], type, clusterIP, port: p.port,
      nodePort: p.nodePort ?? 0, targetPort: p.targetPort ?? p.port,
      externalIPs, loadBalancerIPs: lbIPs, loadBalancerSourceRanges: sourceRanges, healthCheckNodePort: hc,
      externalPolicyLocal: extLocal, internalPolicyLocal: intLocal, stickyMaxAgeSeconds: sticky,
    }
  })
}

/** BaseServicePortInfo.ExternallyAccessible: a NodePort, a load-balancer IP or an external IP. */
export function portExternallyAccessible(p: ServicePortInfo): boolean {
  return p.nodePort !== 0 || p.loadBalancerIPs.length > 0 || p.externalIPs.length > 0
}

/** UsesClusterEndpoints: internal policy Cluster, or reachable from outside (short-circuit rules need them). */
export function usesClusterEndpoints(p: ServicePortInfo): boolean {
  return !p.internalPolicyLocal || portExternallyAccessible(p)
}

/** UsesLocalEndpoints */
export function usesLocalEndpoints(p: ServicePortInfo): boolean {
  return p.internalPolicyLocal || (p.externalPolicyLocal && portExternallyAccessible(p))
}
