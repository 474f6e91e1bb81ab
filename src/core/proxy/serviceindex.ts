// The Services and EndpointSlices every node's kube-proxy watches, indexed once for the whole cluster (one
// informer cache instead of one per node): a change updates the index and names the Services it touched;
// each node's ProxyStateTracker re-reads just those Services when its rules are next needed.

import type { EndpointSlice, Service } from '../api/types.ts'
import type { Change, Store } from '../apiserver/store.ts'

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

/** `ns/svc` -> slice name -> slice */
export type SliceIndex = Map<string, Map<string, EndpointSlice>>

export class ServiceIndex {
  /** `ns/svc` -> Service */
  readonly services = new Map<string, Service>()
  readonly slices: SliceIndex = new Map()

  load(store: Store): this {
    for (const s of store.list('Service')) this.apply({ type: 'ADDED', object: s, cause: 'list', resourceVersion: 0 } as Change)
    for (const e of store.list('EndpointSlice')) this.apply({ type: 'ADDED', object: e, cause: 'list', resourceVersion: 0 } as Change)
    return this
  }

  /** Feed a store change; the `ns/svc` keys whose Service or slices it touched (none for other kinds). */
  apply(c: Change): string[] {
    const o = c.object
    if (o.kind === 'Service') {
      const key = `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`
      if (c.type === 'DELETED') this.services.delete(key)
      else this.services.set(key, o as Service)
      return [key]
    }
    if (o.kind !== 'EndpointSlice') return []
    const slice = o as EndpointSlice
    const ns = slice.metadata.namespace ?? 'default'
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL]
    const oldSvc = (c.old as EndpointSlice | undefined)?.metadata.labels?.[SERVICE_NAME_LABEL]
    const keys: string[] = []
    if (oldSvc && oldSvc !== svc) {
      const k = `${ns}/${oldSvc}`
      const m = this.slices.get(k)
      if (m?.delete(slice.metadata.name)) {
        if (!m.size) this.slices.delete(k)
        keys.push(k)
      }
    }
    if (!svc) return keys
    const key = `${ns}/${svc}`
    let m = this.slices.get(key)
    if (c.type === 'DELETED') {
      if (!m?.delete(slice.metadata.name)) return keys
      if (!m.size) this.slices.delete(key)
    } else {
      if (!m) this.slices.set(key, (m = new Map()))
      m.set(slice.metadata.name, slice)
    }
    keys.push(key)
    return keys
  }
}
