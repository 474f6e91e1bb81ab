// endpoints-controller: the v1 Endpoints object of each Service with a selector, same name as the Service:
// subsets of ready `addresses` and `notReadyAddresses` per port set (publishNotReadyAddresses makes all
// ready), the last-change-trigger-time annotation; removed with its Service.

import type { Change } from '../../apiserver/store.ts'
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { rfc3339 } from '../../util/clock.ts'
import { canonicalEqual } from '../../util/equal.ts'
import { isPodReady } from '../podcontrol.ts'
import { inheritedLabels, podPorts, portsKey, selectedPods, servicesForPodChange } from '../endpointslice/podendpoints.ts'
import { TRIGGER_TIME, podInEndpoints } from '../endpointslice/endpointslice.ts'

const CAUSE = 'controller:endpoints-controller'

const byIP = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0)

export class EndpointsController implements Controller {
  readonly name = 'endpoints-controller'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Service', 'Pod']
  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Service') q.add(`${o.metadata.namespace}/${o.metadata.name}`)
    else if (o.kind === 'Pod') {
      for (const k of servicesForPodChange(this.ctx.informer, c, this.ctx.store)) q.add(k)
    }
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const svc = this.ctx.store.get('Service', ns, name) as Service | undefined
    const cur = this.ctx.store.get('Endpoints', ns, name) as Endpoints | undefined
    if (!svc) {
      if (cur) this.ctx.store.delete('Endpoints', ns, name, { cause: CAUSE })
      return
    }
    if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length || svc.spec.type === 'ExternalName') return
    const pub = !!svc.spec.publishNotReadyAddresses
    const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>()
    for (const p of selectedPods(this.ctx.informer, svc)) {
      if (!podInEndpoints(p, pub)) continue
      const own = podPorts(svc, p)
      const ports = own.map((x) => {
        const e: EndpointPort = { port: x.port, protocol: x.protocol }
        if (x.name) e.name = x.name
        if (x.appProtocol) e.appProtocol = x.appProtocol
        return e
      })
      if (!ports.length && (svc.spec.ports ?? []).length) continue
      const k = portsKey(own)
      let g = groups.get(k)
      if (!g) groups.set(k, (g = { ports, ready: [], notReady: [] }))
      const addr: EndpointAddress = { ip: p.status!.podIP! }
      if (p.spec.hostname && p.spec.subdomain === name) addr.hostname = p.spec.hostname
      if (p.spec.nodeName) addr.nodeName = p.spec.nodeName
      addr.targetRef = { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid }
      if (pub || isPodReady(p)) g.ready.push(addr)
      else g.notReady.push(addr)
    }
    const subsets: EndpointSubset[] = [...groups.values()].map((g) => {
      const s: EndpointSubset = {}
      if (g.ready.length) s.addresses = g.ready.sort(byIP)
      if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIP)
      if (g.ports.length) s.ports = g.ports
      return s
    })
    const labels = inheritedLabels(svc)
    if (cur && canonicalEqual(cur.subsets ?? [], subsets) && canonicalEqual(cur.metadata.labels ?? {}, labels)) return
    const now = rfc3339(this.ctx.clock.now())
    const ep: Endpoints = {
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: {
        name, namespace: ns, ...(Object.keys(labels).length ? { labels } : {}),
        annotations: { ...(cur?.metadata.annotations ?? {}), [TRIGGER_TIME]: now },
      },
      ...(subsets.length ? { subsets } : {}),
    }
    if (cur) this.ctx.store.update(ep, { cause: CAUSE, owned: true })
    else this.ctx.store.create(ep, { cause: CAUSE, owned: true })
  }
}
