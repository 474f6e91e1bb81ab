// The kubernetes plugin of CoreDNS v1.11.3: answers for the cluster zone from Services, EndpointSlices,
// Namespaces and Pods in the store, as coredns/coredns plugin/kubernetes (kubernetes.go findServices/findPods,
// parse.go parseRequest, reverse.go serviceRecordForIP, ns.go nsAddrs, handler.go ServeDNS) and
// plugin/backend_lookup.go (A/AAAA with CNAME chasing, SRV weights and additional A, PTR, SOA, NS) build them.

import type { EndpointSlice, Namespace, Pod, Service } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import type { KubernetesConfig } from './plugins.ts'
import type { DnsQuestion, RRType, Rcode, ResourceRecord } from './types.ts'
import { rr } from './message.ts'
import { addressFromReverse, isIPv4, isSubDomain, labelsBelow, matchZone } from './names.ts'

/** kubernetes/dns schema version (kubernetes.go DNSSchemaVersion), served as TXT at dns-version.<zone>. */
export const DNS_SCHEMA_VERSION = '1.1.0'

/** What the plugin hands back to the server: a reply, or "not mine" (zone mismatch or fallthrough). */
export type KubernetesResult =
  | { kind: 'reply'; rcode: Rcode; answer: ResourceRecord[]; authority: ResourceRecord[]; additional: ResourceRecord[] }
  | { kind: 'next' }

export interface KubernetesContext {
  store: Store
  /** SOA serial: Unix seconds of the last relevant API change seen by this CoreDNS process */
  serial: number
  /** the serving pod's own IPs (ns.go localIPs) */
  localIPs: string[]
  /** resolve a name outside the zone through the whole server (plugin/pkg/upstream) */
  upstream(name: string, type: RRType): ResourceRecord[] | undefined
}

interface RecordRequest { port: string; protocol: string; endpoint: string; service: string; namespace: string; podOrSvc: string }

class NameError extends Error {}

/** msg.Service in CoreDNS: a host (IP or name), a port, and the owner name it stands for. */
interface Svc { host: string; port: number; ttl: number; domain: string }

const hostIsName = (h: string) => !isIPv4(h) && !h.includes(':')

function parseRequest(name: string, zone: string): RecordRequest {
  const r: RecordRequest = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' }
  const segs = labelsBelow(name, zone)
  if (segs.length === 0 || (segs.length === 1 && (segs[0] === 'svc' || segs[0] === 'pod'))) return r
  let last = segs.length - 1
  r.podOrSvc = segs[last]
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') throw new NameError('invalid query name')
  if (--last < 0) return r
  r.namespace = segs[last]
  if (--last < 0) return r
  r.service = segs[last]
  if (--last < 0) return r
  if (last === 0) r.endpoint = segs[0]
  else if (last === 1) { r.protocol = segs[1].replace(/^_/, ''); r.port = segs[0].replace(/^_/, '') }
  else throw new NameError('invalid query name')
  return r
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
const matchPP = (aPort: string, bPort: string, aProto: string, bProto: string) => (aPort === '' || eq(aPort, bPort)) && (aProto === '' || eq(aProto, bProto))

/** EndpointSliceToEndpoints: ready addresses (absent `ready` counts as ready), a sentinel port -1 when none. */
interface EpAddr { ip: string; hostname: string; targetRefName: string }
interface Eps { service: string; namespace: string; addresses: EpAddr[]; ports: { name: string; port: number; protocol: string }[] }

function endpointsOf(store: Store, ns: string | undefined): Eps[] {
  return (store.list('EndpointSlice', ns) as EndpointSlice[]).map((s) => ({
    service: s.metadata.labels?.['kubernetes.io/service-name'] ?? '',
    namespace: s.metadata.namespace ?? '',
    addresses: (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false)
      .flatMap((e) => e.addresses.map((ip) => ({ ip, hostname: e.hostname ?? '', targetRefName: e.targetRef?.name ?? '' }))),
    ports: s.ports?.length ? s.ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })) : [{ name: '', port: -1, protocol: '' }],
  }))
}

function endpointHostname(a: EpAddr, podNames: boolean): string {
  if (a.hostname) return a.hostname
  if (podNames && a.targetRefName) return a.targetRefName
  return a.ip.includes('.') ? a.ip.replace(/\./g, '-') : a.ip.replace(/:/g, '-')
}

