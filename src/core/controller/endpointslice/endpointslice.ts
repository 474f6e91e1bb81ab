// endpointslice-controller: for each Service with a selector, EndpointSlices (discovery.k8s.io/v1,
// `<svc>-<5 chars>`) listing the selected pods that have an IP, with ready/serving/terminating conditions,
// grouped by resolved port set, at most 100 endpoints per slice; a placeholder slice when none match.

import type { Change } from '../../apiserver/store.ts'
import type { EndpointPort, EndpointSlice, EndpointSliceEndpoint, Node, Pod, Service } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { rfc3339 } from '../../util/clock.ts'
import { deepClone } from '../../util/clone.ts'
import { canonicalEqual } from '../../util/equal.ts'
import { isPodReady } from '../podcontrol.ts'
import { inheritedLabels, isHeadless, podPorts, portsKey, selectedPods, servicesForPodChange } from './podendpoints.ts'

export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by'
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io'
export const SERVICE_NAME = 'kubernetes.io/service-name'
export const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'
export const MAX_ENDPOINTS_PER_SLICE = 100
const CAUSE = 'controller:endpointslice-controller'

export function podInEndpoints(p: Pod, includeTerminating: boolean): boolean {
  if (!p.status?.podIP) return false
  if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') return false
  if (!includeTerminating && p.metadata.deletionTimestamp) return false
  return true
}

/** a slice's own copy of its group's ports (slices of one group must not share objects the store keeps) */
const ownPorts = (ports: EndpointPort[] | null): EndpointPort[] | null => ports && ports.map((p) => ({ ...p }))

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Service', 'Pod', 'EndpointSlice']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Service') q.add(`${o.metadata.namespace}/${o.metadata.name}`)
    else if (o.kind === 'Pod') {
      for (const k of servicesForPodChange(this.ctx.informer, c, this.ctx.store)) q.add(k)
    } else if (o.kind === 'EndpointSlice' && c.type === 'DELETED' && !c.cause.startsWith('controller:endpointslice')) {
      const svc = o.metadata.labels?.[SERVICE_NAME]
      if (svc && o.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME) q.add(`${o.metadata.namespace}/${svc}`)
    }
  }

  private endpoint(svc: Service, p: Pod): EndpointSliceEndpoint {
    const serving = isPodReady(p)
    const terminating = !!p.metadata.deletionTimestamp
    const ep: EndpointSliceEndpoint = {
      addresses: [p.status!.podIP!],
      conditions: { ready: !!svc.spec.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
    }
    if (p.spec.hostname && p.spec.subdomain === svc.metadata.name) ep.hostname = p.spec.hostname
    if (p.spec.nodeName) ep.nodeName = p.spec.nodeName
    ep.targetRef = { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid }
    const zone = p.spec.nodeName && (this.ctx.store.get('Node', undefined, p.spec.nodeName) as Node | undefined)?.metadata.labels?.['topology.kubernetes.io/zone']
    if (zone) ep.zone = zone
    return ep
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const svc = this.ctx.store.get('Service', ns, name) as Service | undefined
    if (!svc || !svc.spec?.selector || !Object.keys(svc.spec.selector).length || svc.spec.type === 'ExternalName') return
    // desired: endpoints grouped by their port set
    const groups = new Map<string, { ports: EndpointPort[]; eps: EndpointSliceEndpoint[] }>()
    for (const p of selectedPods(this.ctx.informer, svc)) {
      if (!podInEndpoints(p, true)) continue
      const ports = podPorts(svc, p)
      const k = portsKey(ports)
      let g = groups.get(k)
      if (!g) groups.set(k, (g = { ports, eps: [] }))
      g.eps.push(this.endpoint(svc, p))
    }
    const desired: { ports: EndpointPort[] | null; endpoints: EndpointSliceEndpoint[] | null }[] = []
    for (const g of groups.values()) {
      for (let i = 0; i < g.eps.length; i += MAX_ENDPOINTS_PER_SLICE) desired.push({ ports: g.ports, endpoints: g.eps.slice(i, i + MAX_ENDPOINTS_PER_SLICE) })
    }
    if (!desired.length) desired.push({ ports: null, endpoints: null })
    const labels = { ...inheritedLabels(svc), [MANAGED_BY]: CONTROLLER_NAME, [SERVICE_NAME]: name }
    const existing = this.ctx.informer.dependents(svc.metadata.uid)
      .filter((o) => o.kind === 'EndpointSlice' && o.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME)
      .map((o) => this.ctx.store.get('EndpointSlice', ns, o.metadata.name) as EndpointSlice)
      .filter(Boolean)
      .sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : a.metadata.name < b.metadata.name ? -1 : 1))
    // keep slices whose content already matches, then reuse the others in order
    const unmatched = [...existing]
    const todo: typeof desired = []
    for (const d of desired) {
      const i = unmatched.findIndex((s) => canonicalEqual(s.ports, d.ports) && canonicalEqual(s.endpoints, d.endpoints) && canonicalEqual(s.metadata.labels, labels))
      if (i >= 0) unmatched.splice(i, 1)
      else todo.push(d)
    }
    const now = rfc3339(this.ctx.clock.now())
    for (const d of todo) {
      const reuse = unmatched.shift()
      if (reuse) {
        const s = deepClone(reuse)
        s.endpoints = d.endpoints
        s.ports = ownPorts(d.ports)
        s.metadata.labels = { ...labels }
        s.metadata.annotations = { ...(s.metadata.annotations ?? {}), [TRIGGER_TIME]: now }
        this.ctx.store.update(s, { cause: CAUSE, owned: true })
      } else {
        const s: EndpointSlice = {
          apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
          metadata: {
            name: '', generateName: `${name}-`, namespace: ns, labels: { ...labels }, annotations: { [TRIGGER_TIME]: now },
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
          },
          endpoints: d.endpoints, ports: ownPorts(d.ports),
        }
        this.ctx.store.create(s, { cause: CAUSE, owned: true })
      }
    }
    for (const s of unmatched) this.ctx.store.delete('EndpointSlice', ns, s.metadata.name, { cause: CAUSE })
  }
}

export { isHeadless }
