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

/**
 * A key for a podPorts() result: equal exactly when canonicalJSON of the lists would be (its objects carry
 * only name, port, protocol and appProtocol), without sorting keys for every pod.
 */
export function portsKey(ports: EndpointPort[]): string {
  let k = ''
  for (const p of ports) k += `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol ?? ''}\u0000${p.appProtocol ?? '\u0001'}\u0002`
  return k
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

const byLabels = new WeakMap<object, { ns: string; version: number; keys: string[] }>()

/**
 * Services (keys `ns/name`) whose selector matches a pod's labels, via the informer's selector index. The
 * answer is kept per labels object (a pod's versions share it) until the Service index changes. Do not
 * mutate the returned list.
 */
export function servicesForPod(inf: Informer, pod: Pod, store: { get(kind: string, ns: string | undefined, name: string): unknown }): string[] {
  const ns = pod.metadata.namespace ?? 'default'
  const labels = pod.metadata.labels
  if (!labels) return servicesMatching(inf, pod, ns, store)
  const hit = byLabels.get(labels)
  if (hit && hit.ns === ns && hit.version === inf.servicesVersion) return hit.keys
  const keys = servicesMatching(inf, pod, ns, store)
  byLabels.set(labels, { ns, version: inf.servicesVersion, keys })
  return keys
}

function servicesMatching(inf: Informer, pod: Pod, ns: string, store: { get(kind: string, ns: string | undefined, name: string): unknown }): string[] {
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
    const o = c.object, old = c.old
    if (!old || (old.metadata.labels === o.metadata.labels && old.metadata.namespace === o.metadata.namespace)) {
      // one label set (a status write keeps the labels object): the same Services either way
      out = servicesForPod(inf, o as Pod, store)
    } else {
      const set = new Set<string>()
      for (const p of [o, old]) for (const k of servicesForPod(inf, p as Pod, store)) set.add(k)
      out = [...set]
    }
    perChange.set(c, out)
  }
  return out
}