export class KubernetesPlugin {
  constructor(readonly cfg: KubernetesConfig, private readonly ctx: KubernetesContext) {}

  private get primaryZone(): string {
    return this.cfg.zones.find((z) => !z.endsWith('in-addr.arpa.') && !z.endsWith('ip6.arpa.'))!
  }

  private namespaceExposed(ns: string): boolean {
    if (this.cfg.namespaces.length && !this.cfg.namespaces.includes(ns)) return false
    return !!(this.ctx.store.get('Namespace', undefined, ns) as Namespace | undefined)
  }

  private findServices(r: RecordRequest, zone: string): Svc[] {
    if (!this.namespaceExposed(r.namespace)) throw new NameError('no items found')
    if (r.service === '') return []
    const out: Svc[] = []
    let found = false
    const ttl = this.cfg.ttl
    const services = (this.ctx.store.list('Service', r.namespace) as Service[]).filter((s) => eq(s.metadata.name, r.service))
    for (const svc of services) {
      const name = svc.metadata.name, ns = svc.metadata.namespace ?? ''
      const base = `${name}.${ns}.svc.${zone}`
      const eps = () => endpointsOf(this.ctx.store, ns).filter((e) => e.service === name)
      const headless = svc.spec.clusterIP === 'None'
      if (this.cfg.ignoreEmptyService && svc.spec.type !== 'ExternalName' && !headless) {
        if (!eps().some((e) => e.addresses.length)) continue
      }
      if (svc.spec.type === 'ExternalName') {
        if (r.endpoint) continue
        const target = (svc.spec.externalName ?? '').replace(/\.?$/, '.')
        if (hostIsName(target.slice(0, -1))) { out.push({ host: target, port: 0, ttl, domain: base }); found = true }
        continue
      }
      if (headless || r.endpoint) {
        for (const ep of eps()) {
          for (const a of ep.addresses) {
            const host = endpointHostname(a, this.cfg.endpointPodNames)
            if (r.endpoint && !eq(r.endpoint, host)) continue
            for (const p of ep.ports) {
              if (!matchPP(r.port, p.name, r.protocol, p.protocol)) continue
              out.push({ host: a.ip, port: p.port, ttl, domain: `${host}.${base}` })
              found = true
            }
          }
        }
        continue
      }
      const ports = svc.spec.ports?.length ? svc.spec.ports : [{ name: '', port: -1, protocol: '' }]
      for (const p of ports) {
        if (!matchPP(r.port, p.name ?? '', r.protocol, p.protocol ?? 'TCP')) continue
        found = true
        for (const ip of svc.spec.clusterIPs ?? (svc.spec.clusterIP ? [svc.spec.clusterIP] : [])) out.push({ host: ip, port: p.port, ttl, domain: base })
      }
    }
    if (!found) throw new NameError('no items found')
    return out
  }

  private findPods(r: RecordRequest, zone: string): Svc[] {
    if (this.cfg.pods === 'disabled') throw new NameError('no items found')
    if (!this.namespaceExposed(r.namespace)) throw new NameError('no items found')
    if (r.service === '') return []
    const podname = r.service
    const domain = `${podname}.${r.namespace}.pod.${zone}`
    const dashed = (podname.match(/-/g) ?? []).length === 3 && !podname.includes('--')
    const ip = dashed ? podname.replace(/-/g, '.') : podname.replace(/-/g, ':')
    if (this.cfg.pods === 'insecure') {
      if (!isIPv4(ip)) throw new NameError('no items found') // the lab's pods are IPv4-only: an IPv6 label finds nothing
      return [{ host: ip, port: 0, ttl: this.cfg.ttl, domain }]
    }
    const pods = (this.ctx.store.list('Pod', r.namespace) as Pod[]).filter((p) => p.status?.podIP === ip && !p.spec.hostNetwork)
    if (!pods.length) throw new NameError('no items found')
    return pods.map(() => ({ host: ip, port: 0, ttl: this.cfg.ttl, domain }))
  }

