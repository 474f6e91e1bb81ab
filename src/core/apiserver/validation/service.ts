// Service validation with upstream's messages and order (k/k pkg/apis/core/validation ValidateService,
// ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate).
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'
import { externallyAccessible } from '../../api/defaults-service.ts'
import { validateLabels, validateObjectMeta, goStringSlice } from './meta.ts'
import { IP_MSG, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isIPv6, isQualifiedName, isValidIP, isValidPortName, isValidPortNum, parseCIDR, parseIPv4 } from './names.ts'

type Obj = Record<string, any>

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const AFFINITIES = ['ClientIP', 'None']
const MAX_CLIENT_IP_TIMEOUT = 86400

function specOf(svc: KubeObject): Obj {
  return (svc.spec && typeof svc.spec === 'object' ? svc.spec : {}) as Obj
}

export function isHeadless(spec: Obj): boolean {
  return spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None')
}

export function needsClusterIP(spec: Obj): boolean {
  return spec.type !== 'ExternalName'
}

export function needsNodePort(spec: Obj): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)
}

export function needsHealthCheckNodePort(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local'
}

const ips = (spec: Obj): string[] => (Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [])
const ipsText = (spec: Obj): string => goStringSlice(Array.isArray(spec.clusterIPs) ? spec.clusterIPs : null)

/** ValidateServiceClusterIPsRelatedFields (also run before allocation). */
export function validateClusterIPsRelated(svc: KubeObject): FieldError[] {
  const spec = specOf(svc)
  if (spec.type === 'ExternalName') return []
  const errs: FieldError[] = []
  const list = ips(spec)
  if (spec.clusterIP) {
    if (list.length === 0) errs.push({ type: 'Required', field: 'spec.clusterIPs' })
    else if (list[0] !== spec.clusterIP) errs.push({ type: 'Invalid', field: 'spec.clusterIPs', valueText: ipsText(spec), detail: 'first value must match `clusterIP`' })
  } else if (list.length !== 0) {
    errs.push({ type: 'Invalid', field: 'spec.clusterIPs', valueText: ipsText(spec), detail: 'must be empty when `clusterIP` is not specified' })
  }
  const seen = new Set<string>()
  ;(Array.isArray(spec.ipFamilies) ? spec.ipFamilies : []).forEach((f: string, i: number) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push({ type: 'NotSupported', field: `spec.ipFamilies[${i}]`, value: f, supported: ['IPv4', 'IPv6'] })
    if (seen.has(f)) errs.push({ type: 'Duplicate', field: `spec.ipFamilies[${i}]`, value: f })
    seen.add(f)
  })
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null &&
    !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(spec.ipFamilyPolicy)) {
    errs.push({ type: 'NotSupported', field: 'spec.ipFamilyPolicy', value: spec.ipFamilyPolicy, supported: ['PreferDualStack', 'RequireDualStack', 'SingleStack'] })
  }
  let invalid = false
  list.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (list.length > 1) {
        invalid = true
        errs.push({ type: 'Invalid', field: 'spec.clusterIPs', valueText: ipsText(spec), detail: "'None' must be the first and only value" })
      }
      return
    }
    if (!isValidIP(String(ip))) {
      invalid = true
      errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, value: ip, detail: IP_MSG })
    }
  })
  if (list.length > 2) errs.push({ type: 'Invalid', field: 'spec.clusterIPs', valueText: ipsText(spec), detail: 'may only hold up to 2 values' })
  if (invalid) return errs
  if (list.length > 1 && isIPv6(list[0]) === isIPv6(list[1])) {
    errs.push({ type: 'Invalid', field: 'spec.clusterIPs', valueText: ipsText(spec), detail: 'may specify no more than one IP for each IP family' })
  }
  const fams: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : []
  if (!isHeadless(spec) && list.length > 0 && fams.length > 0) {
    list.forEach((ip, i) => {
      if (i > fams.length - 1) return
      if (fams[i] === 'IPv4' && isIPv6(ip)) errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, value: ip, detail: `expected an IPv4 value as indicated by \`ipFamilies[${i}]\`` })
      if (fams[i] === 'IPv6' && !isIPv6(ip)) errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, value: ip, detail: `expected an IPv6 value as indicated by \`ipFamilies[${i}]\`` })
    })
  }
  return errs
}

