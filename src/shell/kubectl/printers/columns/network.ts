// `kubectl get` columns for services, endpoints, endpointslices, ingresses and ingressclasses
// (k/k printers.go printService, printEndpoints, printEndpointSlice, printIngress, printIngressClass).

import type {
  EndpointSlice, Endpoints, Ingress, IngressClass, LoadBalancerIngress, Service, ServicePort,
} from '../../../../core/api/types.ts'
import { translateTimestampSince } from '../../age.ts'
import { formatLabelsMap } from './labels.ts'
import { listWithMore, type TableDef } from './types.ts'

const LB_WIDTH = 16

/** loadBalancerStatusStringer: sorted unique IPs (or hostnames), cut to 16 characters unless wide. */
export function loadBalancerStatus(ingress: LoadBalancerIngress[] | undefined, wide: boolean): string {
  const set = new Set<string>()
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip)
    else if (i.hostname) set.add(i.hostname)
  }
  let r = [...set].sort().join(',')
  if (!wide && r.length > LB_WIDTH) r = r.slice(0, LB_WIDTH - 3) + '...'
  return r
}

export function serviceExternalIP(svc: Service, wide: boolean): string {
  const ext = svc.spec.externalIPs ?? []
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>'
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc.status?.loadBalancer?.ingress, wide)
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',')
      return lb || '<pending>'
    }
    case 'ExternalName':
      return svc.spec.externalName ?? ''
  }
  return '<unknown>'
}

export function servicePorts(ports: ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',')
}

export const serviceTable: TableDef = {
  columns: [
    { name: 'Name' }, { name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' }, { name: 'Age' },
    { name: 'Selector', wide: true },
  ],
  row(obj, ctx) {
    const svc = obj as Service
    return [
      svc.metadata.name, svc.spec.type ?? 'ClusterIP', svc.spec.clusterIPs?.[0] || '<none>', serviceExternalIP(svc, ctx.wide),
      servicePorts(svc.spec.ports) || '<none>', translateTimestampSince(svc.metadata.creationTimestamp, ctx.now),
      formatLabelsMap(svc.spec.selector),
    ]
  },
}

/** formatEndpoints: ready `ip:port` per subset and port, at most 3 then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints, portNames?: Set<string>): string {
  const subsets = ep.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const list: string[] = []
  let count = 0
  for (const ss of subsets) {
    const addrs = ss.addresses ?? []
    if (!ss.ports?.length) {
      count += addrs.length
      for (const a of addrs) list.push(a.ip)
      continue
    }
    for (const p of ss.ports) {
      if (portNames && !portNames.has(p.name ?? '')) continue
      count += addrs.length
      for (const a of addrs) list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`)
    }
  }
  return listWithMore(list, count)
}

export const endpointsTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Endpoints' }, { name: 'Age' }],
  row(obj, ctx) {
    return [obj.metadata.name, formatEndpoints(obj as Endpoints), translateTimestampSince(obj.metadata.creationTimestamp, ctx.now)]
  },
}

export const endpointSliceTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
  row(obj, ctx) {
    const s = obj as EndpointSlice
    const ports = (s.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*'))
    const addrs = (s.endpoints ?? []).flatMap((e) => e.addresses)
    return [
      s.metadata.name, s.addressType, listWithMore(ports, ports.length) || '<unset>', listWithMore(addrs, addrs.length) || '<unset>',
      translateTimestampSince(s.metadata.creationTimestamp, ctx.now),
    ]
  },
}

/** formatHosts: the rules' hosts, at most 3 then ` + N more...`; `*` when none. */
export function ingressHosts(ing: Ingress): string {
  const rules = ing.spec.rules ?? []
  const list: string[] = []
  let more = false
  for (const r of rules) {
    if (list.length === 3) more = true
    if (!more && r.host) list.push(r.host)
  }
  if (list.length === 0) return '*'
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',')
}

export const ingressTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, { name: 'Age' }],
  row(obj, ctx) {
    const ing = obj as Ingress
    return [
      ing.metadata.name, ing.spec.ingressClassName ?? '<none>', ingressHosts(ing),
      loadBalancerStatus(ing.status?.loadBalancer?.ingress, ctx.wide), ing.spec.tls?.length ? '80, 443' : '80',
      translateTimestampSince(ing.metadata.creationTimestamp, ctx.now),
    ]
  },
}

export const ingressClassTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Parameters' }, { name: 'Age' }],
  row(obj, ctx) {
    const ic = obj as IngressClass
    const p = ic.spec?.parameters as { kind?: string; apiGroup?: string; name?: string } | undefined
    const params = p ? `${p.kind ?? ''}${p.apiGroup ? '.' + p.apiGroup : ''}/${p.name ?? ''}` : '<none>'
    return [ic.metadata.name, ic.spec?.controller ?? '', params, translateTimestampSince(ic.metadata.creationTimestamp, ctx.now)]
  },
}