  /** nsAddrs: the Services whose endpoints hold this CoreDNS pod, else the pod's own address. */
  private nsAddrs(zone: string): { name: string; ip: string }[] {
    const out: { name: string; ip: string }[] = []
    for (const local of this.ctx.localIPs) {
      for (const ep of endpointsOf(this.ctx.store, undefined)) {
        if (!ep.addresses.some((a) => a.ip === local)) continue
        const svc = this.ctx.store.get('Service', ep.namespace, ep.service) as Service | undefined
        if (!svc) continue
        const name = `${svc.metadata.name}.${ep.namespace}.svc.${zone}`
        if (svc.spec.clusterIP === 'None') for (const a of ep.addresses) out.push({ name: `${endpointHostname(a, this.cfg.endpointPodNames)}.${name}`, ip: a.ip })
        else if (svc.spec.clusterIP) out.push({ name, ip: svc.spec.clusterIP })
      }
    }
    return out.length ? out : this.ctx.localIPs.map((ip) => ({ name: `ns.dns.${zone}`, ip }))
  }

  /** Services() of the plugin: the special names first, then Records(). */
  private services(name: string, type: RRType, zone: string): Svc[] {
    if (type === 'TXT') {
      const segs = labelsBelow(name, zone)
      if (segs.length === 1 && segs[0] === 'dns-version') return [{ host: `"${DNS_SCHEMA_VERSION}"`, port: 0, ttl: 28800, domain: name }]
      return []
    }
    if (type === 'NS') return this.nsAddrs(zone).map((n) => ({ host: n.ip, port: 0, ttl: this.cfg.ttl, domain: n.name }))
    if (name.toLowerCase().startsWith('ns.dns.') && name.toLowerCase().slice('ns.dns.'.length) === zone) {
      return type === 'A' ? this.nsAddrs(zone).map((n) => ({ host: n.ip, port: 0, ttl: this.cfg.ttl, domain: name })) : []
    }
    const r = parseRequest(name, zone)
    if (r.podOrSvc === '') return []
    if (zone.endsWith('in-addr.arpa.') || zone.endsWith('ip6.arpa.')) throw new NameError('no items found')
    if (!this.namespaceExposed(r.namespace)) throw new NameError('namespace is not exposed')
    return r.podOrSvc === 'pod' ? this.findPods(r, zone) : this.findServices(r, zone)
  }

  /** plugin.A / plugin.AAAA with CNAME chasing (inside the zone recursively, outside via the upstream). */
  private address(name: string, type: 'A' | 'AAAA', zone: string, qname: string, prev: ResourceRecord[]): ResourceRecord[] {
    const out: ResourceRecord[] = []
    const seen = new Set<string>()
    for (const s of this.services(name, type, zone)) {
      if (hostIsName(s.host.replace(/\.$/, ''))) {
        if (eq(s.host, name)) continue
        const cname = rr(qname, 'CNAME', s.ttl, s.host)
        if (prev.length > 7 || prev.some((p) => p.type === 'CNAME' && eq(p.data, s.host))) continue
        if (isSubDomain(zone, s.host)) {
          try {
            const next = this.address(s.host, type, zone, s.host, [...prev, cname])
            if (next.length) out.push(cname, ...next)
          } catch (e) { if (!(e instanceof NameError)) throw e }
          continue
        }
        const up = this.ctx.upstream(s.host, type)
        if (up === undefined) continue
        out.push(cname, ...up)
        continue
      }
      const isV4 = isIPv4(s.host)
      if ((type === 'A') !== isV4 || seen.has(s.host)) continue
      seen.add(s.host)
      out.push(rr(qname, type, s.ttl, s.host))
    }
    return out
  }

  private srv(name: string, zone: string, qname: string): { answer: ResourceRecord[]; extra: ResourceRecord[] } {
    const svcs = this.services(name, 'SRV', zone).filter((s) => !hostIsName(s.host.replace(/\.$/, '')))
    const total = svcs.length * 100 // every record at priority 0 with weight 0 counts as 100 (backend_lookup.go SRV)
    const answer: ResourceRecord[] = [], extra: ResourceRecord[] = []
    const dup = new Set<string>()
    for (const s of svcs) {
      if (s.port === -1) continue
      const weight = Math.max(1, Math.floor((100 / total) * 100))
      const target = s.domain
      if (!dup.has(`${target}|${s.port}`)) { dup.add(`${target}|${s.port}`); answer.push(rr(qname, 'SRV', s.ttl, `0 ${weight} ${s.port} ${target}`)) }
      if (!dup.has(`${target}|${s.host}`)) { dup.add(`${target}|${s.host}`); extra.push(rr(target, 'A', s.ttl, s.host)) }
    }
    return { answer, extra }
  }