/** Go %#v of the (protocol, port) key used for the duplicate-port error. */
function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`
}

function validateServicePort(sp: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = []
  const name = typeof sp.name === 'string' ? sp.name : ''
  if (requireName && !name) errs.push({ type: 'Required', field: path + '.name' })
  else if (name) {
    for (const msg of isDNS1123Label(name)) errs.push({ type: 'Invalid', field: path + '.name', value: name, detail: msg })
    if (names.has(name)) errs.push({ type: 'Duplicate', field: path + '.name', value: name })
    else names.add(name)
  }
  const port = typeof sp.port === 'number' ? sp.port : 0
  for (const msg of isValidPortNum(port)) errs.push({ type: 'Invalid', field: path + '.port', value: port, detail: msg })
  if (!sp.protocol) errs.push({ type: 'Required', field: path + '.protocol' })
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push({ type: 'NotSupported', field: path + '.protocol', value: sp.protocol, supported: PROTOCOLS })
  const tp = sp.targetPort
  if (typeof tp === 'number') for (const msg of isValidPortNum(tp)) errs.push({ type: 'Invalid', field: path + '.targetPort', value: tp, detail: msg })
  else if (typeof tp === 'string') for (const msg of isValidPortName(tp)) errs.push({ type: 'Invalid', field: path + '.targetPort', value: tp, detail: msg })
  if (typeof sp.appProtocol === 'string') for (const msg of isQualifiedName(sp.appProtocol)) errs.push({ type: 'Invalid', field: path + '.appProtocol', value: sp.appProtocol, detail: msg })
  return errs
}

function nonSpecialIP(ip: string, path: string): FieldError[] {
  const n = parseIPv4(ip)
  if (n === undefined) return []
  const inRange = (cidr: string) => {
    const c = parseCIDR(cidr)!
    return n >= c.base && n < c.base + c.size
  }
  let why: string | undefined
  if (n === 0) why = 'may not be unspecified (0.0.0.0)'
  else if (inRange('127.0.0.0/8')) why = 'may not be in the loopback range (127.0.0.0/8, ::1/128)'
  else if (inRange('169.254.0.0/16')) why = 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'
  else if (inRange('224.0.0.0/24')) why = 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'
  return why ? [{ type: 'Invalid', field: path, value: ip, detail: why }] : []
}

/** ValidateService. */
export function validateService(svc: KubeObject): FieldError[] {
  const spec = specOf(svc)
  const errs = validateObjectMeta(svc, isDNS1035Label)
  const ports: Obj[] = Array.isArray(spec.ports) ? spec.ports : []
  const headless = isHeadless(spec)
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push({ type: 'Required', field: 'spec.ports' })
  switch (spec.type) {
    case 'LoadBalancer':
      if (headless) errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', value: ips(spec)[0] ?? 'None', detail: "may not be set to 'None' for LoadBalancer services" })
      ports.forEach((p, i) => {
        if (p.port === 10250) errs.push({ type: 'Invalid', field: `spec.ports[${i}]`, value: 10250, detail: 'may not expose port 10250 externally since it is used by kubelet' })
      })
      break
    case 'NodePort':
      if (headless) errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', value: ips(spec)[0] ?? 'None', detail: "may not be set to 'None' for NodePort services" })
      break
    case 'ExternalName': {
      if (ips(spec).length > 0) errs.push({ type: 'Forbidden', field: 'spec.clusterIPs', detail: 'may not be set for ExternalName services' })
      if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0) errs.push({ type: 'Forbidden', field: 'spec.ipFamilies', detail: 'may not be set for ExternalName services' })
      if (spec.ipFamilyPolicy) errs.push({ type: 'Forbidden', field: 'spec.ipFamilyPolicy', detail: 'may not be set for ExternalName services' })
      const cname = String(spec.externalName ?? '').replace(/\.$/, '')
      if (cname) for (const msg of isDNS1123Subdomain(cname)) errs.push({ type: 'Invalid', field: 'spec.externalName', value: cname, detail: msg })
      else errs.push({ type: 'Required', field: 'spec.externalName' })
      break
    }
  }
  const names = new Set<string>()
  ports.forEach((p, i) => errs.push(...validateServicePort(p ?? {}, ports.length > 1, names, `spec.ports[${i}]`)))
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'))
  if (!spec.sessionAffinity) errs.push({ type: 'Required', field: 'spec.sessionAffinity' })
  else if (!AFFINITIES.includes(spec.sessionAffinity)) errs.push({ type: 'NotSupported', field: 'spec.sessionAffinity', value: spec.sessionAffinity, supported: AFFINITIES })
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig
    const why = 'when session affinity type is ClientIP'
    if (!cfg) errs.push({ type: 'Required', field: 'spec.sessionAffinityConfig', detail: why })
    else if (!cfg.clientIP) errs.push({ type: 'Required', field: 'spec.sessionAffinityConfig.clientIP', detail: why })
    else if (cfg.clientIP.timeoutSeconds === undefined || cfg.clientIP.timeoutSeconds === null) errs.push({ type: 'Required', field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', detail: why })
    else {
      const t = cfg.clientIP.timeoutSeconds
      if (t <= 0 || t > MAX_CLIENT_IP_TIMEOUT) errs.push({ type: 'Invalid', field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', value: t, detail: `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}` })
    }
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push({ type: 'Forbidden', field: 'spec.sessionAffinityConfig', detail: 'must not be set when session affinity is None' })
  }
  errs.push(...validateClusterIPsRelated(svc))
  ;(Array.isArray(spec.externalIPs) ? spec.externalIPs : []).forEach((ip: string, i: number) => {
    const p = `spec.externalIPs[${i}]`
    if (!isValidIP(String(ip))) errs.push({ type: 'Invalid', field: p, value: ip, detail: IP_MSG })
    else errs.push(...nonSpecialIP(ip, p))
  })
  if (!spec.type) errs.push({ type: 'Required', field: 'spec.type' })
  else if (!TYPES.includes(spec.type)) errs.push({ type: 'NotSupported', field: 'spec.type', value: spec.type, supported: TYPES })
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p?.nodePort) errs.push({ type: 'Forbidden', field: `spec.ports[${i}].nodePort`, detail: "may not be used when `type` is 'ClusterIP'" })
    })
  }
  const nodePorts = new Set<string>()
  ports.forEach((p, i) => {
    if (!p?.nodePort) return
    const k = `${p.protocol}/${p.nodePort}`
    if (nodePorts.has(k)) errs.push({ type: 'Duplicate', field: `spec.ports[${i}].nodePort`, value: p.nodePort })
    nodePorts.add(k)
  })
  const portKeys = new Set<string>()
  ports.forEach((p, i) => {
    const k = `${p?.protocol}/${p?.port}`
    if (portKeys.has(k)) errs.push({ type: 'Duplicate', field: `spec.ports[${i}]`, valueText: goServicePortKey(String(p?.protocol ?? ''), Number(p?.port ?? 0)) })
    portKeys.add(k)
  })
  if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0) {
    if (spec.type !== 'LoadBalancer') errs.push({ type: 'Forbidden', field: 'spec.LoadBalancerSourceRanges', detail: "may only be used when `type` is 'LoadBalancer'" })
    spec.loadBalancerSourceRanges.forEach((r: string, i: number) => {
      const v = String(r).trim()
      if (!parseCIDR(v) && !(v.includes('/') && isIPv6(v.split('/')[0]))) {
        errs.push({ type: 'Invalid', field: `spec.LoadBalancerSourceRanges[${i}]`, value: v, detail: 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' })
      }
    })
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && spec.type !== 'LoadBalancer') {
    errs.push({ type: 'Forbidden', field: 'spec.allocateLoadBalancerNodePorts', detail: "may only be used when `type` is 'LoadBalancer'" })
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    errs.push({ type: 'Required', field: 'allocateLoadBalancerNodePorts' })
  }
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null && spec.type !== 'LoadBalancer') {
    errs.push({ type: 'Forbidden', field: 'spec.loadBalancerClass', detail: 'may only be used when service type is \'LoadBalancer\'' })
  }
  // external traffic policy and health check node port
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push({ type: 'Invalid', field: 'spec.externalTrafficPolicy', value: spec.externalTrafficPolicy, detail: 'may only be set for externally-accessible services' })
  } else if (!spec.externalTrafficPolicy) {
    errs.push({ type: 'Required', field: 'spec.externalTrafficPolicy' })
  } else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
    errs.push({ type: 'NotSupported', field: 'spec.externalTrafficPolicy', value: spec.externalTrafficPolicy, supported: ['Cluster', 'Local'] })
  }
  if (!needsHealthCheckNodePort(spec)) {
    if (spec.healthCheckNodePort) errs.push({ type: 'Invalid', field: 'spec.healthCheckNodePort', value: spec.healthCheckNodePort, detail: "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'" })
  } else if (!spec.healthCheckNodePort) {
    errs.push({ type: 'Required', field: 'spec.healthCheckNodePort' })
  } else {
    for (const msg of isValidPortNum(spec.healthCheckNodePort)) errs.push({ type: 'Invalid', field: 'spec.healthCheckNodePort', value: spec.healthCheckNodePort, detail: msg })
  }
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) errs.push({ type: 'Required', field: 'spec.internalTrafficPolicy' })
  } else if (!['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push({ type: 'NotSupported', field: 'spec.internalTrafficPolicy', value: spec.internalTrafficPolicy, supported: ['Cluster', 'Local'] })
  }
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && spec.trafficDistribution !== 'PreferClose') {
    errs.push({ type: 'NotSupported', field: 'spec.trafficDistribution', value: spec.trafficDistribution, supported: ['PreferClose'] })
  }
  return errs
}

/** validateUpgradeDowngradeClusterIPs: a set ClusterIP may not change (also not to None). */
function validateClusterIPsUpdate(spec: Obj, old: Obj): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return []
  if (isHeadless(spec) && isHeadless(old)) return []
  const errs: FieldError[] = []
  const o = ips(old), n = ips(spec)
  if (o.length === n.length) {
    o.forEach((ip, i) => {
      if (ip !== n[i]) errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, valueText: ipsText(spec), detail: 'may not change once set' })
    })
  } else if (o.length > n.length) {
    if (n.length === 0) errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', valueText: ipsText(spec), detail: 'primary clusterIP can not be unset' })
    if (o.length > 0 && n.length > 0 && n[0] !== o[0]) errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', valueText: ipsText(spec), detail: 'may not change once set' })
    if (n.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', valueText: ipsText(spec), detail: "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP" })
    }
  } else if (o.length > 0 && n[0] !== o[0]) {
    errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', valueText: ipsText(spec), detail: 'may not change once set' })
  }
  return errs
}

/** ValidateServiceUpdate: immutability checks, then the full validation. */
export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const spec = specOf(svc), o = specOf(old)
  const errs = validateClusterIPsUpdate(spec, o)
  if (spec.type !== 'ExternalName' && o.type !== 'ExternalName') {
    const nf: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : []
    const of: string[] = Array.isArray(o.ipFamilies) ? o.ipFamilies : []
    if (nf.length && of.length && nf[0] !== of[0]) {
      errs.push({ type: 'Invalid', field: 'spec.ipFamilies[0]', valueText: `[]core.IPFamily{${nf.map((f) => JSON.stringify(f)).join(', ')}}`, detail: 'may not change once set' })
    }
  }
  if (o.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (o.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null)) {
    errs.push({ type: 'Invalid', field: 'spec.loadBalancerClass', value: spec.loadBalancerClass ?? null, detail: 'may not change once set' })
  }
  if (o.healthCheckNodePort && spec.healthCheckNodePort && o.healthCheckNodePort !== spec.healthCheckNodePort && needsHealthCheckNodePort(o) && needsHealthCheckNodePort(spec)) {
    errs.push({ type: 'Forbidden', field: 'spec.healthCheckNodePort', detail: 'field is immutable' })
  }
  return [...errs, ...validateService(svc)]
}
