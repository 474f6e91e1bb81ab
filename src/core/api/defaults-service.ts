// Service defaulting (k/k pkg/apis/core/v1/defaults.go SetDefaults_Service): type, affinity, port protocol,
// targetPort, traffic policies, LoadBalancer node-port allocation flag.
/* eslint-disable @typescript-eslint/no-explicit-any */

type Obj = Record<string, any>

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export const DEFAULT_CLIENT_IP_TIMEOUT = 10800

/** NodePort, LoadBalancer, or ClusterIP with external IPs (serviceutil.ExternallyAccessible). */
export function externallyAccessible(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
}

export function defaultService(svc: Obj): void {
  if (!isObj(svc.spec)) svc.spec = {}
  const s = svc.spec
  s.sessionAffinity ||= 'None'
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig
  if (s.sessionAffinity === 'ClientIP') {
    const t = s.sessionAffinityConfig?.clientIP?.timeoutSeconds
    if (t === undefined || t === null) s.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } }
  }
  s.type ||= 'ClusterIP'
  if (Array.isArray(s.ports)) {
    for (const p of s.ports) {
      if (!isObj(p)) continue
      p.protocol ||= 'TCP'
      if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port
    }
  }
  if (externallyAccessible(s) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster'
  if (s.internalTrafficPolicy === undefined || s.internalTrafficPolicy === null) {
    if (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP') s.internalTrafficPolicy = 'Cluster'
  }
  if (s.type === 'LoadBalancer') {
    s.allocateLoadBalancerNodePorts ??= true
    const ing = svc.status?.loadBalancer?.ingress
    if (Array.isArray(ing)) for (const i of ing) if (isObj(i) && i.ip && !i.ipMode) i.ipMode = 'VIP'
  }
}
