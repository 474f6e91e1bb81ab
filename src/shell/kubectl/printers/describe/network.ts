// kubectl describe for services, endpoints, endpointslices, ingresses and ingressclasses
// (describe.go describeService, describeEndpoints, describeEndpointSliceV1, describeIngressV1, describeIngressClassV1).

import type {
  EndpointSlice, Endpoints, Ingress, IngressBackend, IngressClass, KubeObject, Service,
} from '../../../../core/api/types.ts'
import { formatLabelsMap } from '../columns/labels.ts'
import { loadBalancerStatus } from '../columns/network.ts'
import { PrefixWriter, annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './writer.ts'

function slicesOf(ctx: DescribeContext, ns: string | undefined, svc: string): EndpointSlice[] {
  return (ctx.store.list('EndpointSlice', ns) as EndpointSlice[]).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc)
}

/** net.JoinHostPort */
function joinHostPort(host: string, port: number | undefined): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/**
 * formatEndpointSlices as kubectl v1.32 has it: ready `ip:port` of the named port, at most 3, then ` + N more...`;
 * `<none>` without slices. The truncation flag is set when a 4th endpoint is visited, before the readiness filter
 * (#126932) skips not-ready ones, while only ready endpoints are counted: 3 ready endpoints followed by a not-ready
 * one print `+ 0 more...` (kubernetes/kubernetes#142209, fixed long after v1.32).
 */
export function formatEndpointSlices(slices: EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>'
  const max = 3
  const list: string[] = []
  let more = false
  let count = 0
  const visit = (e: { addresses: string[]; conditions?: { ready?: boolean } }, text: string) => {
    if (list.length === max) more = true
    if (e.conditions?.ready === false) return
    if (!more) list.push(text)
    count++
  }
  for (const s of slices) {
    const eps = s.endpoints ?? []
    if (!s.ports?.length) {
      // headless services may have no ports
      for (const e of eps) visit(e, e.addresses[0])
      continue
    }
    for (const p of s.ports) {
      if (portName !== undefined && (p.name ?? '') !== portName) continue
      for (const e of eps) visit(e, joinHostPort(e.addresses[0], p.port))
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - max} more...` : ret
}

export function describeService(svc: Service, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  const s = svc.spec
  w.write(0, `Name:\t${svc.metadata.name}\n`)
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`)
  labelsMultiline(w, 'Labels', svc.metadata.labels)
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations)
  w.write(0, `Selector:\t${formatLabelsMap(s.selector)}\n`)
  w.write(0, `Type:\t${s.type ?? ''}\n`)
  if (s.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${s.ipFamilyPolicy}\n`)
  w.write(0, `IP Families:\t${s.ipFamilies?.length ? s.ipFamilies.join(',') : '<none>'}\n`)
  w.write(0, `IP:\t${s.clusterIP ?? ''}\n`)
  w.write(0, `IPs:\t${s.clusterIPs?.length ? s.clusterIPs.join(',') : '<none>'}\n`)
  if (s.externalIPs?.length) w.write(0, `External IPs:\t${s.externalIPs.join(',')}\n`)
  if (s.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${s.loadBalancerIP}\n`)
  if (s.externalName) w.write(0, `External Name:\t${s.externalName}\n`)
  const ing = svc.status?.loadBalancer?.ingress ?? []
  if (ing.length) w.write(0, `LoadBalancer Ingress:\t${ing.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : i.hostname ?? '')).join(', ')}\n`)
  const slices = slicesOf(ctx, svc.metadata.namespace, svc.metadata.name)
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>'
    const proto = p.protocol ?? 'TCP'
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`)
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`)
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`)
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`)
  }
  w.write(0, `Session Affinity:\t${s.sessionAffinity ?? ''}\n`)
  if (s.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${s.externalTrafficPolicy}\n`)
  if (s.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`)
  if (s.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${s.healthCheckNodePort}\n`)
  if (s.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${s.loadBalancerSourceRanges.join(',')}\n`)
  if (s.trafficDistribution) w.write(0, `Traffic Distribution:\t${s.trafficDistribution}\n`)
  describeEvents(w, eventsFor(ctx, svc), ctx.now)
  return w.toString()
}

