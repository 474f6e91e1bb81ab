// Shared by the EndpointSlice and Endpoints controllers: which pods a Service selects (through the informer's
// label index), and a pod's ports for the Service's ports, targetPort resolved by number or by the NAME
// of a containerPort (a pod without that named port is left out of that port).

import type { EndpointPort, Pod, Service } from '../../api/types.ts'
import type { Change, Store } from '../../apiserver/store.ts'
import type { Informer } from '../informer.ts'
import { anchorPair, matchesLabels } from '../selector.ts'

export function selectedPods(inf: Informer, svc: Service): Pod[] {
  const sel = svc.spec.selector
  if (!sel || !Object.keys(sel).length) return []
  const ns = svc.metadata.namespace ?? 'default'
  return inf.podsWith(ns, anchorPair(sel)).filter((p) => matchesLabels(sel, p.metadata.labels))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
}

/** The endpoint ports of `pod` for `svc` (name '' for an unnamed Service port), in Service port order. */
export function podPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = []
  for (const sp of svc.spec.ports ?? []) {
    const protocol = sp.protocol ?? 'TCP'
    const tp = sp.targetPort ?? sp.port
    let port: number | undefined
    if (typeof tp === 'number') port = tp
    else if (/^\d+$/.test(tp)) port = Number(tp)
    else {
      for (const c of pod.spec.containers ?? []) {
        const cp = c.ports?.find((p) => p.name === tp && (p.protocol ?? 'TCP') === protocol)
        if (cp) { port = cp.containerPort; break }
      }
    }
    if (port === undefined) continue
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol }
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol
    out.push(ep)
  }
  return out
}

export function isHeadless(svc: Service): boolean {
  return svc.spec.clusterIP === 'None'
}

/** The Service's labels minus those the controllers set themselves. */
export function inheritedLabels(svc: Service): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k === 'kubernetes.io/service-name' || k === 'endpointslice.kubernetes.io/managed-by') continue
    out[k] = v
  }
  if (isHeadless(svc)) out['service.kubernetes.io/headless'] = ''
  return out
}

/** Services (keys `ns/name`) whose selector matches a pod's labels, via the informer's selector index. */
export function servicesForPod(inf: Informer, pod: Pod, store: { get(kind: string, ns: string | undefined, name: string): unknown }): string[] {
  const ns = pod.metadata.namespace ?? 'default'
  const out = new Set<string>()
  for (const k in pod.metadata.labels ?? {}) {
    for (const name of inf.servicesSelecting(ns, `${k}=${pod.metadata.labels![k]}`)) {
      if (out.has(`${ns}/${name}`)) continue
      const svc = store.get('Service', ns, name) as Service | undefined
      if (svc && matchesLabels(svc.spec.selector, pod.metadata.labels)) out.add(`${ns}/${name}`)
    }
  }
  return [...out]
}

const perChange = new WeakMap<Change, string[]>()

/** Services affected by a pod change (old or new labels); computed once per change for both controllers. */
export function servicesForPodChange(inf: Informer, c: Change, store: Store): string[] {
  let out = perChange.get(c)
  if (!out) {
    const set = new Set<string>()
    for (const p of [c.object, c.old]) if (p) for (const k of servicesForPod(inf, p as Pod, store)) set.add(k)
    perChange.set(c, (out = [...set]))
  }
  return out
}