  private reverse(name: string): ResourceRecord[] {
    const ip = addressFromReverse(name)
    if (!ip) {
      const zone = matchZone(this.cfg.zones, name)
      this.services(name, 'A', zone)
      return []
    }
    const zone = this.primaryZone
    const ttl = this.cfg.ttl
    for (const svc of this.ctx.store.list('Service') as Service[]) {
      if (this.cfg.namespaces.length && !this.namespaceExposed(svc.metadata.namespace ?? '')) continue
      if ((svc.spec.clusterIPs ?? [svc.spec.clusterIP]).includes(ip) && svc.spec.clusterIP !== 'None') {
        return [rr(name, 'PTR', ttl, `${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}`)]
      }
    }
    const out: ResourceRecord[] = []
    for (const ep of endpointsOf(this.ctx.store, undefined)) {
      if (this.cfg.namespaces.length && !this.namespaceExposed(ep.namespace)) continue
      for (const a of ep.addresses) {
        if (a.ip !== ip) continue
        const target = `${endpointHostname(a, this.cfg.endpointPodNames)}.${ep.service}.${ep.namespace}.svc.${zone}`
        if (!out.some((o) => o.data === target)) out.push(rr(name, 'PTR', ttl, target))
      }
    }
    if (!out.length) throw new NameError('no items found')
    return out
  }

  soa(zone: string): ResourceRecord {
    const ttl = Math.min(this.cfg.ttl, 300)
    return rr(zone, 'SOA', ttl, `ns.dns.${zone} hostmaster.${zone} ${this.ctx.serial} 7200 1800 86400 ${this.cfg.ttl}`)
  }

  /** ServeDNS of the plugin (handler.go). */
  serve(q: DnsQuestion): KubernetesResult {
    const name = q.name
    const zone = matchZone(this.cfg.zones, name)
    if (!zone) return { kind: 'next' }
    let answer: ResourceRecord[] = [], extra: ResourceRecord[] = []
    try {
      switch (q.type) {
        case 'A': case 'AAAA': answer = this.address(name, q.type, zone, name, []); break
        case 'TXT': case 'CNAME': {
          const s = this.services(name, q.type, zone)
          if (q.type === 'TXT') answer = s.map((x) => rr(name, 'TXT', x.ttl, x.host))
          else if (s.length && hostIsName(s[0].host.replace(/\.$/, ''))) answer = [rr(name, 'CNAME', s[0].ttl, s[0].host)]
          break
        }
        case 'PTR': answer = this.reverse(name); break
        case 'SRV': ({ answer, extra } = this.srv(name, zone, name)); break
        case 'SOA':
          if (eq(name, zone)) answer = [this.soa(zone)]
          else this.address(name, 'A', zone, name, [])
          break
        case 'NS':
          if (eq(name, zone)) {
            for (const s of this.services(name, 'NS', zone)) {
              if (!answer.some((a) => a.data === s.domain)) answer.push(rr(name, 'NS', s.ttl, s.domain))
              extra.push(rr(s.domain, 'A', s.ttl, s.host))
            }
            break
          }
          this.address(name, 'A', zone, name, [])
          break
        default: this.address(name, 'A', zone, name, [])
      }
    } catch (e) {
      if (!(e instanceof NameError)) throw e
      const ft = this.cfg.fallthrough
      if (ft && (ft.length === 0 || ft.some((z) => isSubDomain(z, name)))) return { kind: 'next' }
      return { kind: 'reply', rcode: 'NXDOMAIN', answer: [], authority: [this.soa(zone)], additional: [] }
    }
    if (!answer.length) return { kind: 'reply', rcode: 'NOERROR', answer: [], authority: [this.soa(zone)], additional: [] }
    return { kind: 'reply', rcode: 'NOERROR', answer: dedup(answer), authority: [], additional: dedup(extra) }
  }
}

function dedup(list: ResourceRecord[]): ResourceRecord[] {
  const seen = new Set<string>()
  return list.filter((r) => {
    const k = `${r.name.toLowerCase()}|${r.type}|${r.data}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