export function describeEndpoints(ep: Endpoints, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ep.metadata.name}\n`)
  w.write(0, `Namespace:\t${ep.metadata.namespace}\n`)
  labelsMultiline(w, 'Labels', ep.metadata.labels)
  annotationsMultiline(w, 'Annotations', ep.metadata.annotations)
  w.write(0, 'Subsets:\n')
  for (const ss of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`)
    w.write(1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`)
    if (ss.ports?.length) {
      w.write(1, 'Ports:\n')
      w.write(2, 'Name\tPort\tProtocol\n')
      w.write(2, '----\t----\t--------\n')
      for (const p of ss.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`)
    }
    w.write(0, '\n')
  }
  describeEvents(w, eventsFor(ctx, ep), ctx.now)
  return w.toString()
}

export function describeEndpointSlice(eps: EndpointSlice, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${eps.metadata.name}\n`)
  w.write(0, `Namespace:\t${eps.metadata.namespace}\n`)
  labelsMultiline(w, 'Labels', eps.metadata.labels)
  annotationsMultiline(w, 'Annotations', eps.metadata.annotations)
  w.write(0, `AddressType:\t${eps.addressType}\n`)
  if (!eps.ports?.length) w.write(0, 'Ports: <unset>\n')
  else {
    w.write(0, 'Ports:\n')
    w.write(1, 'Name\tPort\tProtocol\n')
    w.write(1, '----\t----\t--------\n')
    for (const p of eps.ports) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`)
  }
  if (!eps.endpoints?.length) w.write(0, 'Endpoints: <none>\n')
  else {
    w.write(0, 'Endpoints:\n')
    for (const e of eps.endpoints) {
      w.write(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`)
      w.write(2, 'Conditions:\n')
      w.write(3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`)
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`)
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`)
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`)
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`)
    }
  }
  describeEvents(w, eventsFor(ctx, eps), ctx.now)
  return w.toString()
}

function describeBackend(ctx: DescribeContext, ns: string | undefined, b: IngressBackend): string {
  if (b.service) {
    const sb = `${b.service.name}:${b.service.port.number || b.service.port.name || ''}`
    const svc = ctx.store.get('Service', ns, b.service.name) as Service | undefined
    if (!svc) return `${sb} (<error: services "${b.service.name}" not found>)`
    let spName = ''
    for (const p of svc.spec.ports ?? []) {
      if ((b.service.port.number && b.service.port.number === p.port) || (b.service.port.name && b.service.port.name === p.name)) spName = p.name ?? ''
    }
    return `${sb} (${formatEndpointSlices(slicesOf(ctx, ns, b.service.name), spName)})`
  }
  if (b.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`
  return ''
}

export function describeIngress(ing: Ingress, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  const ns = ing.metadata.namespace
  w.write(0, `Name:\t${ing.metadata.name}\n`)
  labelsMultiline(w, 'Labels', ing.metadata.labels)
  w.write(0, `Namespace:\t${ns}\n`)
  w.write(0, `Address:\t${loadBalancerStatus(ing.status?.loadBalancer?.ingress, true)}\n`)
  w.write(0, `Ingress Class:\t${ing.spec.ingressClassName ?? '<none>'}\n`)
  const def = ing.spec.defaultBackend ? describeBackend(ctx, ns, ing.spec.defaultBackend) : '<default>'
  w.write(0, `Default backend:\t${def}\n`)
  if (ing.spec.tls?.length) {
    w.write(0, 'TLS:\n')
    for (const t of ing.spec.tls) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`)
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n')
  w.write(1, '----\t----\t--------\n')
  let count = 0
  for (const r of ing.spec.rules ?? []) {
    if (!r.http) continue
    count++
    w.write(1, `${r.host || '*'}\t\n`)
    for (const p of r.http.paths) w.write(2, `\t${p.path ?? ''} \t${describeBackend(ctx, ns, p.backend)}\n`)
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`)
  annotationsMultiline(w, 'Annotations', ing.metadata.annotations)
  describeEvents(w, eventsFor(ctx, ing), ctx.now)
  return w.toString()
}

export function describeIngressClass(ic: IngressClass, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ic.metadata.name}\n`)
  labelsMultiline(w, 'Labels', ic.metadata.labels)
  annotationsMultiline(w, 'Annotations', ic.metadata.annotations)
  w.write(0, `Controller:\t${ic.spec?.controller ?? ''}\n`)
  const p = ic.spec?.parameters as { apiGroup?: string; kind?: string; name?: string } | undefined
  if (p) {
    w.write(0, 'Parameters:\n')
    if (p.apiGroup) w.write(1, `APIGroup:\t${p.apiGroup}\n`)
    w.write(1, `Kind:\t${p.kind ?? ''}\n`)
    w.write(1, `Name:\t${p.name ?? ''}\n`)
  }
  describeEvents(w, eventsFor(ctx, ic as KubeObject), ctx.now)
  return w.toString()
}
